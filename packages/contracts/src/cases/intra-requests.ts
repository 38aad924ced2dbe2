import { z } from 'zod';

/**
 * Intra-agency requests awaiting an answer from a unit (внутриведомственные запросы): what the
 * addressed unit's workplace lists; the answer goes through POST …/cases/:id/requests/:requestId/answer.
 */
export const IntraRequestItemSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  registrationNumber: z.string(),
  serviceName: z.string(),
  name: z.string(),
  question: z.string().nullable(),
  toUnit: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(['pending', 'sent']),
  sentAt: z.string().nullable(),
  /** The last day of the answer term, `YYYY-MM-DD`, if the map sets one. */
  dueDate: z.string().nullable(),
});
export type IntraRequestItem = z.infer<typeof IntraRequestItemSchema>;

export const IntraRequestListSchema = z.object({ items: z.array(IntraRequestItemSchema) });
export type IntraRequestList = z.infer<typeof IntraRequestListSchema>;
