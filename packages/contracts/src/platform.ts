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
  /** The object's name as of the entry (from the entries before it, else its current name), if known. */
  objectName: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  /** Names of the employees and units the payload refers to by id: id → name. */
  references: z.record(z.string(), z.string()),
  hash: z.string(),
  /** The object's chain in the journal and the entry's number in it (technical data). */
  stream: z.string(),
  seq: z.number(),
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

/**
 * Where a journal verification first found a break, as the viewer's municipality may know it:
 * `elsewhere` is a break in another municipality's entries, named only there.
 */
export const JournalBreakSchema = z.object({
  kind: z.enum(['entry', 'missing_entry', 'stream', 'seal', 'elsewhere']),
  /** The journal number of the entry at fault (or of a stream's last remaining entry), when it exists. */
  entryId: z.string().nullable(),
  sealId: z.string().nullable(),
  stream: z.string().nullable(),
  /** The number in its stream of the entry at fault, or the one the stream's head points to. */
  seq: z.number().nullable(),
  reason: z.string(),
});

/** The integrity check of the whole journal run in the server (`POST /api/v1/journal/verification`). */
export const JournalVerificationSchema = z.object({
  ok: z.boolean(),
  /** When the check began and how long it took. */
  startedAt: z.string(),
  durationMs: z.number(),
  /** Of the whole installation: the seals chain every municipality's streams together. */
  entries: z.number(),
  streams: z.number(),
  seals: z.number(),
  signedSeals: z.number(),
  /** The verdict in Russian, as `npm run journal:verify` prints it. */
  summary: z.string(),
  firstBroken: JournalBreakSchema.nullable(),
});
export type JournalVerification = z.infer<typeof JournalVerificationSchema>;
export type JournalBreak = z.infer<typeof JournalBreakSchema>;
