import { ApiError } from '../api/client';

/** The Russian message of a failed request, for a notice (a form spreads its errors itself). */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Непредвиденная ошибка. Повторите попытку.';
}
