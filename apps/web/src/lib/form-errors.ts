import { ApiError } from '../api/client';

export interface FormErrors {
  /** Shown at the top of the form. */
  general: string | null;
  /** Keyed by the form's field name (the JSON field of the request). */
  fields: Record<string, string>;
}

export const NO_ERRORS: FormErrors = { general: null, fields: {} };

// "roles.1" or "roles[1]" belongs to the "roles" control.
function fieldOf(path: string): string {
  return path.split(/[.[]/)[0] ?? path;
}

/**
 * Spreads a server error over the form: each field message goes next to its control, and the general
 * message (plus messages for fields the form does not show) goes on top.
 */
export function toFormErrors(error: unknown, knownFields: readonly string[]): FormErrors {
  if (!(error instanceof ApiError)) {
    return { general: 'Непредвиденная ошибка. Повторите попытку.', fields: {} };
  }
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const { path, message } of error.fields) {
    const field = fieldOf(path);
    if (knownFields.includes(field)) {
      fields[field] = fields[field] ? `${fields[field]} ${message}` : message;
    } else {
      unplaced.push(message);
    }
  }
  const general = [error.message, ...unplaced].join(' ');
  return { general, fields };
}

export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Непредвиденная ошибка. Повторите попытку.';
}
