import { z } from 'zod';
import { SmevRequestStateSchema } from '../smev.js';
import { OUTCOMES, STAGE_KINDS, TechMapSchema } from '../catalog/tech-map.js';
import { ApplicationStatusSchema } from '../intake/applications.js';
import { CaseStatusSchema, TermStandingSchema } from './worklists.js';

/**
 * The case card (000 items 3.4, 3.5; 004 item 8): everything the executor, the head and the approving
 * official need on one page, and what they may do next. `actions` are exactly what the pinned map
 * allows the viewer at the current stage; the buttons are drawn from them.
 */

const Named = z.object({ id: z.string(), name: z.string() });

export const CaseActionViewSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** What pressing it does: a plain move, a decision, a signature, a return for revision. */
  kind: z.enum(['move', 'decision', 'sign', 'return']),
  decision: z.enum(['grant', 'refuse']).nullable(),
  reasonRequired: z.boolean(),
  /** A refusal chooses from these grounds (the card's exhaustive list). */
  grounds: z.array(z.object({ key: z.string(), text: z.string() })),
  /** Why the action cannot be taken now (an awaited answer), or null. */
  blockedBy: z.string().nullable(),
});
export type CaseActionView = z.infer<typeof CaseActionViewSchema>;

export const CaseStageRunSchema = z.object({
  stageKey: z.string(),
  name: z.string(),
  kind: z.enum(STAGE_KINDS),
  enteredAt: z.string(),
  leftAt: z.string().nullable(),
  /** The action that left it, by its label. */
  action: z.object({ key: z.string(), label: z.string() }).nullable(),
  actor: Named.nullable(),
  comment: z.string().nullable(),
  term: TermStandingSchema.nullable(),
});
export type CaseStageRun = z.infer<typeof CaseStageRunSchema>;

export const CaseDecisionViewSchema = z.object({
  id: z.string(),
  decision: z.enum(['grant', 'refuse']),
  actionLabel: z.string(),
  grounds: z.array(z.object({ key: z.string(), text: z.string() })),
  text: z.string(),
  draftDocumentId: z.string().nullable(),
  decidedBy: Named,
  decidedAt: z.string(),
  status: z.enum(['pending', 'returned', 'signed', 'withdrawn']),
  reviewedBy: Named.nullable(),
  reviewedAt: z.string().nullable(),
  /** «Отправить на доработку»: why. */
  returnReason: z.string().nullable(),
});
export type CaseDecisionView = z.infer<typeof CaseDecisionViewSchema>;

export const CaseRequestViewSchema = z.object({
  id: z.string(),
  stageKey: z.string(),
  kind: z.enum(['interagency', 'intra']),
  name: z.string(),
  /** The agency's name (interagency) or the unit's (intra). */
  addressee: z.string(),
  mode: z.enum(['parallel', 'sequential', 'blocking', 'intra']),
  status: z.enum(['pending', 'sent', 'answered', 'failed', 'cancelled']),
  statusTitle: z.string(),
  question: z.string().nullable(),
  answer: z.string().nullable(),
  answerChannel: z.enum(['smev', 'intra', 'manual']).nullable(),
  term: TermStandingSchema.nullable(),
  sentAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredBy: Named.nullable(),
  /** The exchange through SMEV of an inter-agency request (null: not sent through SMEV). */
  smev: SmevRequestStateSchema.nullable(),
});
export type CaseRequestView = z.infer<typeof CaseRequestViewSchema>;

/** A signature under a case's document: who, when, the certificate, and its verification summary. */
export const CaseSignatureViewSchema = z.object({
  id: z.string(),
  signer: z.string(),
  signingTime: z.string().nullable(),
  valid: z.boolean(),
  certificateSerial: z.string(),
  /** The stored verification report in one line: «Подпись действительна» or why not. */
  summary: z.string(),
});
export type CaseSignatureView = z.infer<typeof CaseSignatureViewSchema>;

export const CaseDocumentViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  fileName: z.string(),
  /** receipt, refusal notice, decision draft, the signed result. */
  role: z.enum(['receipt', 'notice', 'draft', 'result', 'answer']),
  createdAt: z.string(),
  signatures: z.array(CaseSignatureViewSchema),
});
export type CaseDocumentView = z.infer<typeof CaseDocumentViewSchema>;

/** One line of the case's journal, in Russian. */
export const CaseTimelineEntrySchema = z.object({
  at: z.string(),
  action: z.string(),
  title: z.string(),
  actor: z.string(),
  details: z.string().nullable(),
});
export type CaseTimelineEntry = z.infer<typeof CaseTimelineEntrySchema>;

export const CaseCardSchema = z.object({
  id: z.string(),
  registrationNumber: z.string(),
  status: CaseStatusSchema,
  outcome: z.enum(OUTCOMES).nullable(),
  outcomeTitle: z.string().nullable(),
  service: Named.extend({ code: z.string(), shortName: z.string() }),
  serviceVersionId: z.string(),
  application: z.object({
    id: z.string(),
    channel: z.enum(['paper', 'portal']),
    status: ApplicationStatusSchema,
    statusTitle: z.string(),
    registeredAt: z.string().nullable(),
  }),
  applicant: Named.nullable(),
  representative: Named.nullable(),
  orgUnit: Named.nullable(),
  executor: Named.nullable(),
  assignedAt: z.string().nullable(),
  stage: z.object({ key: z.string(), name: z.string(), kind: z.enum(STAGE_KINDS) }),
  /** The pinned map, for the diagram with the current stage highlighted. */
  techMap: TechMapSchema,
  /** What the viewer may do at the current stage. */
  actions: z.array(CaseActionViewSchema),
  /** «Назначить мне»: the viewer is an employee of the case's unit and the case has no executor (or another). */
  canAssignToMe: z.boolean(),
  /** The head of the case's unit (or above) may assign and reassign. */
  canAssign: z.boolean(),
  /** The service's term and the current stage's. */
  term: TermStandingSchema,
  stageTerm: TermStandingSchema.nullable(),
  stages: z.array(CaseStageRunSchema),
  decisions: z.array(CaseDecisionViewSchema),
  requests: z.array(CaseRequestViewSchema),
  documents: z.array(CaseDocumentViewSchema),
  timeline: z.array(CaseTimelineEntrySchema),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type CaseCard = z.infer<typeof CaseCardSchema>;

/** Who the head may assign the case to: employees of the case's unit and below. */
export const AssignableEmployeesSchema = z.object({
  items: z.array(
    z.object({ id: z.string(), name: z.string(), unit: z.string(), openCases: z.number().int() }),
  ),
});
