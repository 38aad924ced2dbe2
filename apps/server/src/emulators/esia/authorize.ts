import { randomUUID } from 'node:crypto';
import {
  ORGANIZATION_SCOPES,
  PERSON_SCOPES,
  authorizeSignedString,
  isUuidV4,
  splitScope,
  tokenSignedString,
} from '../../platform/esia/protocol.js';
import type { EsiaEmulator, PendingAuthorization } from './emulator.js';
import { EmulatorRefusal } from './esia-errors.js';

export type RawParams = Record<string, string | string[] | undefined>;

/** One value of a parameter: a repeated one is ESIA-007003, a missing required one ESIA-007014. */
export function reader(raw: RawParams) {
  const optional = (name: string): string | undefined => {
    const value = raw[name];
    if (Array.isArray(value)) throw new EmulatorRefusal('ESIA-007003', name);
    return value;
  };
  const required = (name: string): string => {
    const value = optional(name);
    if (value === undefined || value === '') throw new EmulatorRefusal('ESIA-007014', name);
    return value;
  };
  return { optional, required };
}

function checkScopes(scope: string, scopeOrg: string): void {
  const person = splitScope(scope);
  if (person.length === 0) throw new EmulatorRefusal('ESIA-007013', 'scope');
  if (!person.every((s) => (PERSON_SCOPES as readonly string[]).includes(s))) {
    throw new EmulatorRefusal('ESIA-007006', 'scope');
  }
  if (!splitScope(scopeOrg).every((s) => (ORGANIZATION_SCOPES as readonly string[]).includes(s))) {
    throw new EmulatorRefusal('ESIA-007006', 'scope_org');
  }
}

export type AuthorizeOutcome =
  | { kind: 'sign-in'; pending: PendingAuthorization }
  /** Told to the client at its (verified) redirect_uri. */
  | { kind: 'redirect'; url: string }
  /** No trustworthy redirect_uri: shown on the emulator's own page. */
  | { kind: 'page'; refusal: EmulatorRefusal };

export function errorRedirect(redirectUri: string, refusal: EmulatorRefusal, state: string | undefined) {
  const url = new URL(redirectUri);
  url.searchParams.set('error', refusal.error);
  url.searchParams.set('error_description', refusal.description);
  if (state) url.searchParams.set('state', state);
  return url.toString();
}

/**
 * GET /aas/oauth2/v2/ac (docs/protocols/esia.md §1.3): the client, its redirect_uri and the signature are checked
 * before anyone is asked to sign in. Until the redirect_uri is known to be registered, errors are
 * shown here rather than sent to an address an attacker may have chosen.
 */
export async function authorize(emulator: EsiaEmulator, raw: RawParams): Promise<AuthorizeOutcome> {
  const p = reader(raw);
  let redirectUri: string;
  let client;
  try {
    client = emulator.client(p.required('client_id'));
    redirectUri = p.required('redirect_uri');
    if (!client.allowsRedirect(redirectUri)) throw new EmulatorRefusal('ESIA-007023', 'redirect_uri');
  } catch (error) {
    if (error instanceof EmulatorRefusal) return { kind: 'page', refusal: error };
    throw error;
  }
  let state: string | undefined;
  try {
    state = p.optional('state');
    if (p.required('response_type') !== 'code') throw new EmulatorRefusal('ESIA-007003', 'response_type');
    const scope = p.optional('scope') ?? '';
    const scopeOrg = p.optional('scope_org') ?? '';
    checkScopes(scope, scopeOrg);
    const checkedState = p.required('state');
    if (!isUuidV4(checkedState)) throw new EmulatorRefusal('ESIA-007003', 'state');
    const timestamp = p.required('timestamp');
    const hash = p.required('client_certificate_hash');
    const secret = p.required('client_secret');
    emulator.checkTimestamp(timestamp);
    const signed = authorizeSignedString({
      clientId: client.clientId,
      scope,
      scopeOrg,
      timestamp,
      state: checkedState,
      redirectUri,
    });
    await emulator.checkClientSecret(client, hash, signed, secret);
    const pending = emulator.addAuthorization({
      clientId: client.clientId,
      scope,
      scopeOrg,
      state: checkedState,
      redirectUri,
    });
    return { kind: 'sign-in', pending };
  } catch (error) {
    if (error instanceof EmulatorRefusal)
      return { kind: 'redirect', url: errorRedirect(redirectUri, error, state) };
    throw error;
  }
}

export interface TokenResponse {
  access_token: string;
  id_token: string;
  refresh_token: string;
  state: string;
  token_type: 'Bearer';
  expires_in: number;
}

/**
 * POST /aas/oauth2/v3/te (docs/protocols/esia.md §1.4): the client's signature covers the code; the code is single
 * use, short-lived, and bound to the client and redirect_uri it was issued for.
 */
export async function exchangeToken(emulator: EsiaEmulator, raw: RawParams): Promise<TokenResponse> {
  const p = reader(raw);
  const client = emulator.client(p.required('client_id'));
  const grantType = p.required('grant_type');
  if (grantType !== 'authorization_code') throw new EmulatorRefusal('ESIA-007009', 'grant_type');
  const hash = p.required('client_certificate_hash');
  const code = p.required('code');
  const state = p.required('state');
  if (!isUuidV4(state)) throw new EmulatorRefusal('ESIA-007003', 'state');
  const redirectUri = p.required('redirect_uri');
  const scope = p.required('scope');
  const scopeOrg = p.optional('scope_org') ?? '';
  const timestamp = p.required('timestamp');
  const secret = p.required('client_secret');
  emulator.checkTimestamp(timestamp);
  const signed = tokenSignedString({
    clientId: client.clientId,
    scope,
    scopeOrg,
    timestamp,
    state,
    redirectUri,
    code,
  });
  await emulator.checkClientSecret(client, hash, signed, secret);
  const issued = emulator.takeCode(code, client.clientId);
  if (issued.redirectUri !== redirectUri) throw new EmulatorRefusal('ESIA-007011', 'redirect_uri');
  if (issued.scope !== scope || issued.scopeOrg !== scopeOrg)
    throw new EmulatorRefusal('ESIA-007006', 'scope');
  const { accessToken, idToken } = await emulator.issueTokens(issued);
  return {
    access_token: accessToken,
    id_token: idToken,
    refresh_token: randomUUID(),
    state,
    token_type: 'Bearer',
    expires_in: 3600,
  };
}
