import { z } from 'zod';
import { REQUIRED_MESSAGE } from '../errors-ru.js';
import {
  isValidInnLegalEntity,
  isValidInnPerson,
  isValidKpp,
  isValidOgrn,
  isValidOgrnip,
} from '../identifiers.js';
import { line } from '../text.js';

/**
 * The identifiers of applicants, each checked with its control digits. The messages do not repeat the
 * field's name: the label (`describe`) heads them, so the screen and the API say «ИНН: Неверное
 * контрольное число».
 */
function digitsSchema(label: string, lengths: readonly number[], check: (digits: string) => boolean) {
  const lengthText = lengths.join(' или ');
  return line()
    .transform((value) => value.replace(/[\s-]/g, ''))
    .superRefine((value, ctx) => {
      if (value === '') return ctx.addIssue({ code: 'custom', message: REQUIRED_MESSAGE });
      if (!/^\d+$/.test(value) || !lengths.includes(value.length)) {
        return ctx.addIssue({ code: 'custom', message: `Должно быть ${lengthText} цифр` });
      }
      if (!check(value)) ctx.addIssue({ code: 'custom', message: 'Неверное контрольное число' });
    })
    .describe(label);
}

/** ИНН физического лица или индивидуального предпринимателя: 12 digits. */
export const InnPersonSchema = digitsSchema('ИНН', [12], isValidInnPerson);
/** ИНН юридического лица: 10 digits. */
export const InnLegalEntitySchema = digitsSchema('ИНН', [10], isValidInnLegalEntity);
export const OgrnSchema = digitsSchema('ОГРН', [13], isValidOgrn);
export const OgrnipSchema = digitsSchema('ОГРНИП', [15], isValidOgrnip);

export const KppSchema = line()
  .transform((value) => value.replace(/\s/g, '').toUpperCase())
  .superRefine((value, ctx) => {
    if (value === '') return ctx.addIssue({ code: 'custom', message: REQUIRED_MESSAGE });
    if (!isValidKpp(value)) {
      ctx.addIssue({ code: 'custom', message: '9 знаков: 4 цифры, 2 цифры или латинские буквы, 3 цифры' });
    }
  })
  .describe('КПП');

export type InnPerson = z.output<typeof InnPersonSchema>;
