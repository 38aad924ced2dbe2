import type { ApplicantRecordInput } from '@uslugi/contracts';
import type { SmevAttachment } from '../types.js';

/** The agencies whose information kinds the system requests (and the bundled emulator answers for). */
export type Agency = 'fns' | 'rosreestr' | 'mvd' | 'sfr';

export const AGENCIES: readonly Agency[] = ['fns', 'rosreestr', 'mvd', 'sfr'];

/** What a request of one information kind is built from: the application's facts. */
export interface KindInput {
  /** Our request's id (uuid): ИдДок of ФНС, externalNumber of Росреестр. */
  requestId: string;
  /** The application's registration number: НомерДела. */
  registrationNumber: string;
  applicant: ApplicantRecordInput;
  /** Cadastral numbers named in the application. */
  cadastralNumbers: string[];
}

/**
 * The business document for MessagePrimaryContent (one element in its own namespace), or why this
 * kind is not requested for this application (Russian, shown to the executor).
 */
export type BuiltRequest = { content: string; attachments?: SmevAttachment[] } | { notApplicable: string };

/** An answer as the executor reads it on the case card (Russian). */
export interface AnswerView {
  found: boolean;
  summary: string;
  fields: { label: string; value: string }[];
}

/** One information kind («вид сведений»): its business format, both ways. */
export interface InformationKind {
  agency: Agency;
  title: string;
  /** The request root's namespace and local name: how SMEV tells the kind. */
  namespace: string;
  root: string;
  build(input: KindInput): BuiltRequest;
  /** Lenient: an answer of unexpected shape gives `found: false` and says so, it never throws. */
  read(content: string, attachments: SmevAttachment[]): AnswerView;
}
