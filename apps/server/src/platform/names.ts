/** A person's full name as documents write it: last, first and middle name (when there is one). */
export function fullNameOf(e: { lastName: string; firstName: string; middleName: string | null }): string {
  return [e.lastName, e.firstName, e.middleName].filter(Boolean).join(' ');
}
