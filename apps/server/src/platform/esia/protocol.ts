import { randomUUID } from 'node:crypto';

/**
 * The parts of the ESIA protocol both sides must spell identically: the client adapter
 * (`platform/esia/client.ts`) and the bundled emulator (`emulators/esia`). Sources for each rule are
 * in docs/protocols/esia.md (section numbers below).
 */

/** Current endpoints (§1.2): the browser goes to v2/ac, the server posts to v3/te. */
export const ESIA_PATHS = {
  authorize: '/aas/oauth2/v2/ac',
  token: '/aas/oauth2/v3/te',
  logout: '/idp/ext/Logout',
  persons: '/rs/prns',
  organizations: '/rs/orgs',
} as const;

/** The JWS `alg` of a GOST R 34.10-2012 (256) token as ESIA writes it (§2.3). */
export const ESIA_JWT_ALG = 'GOST3410_2012_256';

/**
 * `client_secret` of v2/ac signs client_id + scope + scope_org + timestamp + state + redirect_uri,
 * concatenated without separators (§1.6, ilimurzin/esia 4.x); v3/te appends the code.
 */
export function authorizeSignedString(p: {
  clientId: string;
  scope: string;
  scopeOrg: string;
  timestamp: string;
  state: string;
  redirectUri: string;
}): string {
  return p.clientId + p.scope + p.scopeOrg + p.timestamp + p.state + p.redirectUri;
}

export function tokenSignedString(p: Parameters<typeof authorizeSignedString>[0] & { code: string }): string {
  return authorizeSignedString(p) + p.code;
}

const MOSCOW_OFFSET_MS = 3 * 3600_000;

/** `yyyy.MM.dd HH:mm:ss +0300` (§1.9). Moscow time: no daylight saving since 2014. */
export function esiaTimestamp(at: Date): string {
  const m = new Date(at.getTime() + MOSCOW_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${m.getUTCFullYear()}.${p(m.getUTCMonth() + 1)}.${p(m.getUTCDate())} ` +
    `${p(m.getUTCHours())}:${p(m.getUTCMinutes())}:${p(m.getUTCSeconds())} +0300`
  );
}

const TIMESTAMP_RE = /^(\d{4})\.(\d{2})\.(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;

/** The instant of an ESIA timestamp with any offset, or null when it is not in that format. */
export function parseEsiaTimestamp(value: string): Date | null {
  const m = TIMESTAMP_RE.exec(value);
  if (!m) return null;
  const n = (i: number) => Number(m[i]);
  const [y, mo, d, h, mi, s, oh, om] = [n(1), n(2), n(3), n(4), n(5), n(6), n(8), n(9)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59 || oh > 14 || om > 59) return null;
  const offset = (m[7] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s) - offset;
  const back = new Date(utc + offset);
  return back.getUTCDate() === d ? new Date(utc) : null;
}

const UUID_V4_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuidV4(value: string): boolean {
  return UUID_V4_RE.test(value);
}

export function newState(): string {
  return randomUUID();
}

/** Unpadded base64url, the form of the production-verified client (§1.7). */
export function base64url(bytes: Uint8Array | string): string {
  return Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64url');
}

/**
 * Bytes of base64url with or without padding, or of standard base64 (clients differ, §1.7);
 * null for anything else.
 */
export function fromBase64Any(value: string): Uint8Array | null {
  const standard = value.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard)) return null;
  return new Uint8Array(Buffer.from(standard, 'base64'));
}

/** `client_certificate_hash` (§1.8): Streebog-256 of the certificate's DER, hex, upper case. */
export function certificateHashHex(digest256: Uint8Array): string {
  return Buffer.from(digest256).toString('hex').toUpperCase();
}

/** Person scopes seen in ESIA tokens and libraries (§6); the emulator refuses others (ESIA-007006). */
export const PERSON_SCOPES = [
  'openid',
  'fullname',
  'birthdate',
  'gender',
  'snils',
  'inn',
  'id_doc',
  'birthplace',
  'contacts',
  'email',
  'mobile',
  'addresses',
  'usr_org',
] as const;

/**
 * Organisation scopes sent in `scope_org`. Their real names are not published anywhere we could read
 * (§8.7); these are the emulator's and the default of ESIA_ORG_SCOPES, replaceable by configuration.
 */
export const ORGANIZATION_SCOPES = [
  'org_fullname',
  'org_shortname',
  'org_ogrn',
  'org_inn',
  'org_kpp',
] as const;

export function splitScope(scope: string): string[] {
  return scope.split(' ').filter(Boolean);
}

/**
 * A granted scope of a token's `scope` claim: `fullname?oid=1000299681` (§2.2) or, for an
 * organisation, `org_fullname?org_oid=…` (the legacy org-scope spelling, §1.4).
 */
export interface GrantedScope {
  name: string;
  oid: string | null;
  orgOid: string | null;
}

export function parseGrantedScopes(claim: string): GrantedScope[] {
  return splitScope(claim).map((item) => {
    const [name = '', query = ''] = item.split('?', 2);
    const params = new URLSearchParams(query);
    return { name, oid: params.get('oid'), orgOid: params.get('org_oid') };
  });
}
