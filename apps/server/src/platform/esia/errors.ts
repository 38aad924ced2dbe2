/**
 * Why talking to ESIA failed, as the sign-in service needs to tell the person: ESIA could not be
 * reached, ESIA refused our request (its ESIA-xxxxxx code is in the detail), or ESIA's answer did not
 * pass our checks (a forged or broken token, another subject's data).
 */
export type EsiaFailure = 'unreachable' | 'refused' | 'invalid_response';

export class EsiaError extends Error {
  constructor(
    readonly failure: EsiaFailure,
    detail: string,
    /** ESIA's own code (`ESIA-007053`) when it answered with one. */
    readonly esiaCode?: string,
  ) {
    super(detail);
    this.name = 'EsiaError';
  }
}

/** `ESIA-007011: …` → `ESIA-007011`. */
export function esiaCodeOf(description: unknown): string | undefined {
  return typeof description === 'string' ? /^(ESIA-\d{6})/.exec(description)?.[1] : undefined;
}
