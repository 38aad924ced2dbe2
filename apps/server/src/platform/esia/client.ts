import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { GostProvider, PrivateKeyInput } from '../crypto/provider.js';
import { EsiaError, esiaCodeOf } from './errors.js';
import { fetchPerson } from './fetch-person.js';
import { decodeJwt, verifyGostJwtSignature } from './jwt.js';
import type { EsiaPerson } from './person.js';
import {
  ESIA_PATHS,
  authorizeSignedString,
  base64url,
  certificateHashHex,
  esiaTimestamp,
  newState,
  parseGrantedScopes,
  tokenSignedString,
  type GrantedScope,
} from './protocol.js';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface EsiaClientOptions {
  provider: GostProvider;
  clientId: string;
  clientKey: PrivateKeyInput;
  /** DER of our certificate registered with ESIA. */
  clientCertificate: Uint8Array;
  /** DER of ESIA's certificate that signs the tokens. */
  esiaCertificate: Uint8Array;
  /** The `iss` of ESIA's tokens (http, trailing slash: §1.1). */
  issuer: string;
  /** ESIA as the browser reaches it; a function of our own origin for the bundled emulator. */
  browserBaseUrl: string;
  /** ESIA as this server reaches it (token and REST calls). */
  apiBaseUrl: string;
  fetch: FetchLike;
  clock: Clock;
  timeoutMs?: number;
}

/** Tokens are accepted this far past `exp` and before `nbf`: clocks of two systems never agree. */
export const CLOCK_SKEW_SECONDS = 60;

export interface AccessToken {
  token: string;
  oid: string;
  scopes: GrantedScope[];
  expiresAt: Date;
}

export interface AuthorizationRequest {
  scope: string;
  scopeOrg: string;
  state: string;
  redirectUri: string;
}

const TokenResponseSchema = z.looseObject({
  access_token: z.string(),
  state: z.string(),
  token_type: z.string().optional(),
  expires_in: z.union([z.number(), z.string()]).optional(),
});

/**
 * The ESIA adapter: builds the signed v2/ac redirect, exchanges the code on v3/te, verifies the
 * access token and reads the person. Every HTTP call goes through `options.fetch`, so tests route it
 * through `app.inject` and a deployment through the network to whatever ESIA_URL names.
 */
export class EsiaClient {
  readonly certificateHash: string;

  constructor(private readonly options: EsiaClientOptions) {
    this.certificateHash = certificateHashHex(
      options.provider.digest('streebog256', options.clientCertificate),
    );
  }

  get clientId(): string {
    return this.options.clientId;
  }

  private async sign(text: string): Promise<string> {
    return base64url(await this.options.provider.sign(this.options.clientKey, Buffer.from(text, 'utf8')));
  }

  /** The URL of ESIA's v2/ac the browser is sent to (§1.3). */
  async authorizationUrl(request: AuthorizationRequest): Promise<string> {
    const timestamp = esiaTimestamp(this.options.clock());
    const fields = {
      clientId: this.options.clientId,
      scope: request.scope,
      scopeOrg: request.scopeOrg,
      redirectUri: request.redirectUri,
      state: request.state,
      timestamp,
    };
    const params = new URLSearchParams({
      client_id: this.options.clientId,
      client_secret: await this.sign(authorizeSignedString(fields)),
      client_certificate_hash: this.certificateHash,
      redirect_uri: request.redirectUri,
      scope: request.scope,
      scope_org: request.scopeOrg,
      response_type: 'code',
      state: request.state,
      timestamp,
      access_type: 'online',
    });
    return `${this.options.browserBaseUrl}${ESIA_PATHS.authorize}?${params.toString()}`;
  }

  /** ESIA's logout (§2.5): the parameter is `redirect_url`, not `redirect_uri`. */
  logoutUrl(redirectUrl: string): string {
    const params = new URLSearchParams({ client_id: this.options.clientId, redirect_url: redirectUrl });
    return `${this.options.browserBaseUrl}${ESIA_PATHS.logout}?${params.toString()}`;
  }

