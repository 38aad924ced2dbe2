import { z } from 'zod';

/** What an empty required field says, whatever format it would have had. */
export const REQUIRED_MESSAGE = 'Обязательное поле';

/** Russian messages for validation issues, installed once per process (server and web alike). */
export const russianErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? REQUIRED_MESSAGE : 'Неверный тип значения';
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? REQUIRED_MESSAGE : `Не короче ${issue.minimum} символов`;
      }
      if (issue.origin === 'array') return `Выберите не менее ${issue.minimum}`;
      return `Значение не меньше ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `Не длиннее ${issue.maximum} символов`;
      if (issue.origin === 'array') return `Не более ${issue.maximum} элементов`;
      return `Значение не больше ${issue.maximum}`;
    case 'invalid_format':
      // An empty field is missing, not wrongly written (an empty e-mail, an empty date).
      if (issue.input === '') return issue.format === 'date' ? 'Укажите дату' : REQUIRED_MESSAGE;
      switch (issue.format) {
        case 'email':
          return 'Неверный адрес электронной почты';
        case 'uuid':
        case 'guid':
          return 'Неверный идентификатор';
        case 'date':
          // Dates are picked from a calendar: no format to ask for.
          return 'Неверная дата';
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
  const wraps = (node: z.ZodType) =>
    typeof node === 'object' && 'unwrap' in node && typeof node.unwrap === 'function';
  // A union's options are schemas; an enum's `options` are its values (strings), not a union.
  const isUnion = (node: z.ZodType) => (node as { def?: { type?: string } }).def?.type === 'union';
  let node = schema as z.ZodType | undefined;
  for (const [i, key] of path.entries()) {
    while (node && wraps(node) && !('shape' in node)) node = unwrap(node);
    // A union (the kinds of an applicant): the first option that labels the rest of the path.
    if (node && isUnion(node) && 'options' in node && Array.isArray(node.options)) {
      for (const option of node.options as z.ZodType[]) {
        const found = fieldLabel(option, path.slice(i));
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (!node || !('shape' in node) || typeof key !== 'string') return undefined;
    node = (node.shape as Record<string, z.ZodType>)[key];
  }
  while (node && node.description === undefined && wraps(node)) node = unwrap(node);
  return node?.description;
}

/**
 * A field's message headed by its label, as the server and the web write it («СНИЛС: Неверное
 * контрольное число»). A message that already begins with the label is not headed twice.
 */
export function labelled(label: string, message: string): string {
  const head = message.slice(0, label.length);
  const next = message.charAt(label.length);
  const repeats = head.toLowerCase() === label.toLowerCase() && !/[\p{L}\d]/u.test(next);
  return repeats ? message : `${label}: ${message}`;
}

/**
 * The longest string a request field takes (its `.max()`), found as `fieldLabel` finds the label,
 * through wrappers and pipes: the web sets it as the input's `maxLength`, so typing stops at the limit.
 */
export function fieldMaxLength(schema: unknown, path: readonly PropertyKey[]): number | undefined {
  type Node = z.ZodType & { shape?: Record<string, z.ZodType>; in?: z.ZodType; unwrap?: () => z.ZodType };
  const inner = (node: Node): Node | undefined => {
    if (typeof node.unwrap === 'function' && !node.shape) return node.unwrap();
    if (node._zod.def.type === 'pipe') return node.in;
    return undefined;
  };
  let node = schema as Node | undefined;
  for (const key of path) {
    while (node && !node.shape && inner(node)) node = inner(node);
    if (!node?.shape || typeof key !== 'string') return undefined;
    node = node.shape[key];
  }
  while (node) {
    if (node._zod.def.type === 'string') {
      const checks = (node._zod.def.checks ?? []) as {
        _zod: { def: { check?: string; maximum?: unknown } };
      }[];
      const limits = checks
        .map((c) => c._zod.def)
        .filter((d) => d.check === 'max_length' && typeof d.maximum === 'number')
        .map((d) => d.maximum as number);
      if (limits.length > 0) return Math.min(...limits);
    }
    node = inner(node);
  }
  return undefined;
}
