import { ApiError } from '../api/client';

/** The Russian message of a failed request, for a notice (a form spreads its errors itself). */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Непредвиденная ошибка. Повторите попытку.';
}

/** The message with the fields at fault, for a refusal of a request no form sent (a list's filters). */
export function errorWithFields(error: unknown): string {
  if (!(error instanceof ApiError)) return errorMessage(error);
  return [error.message, ...error.fields.map((field) => field.message)].join(' ');
}
