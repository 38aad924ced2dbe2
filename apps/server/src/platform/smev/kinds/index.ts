import { egripKind } from './egrip.js';
import { egrnKind } from './egrn.js';
import { egrulKind } from './egrul.js';
import { passportKind } from './passport.js';
import { snilsKind } from './snils.js';
import type { InformationKind } from './types.js';

export type { Agency, AnswerView, BuiltRequest, InformationKind, KindInput } from './types.js';
export { AGENCIES } from './types.js';

/**
 * The information kinds by the codes of the `smev_request_kinds` directory
 * (data/reference/smev_request_kinds.json); the titles are the directory's names.
 */
const KINDS: Record<string, InformationKind> = {
  egrn_extract: egrnKind('Выписка из ЕГРН', 'mainCharacteristicsAndRights'),
  egrn_object: egrnKind('Выписка из ЕГРН об объекте недвижимости', 'mainCharacteristics'),
  egrn_rights: egrnKind('Выписка из ЕГРН о правах на объект недвижимости', 'rights'),
  egrul: egrulKind('Сведения из ЕГРЮЛ'),
  egrul_extract: egrulKind('Выписка из ЕГРЮЛ'),
  egrip: egripKind('Сведения из ЕГРИП'),
  egrip_extract: egripKind('Выписка из ЕГРИП'),
  passport_check: passportKind('Сведения о действительности паспорта'),
  snils_check: snilsKind('Сведения о СНИЛС'),
};

/** The kind a request of this directory code is; null for a code the adapter cannot request. */
export function informationKindOf(requestKindCode: string): InformationKind | null {
  return Object.hasOwn(KINDS, requestKindCode) ? (KINDS[requestKindCode] ?? null) : null;
}

export const INFORMATION_KIND_CODES: readonly string[] = Object.keys(KINDS);
