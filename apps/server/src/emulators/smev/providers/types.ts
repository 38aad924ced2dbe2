import type { Agency } from '../../../platform/smev/kinds/types.js';
import type { RejectionCode, SmevAttachment } from '../../../platform/smev/types.js';

export type ProviderAnswer =
  | { content: string; attachments: SmevAttachment[] }
  | { rejected: { code: RejectionCode; description: string }[] };

/**
 * An agency's information system behind SMEV, as the emulator plays it: which kinds it serves (by the
 * request root's qualified name, as SMEV routes) and its answer from its demo register.
 */
export interface AgencyProvider {
  agency: Agency;
  /** The system's mnemonic in SMEV (Recipient of our requests, Sender of its answers). */
  mnemonic: string;
  /** Russian, e.g. «ФНС России». */
  name: string;
  accepts(namespace: string, root: string): boolean;
  /** `now`: the emulator's clock, for dates the answer carries. */
  answer(requestContent: string, context?: { now: Date }): ProviderAnswer;
}

export const UNKNOWN_REQUEST: ProviderAnswer = {
  rejected: [
    {
      code: 'UNKNOWN_REQUEST_DESCRIPTION',
      description: 'Запрос не соответствует формату вида сведений',
    },
  ],
};
