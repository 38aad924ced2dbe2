import type { Tx } from '../../db/database.js';

/** What came back for a request, told to the module that asked (cases) in the receiving transaction. */
export interface SmevAnswerEvent {
  municipalityId: string;
  caseId: string;
  caseRequestId: string;
  smevRequestId: string;
  /** `answered`: the provider gave the data (or said it has none); `rejected`: it refused the request. */
  outcome: 'answered' | 'rejected';
  /** One line for the case card: the answer's summary or the reasons of the refusal (Russian). */
  text: string;
  /** The case's document of the answer (the business XML), if any. */
  documentId: string | null;
  documentTitle: string | null;
  requestKind: string;
  /** Who the request went on behalf of (the next sequential request goes on theirs too). */
  requestedBy: string | null;
  at: Date;
}

export type SmevAnswerHook = (tx: Tx, event: SmevAnswerEvent) => Promise<void>;

const hooks: SmevAnswerHook[] = [];

/**
 * Registers what the asking module does with an answer (the case's request answered, its term closed,
 * the next sequential request sent): the smev module never writes another module's tables. Registered
 * once, when that module is loaded.
 */
export function whenSmevAnswered(hook: SmevAnswerHook): void {
  hooks.push(hook);
}

export async function tellAnswered(tx: Tx, event: SmevAnswerEvent): Promise<void> {
  for (const hook of hooks) await hook(tx, event);
}
