import type { Database } from '../../db/database.js';
import type { EsiaAudience } from '../../db/schema.js';
import { municipalityCard } from '../municipalities/index.js';
import type { EsiaRuntime } from '../../platform/esia/install.js';
import { newState } from '../../platform/esia/protocol.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { browserHash, insertSignIn, isBrowserNonce, newBrowserNonce } from './sign-ins.js';

/** A path of this site to come back to; anything else (another site, the API) is dropped. */
export function safeReturnTo(value: string | null | undefined): string | null {
  if (!value || value.length > 500) return null;
  return /^\/(?!\/)(?!api\/)[^\s\\]*$/.test(value) ? value : null;
}

/**
 * Starts a sign-in: a fresh UUID v4 state remembered server-side with the browser it belongs to, and
 * the signed v2/ac URL to send the browser to. Staff ask ESIA only for what matching needs (ФИО and
 * СНИЛС); applicants for the profile and, through `scope_org`, their organisation.
 */
export async function startEsiaSignIn(
  database: Database,
  esia: EsiaRuntime,
  input: {
    audience: EsiaAudience;
    browserNonce: string | undefined;
    returnTo: string | undefined;
    municipalityId: string | null;
  },
): Promise<{ url: string; nonce: string }> {
  const client = esia.client;
  if (!client) throw new AppError('esia_not_configured');
  if (input.municipalityId) {
    const exists = await municipalityCard(database.system, input.municipalityId);
    if (!exists) throw fieldError('municipalityId', 'Муниципальное образование: не найдено');
  }
  // A second tab keeps the browser's nonce, so both sign-ins stay bound to this browser.
  const nonce = isBrowserNonce(input.browserNonce) ? input.browserNonce : newBrowserNonce();
  const state = newState();
  const scope = input.audience === 'staff' ? esia.settings.staffScopes : esia.settings.scopes;
  const scopeOrg = input.audience === 'applicant' ? esia.settings.orgScopes : '';
  const redirectUri = esia.redirectUri;
  await insertSignIn(database, {
    state,
    audience: input.audience,
    browserHash: browserHash(nonce),
    redirectUri,
    scope,
    scopeOrg,
    returnTo: safeReturnTo(input.returnTo),
    municipalityId: input.municipalityId,
  });
  const url = await client.authorizationUrl({ scope, scopeOrg, state, redirectUri });
  return { url, nonce };
}
