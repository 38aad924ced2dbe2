import { z } from 'zod';

/** Russian messages for validation issues, installed once per process (server and web alike). */
export const russianErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? 'Обязательное поле'
        : 'Неверный тип значения';
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? 'Обязательное поле' : `Не короче ${issue.minimum} символов`;
      }
      if (issue.origin === 'array') return `Выберите не менее ${issue.minimum}`;
      return `Значение не меньше ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `Не длиннее ${issue.maximum} символов`;
      if (issue.origin === 'array') return `Не более ${issue.maximum} элементов`;
      return `Значение не больше ${issue.maximum}`;
    case 'invalid_format':
      switch (issue.format) {
        case 'email':
          return 'Неверный адрес электронной почты';
        case 'uuid':
        case 'guid':
          return 'Неверный идентификатор';
        case 'date':
          return 'Неверная дата (ожидается ГГГГ-ММ-ДД)';
        case 'datetime':
          return 'Неверные дата и время';
        default:
          return 'Неверный формат';
      }
    case 'invalid_value':
      return 'Недопустимое значение';
    case 'unrecognized_keys':
      return `Неизвестные поля: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return 'Недопустимое значение';
    default:
      return undefined;
  }
};

export function installRussianErrors(): void {
  z.config({ customError: russianErrorMap });
}

/**
 * The Russian label of a request field: its `.describe()` in a contracts' schema, found through the
 * optional/nullable wrappers to the object's shape. The server names a refused field with it and the
 * web does the same before sending, so both say «Отчество: …», not «middleName: …». A wrapper made
 * after `.describe()` (`personName('Отчество').nullish()`) does not carry the label: look inside it.
 */
export function fieldLabel(schema: unknown, path: readonly PropertyKey[]): string | undefined {
  const unwrap = (node: z.ZodType) => (node as unknown as { unwrap: () => z.ZodType }).unwrap();
  const wraps = (node: z.ZodType) => 'unwrap' in node && typeof node.unwrap === 'function';
  let node = schema as z.ZodType | undefined;
  for (const key of path) {
    while (node && wraps(node) && !('shape' in node)) node = unwrap(node);
    if (!node || !('shape' in node) || typeof key !== 'string') return undefined;
    node = (node.shape as Record<string, z.ZodType>)[key];
  }
  while (node && node.description === undefined && wraps(node)) node = unwrap(node);
  return node?.description;
}
