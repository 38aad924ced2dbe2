import { z } from 'zod';
import { RoleSchema } from './org.js';
import { isoDate, line } from './text.js';

export const ErrorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const SessionSchema = z.object({
  user: z.object({
    id: z.string(),
    fullName: z.string(),
    municipality: z.object({ id: z.string(), name: z.string() }),
    orgUnitName: z.string().nullable(),
    positionName: z.string().nullable(),
    roles: z.array(RoleSchema),
    permissions: z.array(z.string()),
  }),
  csrfToken: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;
export type SessionUser = Session['user'];

export const JournalQuerySchema = z.object({
  objectType: line().max(50).optional().describe('Тип объекта'),
  objectId: line().max(100).optional().describe('Объект'),
  actorId: z.uuid().optional().describe('Кто'),
  from: isoDate().optional().describe('Период с'),
  to: isoDate().optional().describe('Период по'),
  before: z.coerce.number().int().positive().optional().describe('Страница'),
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Количество записей'),
});

/** As the web sends it: the query string's numbers are coerced on the server. */
export type JournalQuery = Omit<z.input<typeof JournalQuerySchema>, 'before' | 'limit'> & {
  before?: string | number;
  limit?: number;
};

export const JournalEntrySchema = z.object({
  id: z.string(),
  recordedAt: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  actionTitle: z.string(),
  objectType: z.string(),
  objectTypeTitle: z.string(),
  objectId: z.string(),
  payload: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

/** A kind of object the journal records, with its Russian title: the journal filter's choices. */
export const JournalObjectTypeSchema = z.object({ code: z.string(), title: z.string() });
export type JournalObjectTypeOption = z.infer<typeof JournalObjectTypeSchema>;

export const JournalPageSchema = z.object({
  items: z.array(JournalEntrySchema),
  nextBefore: z.string().nullable(),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;
export type JournalPage = z.infer<typeof JournalPageSchema>;
