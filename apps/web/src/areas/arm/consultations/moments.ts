/** The value of a `datetime-local` control as the request's moment; empty: now (null). */
export function momentOf(local: string): string | null {
  if (local.trim() === '') return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}