  async request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.options.fetch(url, {
        ...init,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new EsiaError('unreachable', `${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * v3/te (§1.4): a new state of its own, echoed back and checked; the signature covers the code.
   * Returns the verified access token.
   */
  async exchangeCode(code: string, request: Omit<AuthorizationRequest, 'state'>): Promise<AccessToken> {
    const state = newState();
    const timestamp = esiaTimestamp(this.options.clock());
    const fields = {
      clientId: this.options.clientId,
      scope: request.scope,
      scopeOrg: request.scopeOrg,
      redirectUri: request.redirectUri,
      timestamp,
      state,
      code,
    };
    const body = new URLSearchParams({
      client_id: this.options.clientId,
      code,
      grant_type: 'authorization_code',
      client_secret: await this.sign(tokenSignedString(fields)),
      client_certificate_hash: this.certificateHash,
      state,
      redirect_uri: request.redirectUri,
      scope: request.scope,
      scope_org: request.scopeOrg,
      timestamp,
      token_type: 'Bearer',
    });
    const response = await this.request(`${this.options.apiBaseUrl}${ESIA_PATHS.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
    });
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const description = (json as { error_description?: unknown } | null)?.error_description;
      throw new EsiaError(
        'refused',
        `v3/te ${response.status}: ${String(description)}`,
        esiaCodeOf(description),
      );
    }
    const parsed = TokenResponseSchema.safeParse(json);
    if (!parsed.success) throw new EsiaError('invalid_response', 'v3/te: not a token response');
    if (parsed.data.state !== state) throw new EsiaError('invalid_response', 'v3/te: state not echoed');
    return this.verifyAccessToken(parsed.data.access_token);
  }

  /**
   * Accepts only a GOST-signed token verified by ESIA's configured certificate, issued by the
   * configured issuer to this client, within its validity allowing {@link CLOCK_SKEW_SECONDS}.
   */
  async verifyAccessToken(token: string): Promise<AccessToken> {
    const refuse = (why: string): never => {
      throw new EsiaError('invalid_response', `access token: ${why}`);
    };
    const jwt = decodeJwt(token) ?? refuse('not a JWS');
    if (!(await verifyGostJwtSignature(this.options.provider, this.options.esiaCertificate, jwt))) {
      refuse(`signature (alg ${JSON.stringify(jwt.header.alg)}) not verified by the ESIA certificate`);
    }
    const claims = jwt.payload;
    if (jwt.header.sbt !== undefined && jwt.header.sbt !== 'access')
      refuse(`sbt ${JSON.stringify(jwt.header.sbt)}`);
    if (claims.iss !== this.options.issuer) refuse(`iss ${JSON.stringify(claims.iss)}`);
    const audience = claims.client_id ?? claims.aud;
    const audiences = Array.isArray(audience) ? audience : [audience];
    if (!audiences.includes(this.options.clientId)) refuse(`client_id ${JSON.stringify(audience)}`);
    const now = this.options.clock().getTime() / 1000;
    const { exp, nbf, iat } = claims;
    if (typeof exp !== 'number' || now > exp + CLOCK_SKEW_SECONDS) refuse('expired');
    if (typeof nbf === 'number' && now < nbf - CLOCK_SKEW_SECONDS) refuse('not yet valid');
    if (typeof iat === 'number' && now < iat - CLOCK_SKEW_SECONDS) refuse('issued in the future');
    const subject = claims['urn:esia:sbj_id'];
    if (typeof subject !== 'number' && (typeof subject !== 'string' || !/^\d+$/.test(subject))) {
      refuse('no urn:esia:sbj_id');
    }
    return {
      token,
      oid: String(subject),
      scopes: parseGrantedScopes(typeof claims.scope === 'string' ? claims.scope : ''),
      expiresAt: new Date((exp as number) * 1000),
    };
  }

  /** The token's own subject with contacts, addresses, documents and organisations (§3). */
  async fetchPerson(access: AccessToken): Promise<EsiaPerson> {
    const api = this.options.apiBaseUrl;
    return fetchPerson(this, `${api}${ESIA_PATHS.persons}`, access, api);
  }
}
