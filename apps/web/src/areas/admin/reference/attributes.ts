import {
  formatTerm,
  REFERENCE_DIRECTORY_INFO,
  type ReferenceAttributes,
  type ReferenceDirectoryCode,
} from '@uslugi/contracts';

/** Names of what attributes refer to: agencies by code, units by id. */
export interface AttributeNames {
  agency?: ReadonlyMap<string, string>;
  unit?: ReadonlyMap<string, string>;
}

/** A value's attributes as labelled Russian lines («Орган (организация): ФНС России (fns)»). */
export function attributeLines(
  directory: ReferenceDirectoryCode,
  attributes: ReferenceAttributes,
  names: AttributeNames,
): string[] {
  const lines: string[] = [];
  for (const field of REFERENCE_DIRECTORY_INFO[directory].attributes) {
    const value = attributes[field.key];
    if (value === undefined) continue;
    let shown: string;
    if (field.key === 'answerTerm' && typeof value === 'object') shown = formatTerm(value);
    else if (field.key === 'agency' && typeof value === 'string') {
      const name = names.agency?.get(value);
      shown = name ? `${name} (${value})` : value;
    } else if (field.key === 'unitId' && typeof value === 'string') {
      shown = names.unit?.get(value) ?? 'подразделение не найдено';
    } else shown = typeof value === 'string' ? value : JSON.stringify(value);
    lines.push(`${field.label}: ${shown}`);
  }
  return lines;
}
