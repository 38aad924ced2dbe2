import { useMemo, useRef } from 'react';
import { ApiError } from '../api/client';

export interface Intent {
  /** The `Idempotency-Key` for this request: the same while the same request is sent again. */
  keyFor: (request: unknown) => string;
  /** After the outcome is known (done, or refused by the server): the next press is a new intent. */
  settle: (error?: unknown) => void;
}

/**
 * One press of a button (or one dialog) is one intent and one `Idempotency-Key`: a retry of the same
 * request after a lost answer or a server failure sends the same key, so the server applies the
 * command once. A changed request (another PIN, a corrected text) is another intent with a new key.
 */
export function useIntent(): Intent {
  const last = useRef<{ key: string; request: string } | null>(null);
  return useMemo(
    () => ({
      keyFor(request) {
        const text = JSON.stringify(request ?? null);
        if (last.current?.request !== text) last.current = { key: crypto.randomUUID(), request: text };
        return last.current.key;
      },
      settle(error) {
        // No answer, or the server failed: whether it was applied is unknown, so a retry keeps the key.
        const unknownOutcome = error instanceof ApiError ? error.status === 0 || error.status >= 500 : false;
        if (!unknownOutcome) last.current = null;
      },
    }),
    [],
  );
}
