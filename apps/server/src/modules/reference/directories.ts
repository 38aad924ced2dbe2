import {
  OKTMO_CODE,
  OKTMO_CODE_MESSAGE,
  REFERENCE_ATTRIBUTE_SCHEMAS,
  REFERENCE_DIRECTORIES,
  REFERENCE_DIRECTORY_INFO,
  fieldLabel,
  isReferenceDirectory,
  labelled,
  type ReferenceAttributes,
  type ReferenceDirectory,
  type ReferenceDirectoryCode,
} from '@uslugi/contracts';
import type { Tx } from '../../db/database.js';
import { runQuery, type CommandContext } from '../../platform/commands.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { orgUnitNames } from '../org/index.js';

/** The directory named in a path, or «Такого справочника нет» (404). */
export function directoryOf(value: string): ReferenceDirectoryCode {
  if (!isReferenceDirectory(value)) throw new AppError('reference_directory_unknown', `directory ${value}`);
  return value;
}

/** Every directory with its title and how many values it has in use and retired. */
export function listDirectories(ctx: CommandContext): Promise<ReferenceDirectory[]> {
  return runQuery(ctx, async (tx) => {
    const rows = await tx
      .selectFrom('referenceEntries')
      .select((eb) => [
        'directory',
        eb.fn.countAll<number>().filterWhere('retiredAt', 'is', null).as('active'),
        eb.fn.countAll<number>().filterWhere('retiredAt', 'is not', null).as('retired'),
      ])
      .groupBy('directory')
      .execute();
    const counts = new Map(rows.map((r) => [r.directory, r]));
    return REFERENCE_DIRECTORIES.map((code) => ({
      code,
      title: REFERENCE_DIRECTORY_INFO[code].title,
      description: REFERENCE_DIRECTORY_INFO[code].description,
      active: Number(counts.get(code)?.active ?? 0),
      retired: Number(counts.get(code)?.retired ?? 0),
    }));
  });
}

function refused(fields: FieldError[]): AppError {
  return new AppError('validation', fields.map((f) => f.message).join('; '), fields);
}

/** The code's own rule of a directory: an ОКТМО code is 8 or 11 digits. */
export function checkCode(directory: ReferenceDirectoryCode, code: string): void {
  if (directory === 'oktmo' && !OKTMO_CODE.test(code)) {
    throw refused([{ path: 'code', message: OKTMO_CODE_MESSAGE }]);
  }
}

/**
 * A value's attributes as its directory accepts them (400 with each field's Russian message): the
 * directory's own schema, then what it names must exist in this municipality — the agency of a kind of
 * inter-agency request among the agencies in use, the unit of a unit code among the org units.
 */
export async function checkAttributes(
  tx: Tx,
  directory: ReferenceDirectoryCode,
  attributes: ReferenceAttributes,
): Promise<ReferenceAttributes> {
  const schema = REFERENCE_ATTRIBUTE_SCHEMAS[directory];
  const parsed = schema.safeParse(attributes);
  if (!parsed.success) {
    const fields: FieldError[] = [];
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          fields.push({
            path: `attributes.${key}`,
            message: labelled(
              attributeLabel(key),
              `Не применяется в справочнике «${REFERENCE_DIRECTORY_INFO[directory].title}»`,
            ),
          });
        }
        continue;
      }
      const path = issue.path.map(String);
      const key = ['attributes', ...path].join('.');
      if (fields.some((f) => f.path === key)) continue;
      const label = fieldLabel(schema, issue.path) ?? attributeLabel(path[0] ?? '');
      fields.push({ path: key, message: labelled(label, issue.message) });
    }
    throw refused(fields);
  }
  const value = parsed.data;
  if (value.agency !== undefined) {
    const agency = await tx
      .selectFrom('referenceEntries')
      .select('id')
      .where('directory', '=', 'agencies')
      .where('code', '=', value.agency)
      .where('retiredAt', 'is', null)
      .executeTakeFirst();
    if (!agency) {
      throw refused([
        {
          path: 'attributes.agency',
          message: 'Орган (организация): нет действующего значения с таким кодом в справочнике органов',
        },
      ]);
    }
  }
  if (value.unitId !== undefined) {
    const units = await orgUnitNames(tx, [value.unitId]);
    if (!units.has(value.unitId)) {
      throw refused([{ path: 'attributes.unitId', message: 'Подразделение: такого подразделения нет' }]);
    }
  }
  return value;
}

function attributeLabel(key: string): string {
  for (const info of Object.values(REFERENCE_DIRECTORY_INFO)) {
    const field = info.attributes.find((a) => a.key === key);
    if (field) return field.label;
  }
  return key;
}
