import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import { createTestRootCa } from '../../platform/crypto/pki.js';
import type { GostProvider, PrivateKeyInput } from '../../platform/crypto/provider.js';
import { decodeJwt, signGostJwt, verifyGostJwtSignature } from '../../platform/esia/jwt.js';
import {
  certificateHashHex,
  fromBase64Any,
  parseEsiaTimestamp,
  parseGrantedScopes,
  splitScope,
  type GrantedScope,
} from '../../platform/esia/protocol.js';
import { EmulatorRefusal } from './esia-errors.js';

/** The emulator's `iss`, spelled like ESIA's own (http, trailing slash: docs/protocols/esia.md §1.1). */
export const EMULATOR_ISSUER = 'http://esia-emulator.uslugi.local/';

/** A request to v2/ac waits this long for the person to choose; a code lives a minute (single use). */
const AUTHORIZATION_TTL_MS = 10 * 60_000;
export const CODE_TTL_MS = 60_000;
const ACCESS_TOKEN_TTL_S = 3600;
/** How far the client's `timestamp` may be from the emulator's clock (ESIA-007015 beyond). */
const TIMESTAMP_SKEW_MS = 5 * 60_000;

export interface RegisteredClient {
  clientId: string;
  /** Certificates by `client_certificate_hash` (upper-case hex). */
  certificates: Map<string, Uint8Array>;
  allowsRedirect(uri: string): boolean;
  /** Where ESIA's logout may send the browser back (ESIA registers the system's domains). */
  allowsLogoutRedirect(url: string): boolean;
}

export interface PendingAuthorization {
  id: string;
  clientId: string;
  scope: string;
  scopeOrg: string;
  state: string;
  redirectUri: string;
  expiresAt: number;
}

interface IssuedCode {
  clientId: string;
  oid: string;
  orgOid: string | null;
  scope: string;
  scopeOrg: string;
  redirectUri: string;
  expiresAt: number;
}

export interface BearerSubject {
  oid: string;
  scopes: GrantedScope[];
}

/** A REST refusal: the HTTP status and ESIA's code. */
export class RestRefusal extends Error {
  constructor(
    readonly status: 401 | 403 | 404,
    readonly code: string,
    readonly text: string,
  ) {
    super(`${code}: ${text}`);
  }
}

/**
 * The emulator's state: its own signing key and certificate (made at start, never stored), the
 * registered client systems, pending authorisations and issued codes. In memory: the emulator lives
 * and dies with the process, as a person's ESIA sign-in would be lost with a restart anyway.
 */
export class EsiaEmulator {
  readonly issuer = EMULATOR_ISSUER;
  private readonly clients = new Map<string, RegisteredClient>();
  private readonly authorizations = new Map<string, PendingAuthorization>();
  private readonly codes = new Map<string, IssuedCode>();

  private constructor(
    readonly provider: GostProvider,
    readonly signingKey: PrivateKeyInput,
    /** DER of the certificate verifying the emulator's tokens (ESIA_CERT for a client). */
    readonly certificate: Uint8Array,
    readonly certificatePem: string,
    private readonly clock: Clock,
  ) {}

  static async create(options: { provider: GostProvider; clock: Clock }): Promise<EsiaEmulator> {
    const ca = await createTestRootCa({
      provider: options.provider,
      subject: {
        commonName: 'ЕСИА (эмулятор): подпись маркеров доступа',
        organization: 'Услуги, тестовый стенд',
        country: 'RU',
      },
    });
    return new EsiaEmulator(
      options.provider,
      ca.privateKey,
      ca.certificate,
      ca.certificatePem,
      options.clock,
    );
  }

  /** Registers a client system's certificate, as the technology portal does (docs/protocols/esia.md §1.1). */
  registerClient(
    input: Pick<RegisteredClient, 'clientId' | 'allowsRedirect' | 'allowsLogoutRedirect'> & {
      certificate: Uint8Array;
    },
  ): void {
    const hash = certificateHashHex(this.provider.digest('streebog256', input.certificate));
    const certificates = new Map(this.clients.get(input.clientId)?.certificates ?? []);
    certificates.set(hash, input.certificate);
    this.clients.set(input.clientId, {
      clientId: input.clientId,
      certificates,
      allowsRedirect: input.allowsRedirect,
      allowsLogoutRedirect: input.allowsLogoutRedirect,
    });
  }

  client(clientId: string): RegisteredClient {
    const client = this.clients.get(clientId);
    if (!client) throw new EmulatorRefusal('ESIA-007005');
    return client;
  }

  now(): number {
    return this.clock().getTime();
  }

  checkTimestamp(timestamp: string): void {
    const at = parseEsiaTimestamp(timestamp);
    if (!at || Math.abs(at.getTime() - this.now()) > TIMESTAMP_SKEW_MS) {
      throw new EmulatorRefusal('ESIA-007015', 'timestamp');
    }
  }

  /** Verifies `client_secret` over `signedString` with the certificate `client_certificate_hash` names. */
  async checkClientSecret(client: RegisteredClient, hash: string, signedString: string, secret: string) {
    const certificate = client.certificates.get(hash.toUpperCase());
    if (!certificate) throw new EmulatorRefusal('ESIA-007053', 'client_certificate_hash');
    const signature = fromBase64Any(secret);
    if (!signature || signature.length !== 64) throw new EmulatorRefusal('ESIA-007053', 'client_secret');
    const ok = await this.provider
      .verify({ certificate }, Buffer.from(signedString, 'utf8'), signature)
      .catch(() => false);
    if (!ok) throw new EmulatorRefusal('ESIA-007053', 'client_secret');
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, a] of this.authorizations) if (a.expiresAt < now) this.authorizations.delete(id);
    for (const [code, c] of this.codes) if (c.expiresAt < now) this.codes.delete(code);
  }

  addAuthorization(input: Omit<PendingAuthorization, 'id' | 'expiresAt'>): PendingAuthorization {
    this.sweep();
    const pending = { ...input, id: randomUUID(), expiresAt: this.now() + AUTHORIZATION_TTL_MS };
    this.authorizations.set(pending.id, pending);
    return pending;
  }

  authorization(id: string): PendingAuthorization | undefined {
    const pending = this.authorizations.get(id);
    return pending && pending.expiresAt >= this.now() ? pending : undefined;
  }

  dropAuthorization(id: string): void {
    this.authorizations.delete(id);
  }

  /** The person chose: the request becomes a single-use code. */
  issueCode(pending: PendingAuthorization, oid: string, orgOid: string | null): string {
    this.authorizations.delete(pending.id);
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, {
      clientId: pending.clientId,
      oid,
      orgOid,
      scope: pending.scope,
      scopeOrg: pending.scopeOrg,
      redirectUri: pending.redirectUri,
      expiresAt: this.now() + CODE_TTL_MS,
    });
    return code;
  }

  /**
   * Takes the code out for good (a second exchange is ESIA-007011 even if this one fails later);
   * an unknown, expired or another client's code is ESIA-007011 too.
   */
  takeCode(code: string, clientId: string): IssuedCode {
    const issued = this.codes.get(code);
    if (issued) this.codes.delete(code);
    if (!issued || issued.expiresAt < this.now() || issued.clientId !== clientId) {
      throw new EmulatorRefusal('ESIA-007011', 'code');
    }
    return issued;
  }

  /** Access and ID tokens shaped like ESIA's samples (docs/protocols/esia.md §2.2), signed with the emulator's key. */
  async issueTokens(issued: IssuedCode): Promise<{ accessToken: string; idToken: string }> {
    const iat = Math.floor(this.now() / 1000);
    const sid = randomUUID();
    const granted = [
      ...splitScope(issued.scope).map((s) => (s === 'openid' ? s : `${s}?oid=${issued.oid}`)),
      ...(issued.orgOid ? splitScope(issued.scopeOrg).map((s) => `${s}?org_oid=${issued.orgOid}`) : []),
    ];
    const times = { nbf: iat, iat, exp: iat + ACCESS_TOKEN_TTL_S };
    const accessToken = await signGostJwt(
      this.provider,
      this.signingKey,
      { ver: 1, typ: 'JWT', sbt: 'access' },
      {
        ...times,
        scope: granted.join(' '),
        iss: this.issuer,
        'urn:esia:sid': sid,
        'urn:esia:sbj_id': Number(issued.oid),
        client_id: issued.clientId,
      },
    );
    const idToken = await signGostJwt(
      this.provider,
      this.signingKey,
      { ver: 0, typ: 'JWT', sbt: 'id' },
      {
        ...times,
        aud: issued.clientId,
        sub: Number(issued.oid),
        iss: this.issuer,
        auth_time: iat,
        amr: 'PWD',
        'urn:esia:amd': 'PWD',
        'urn:esia:sid': sid,
        'urn:esia:sbj': {
          'urn:esia:sbj:typ': 'P',
          'urn:esia:sbj:oid': Number(issued.oid),
          'urn:esia:sbj:nam': `OID.${issued.oid}`,
          'urn:esia:sbj:is_tru': true,
        },
      },
    );
    return { accessToken, idToken };
  }

  /** The subject of a `Bearer` access token the emulator itself issued and that is still valid. */
  async bearer(authorization: string | undefined): Promise<BearerSubject> {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const jwt = token ? decodeJwt(token) : null;
    if (
      !jwt ||
      jwt.header.sbt !== 'access' ||
      !(await verifyGostJwtSignature(this.provider, this.certificate, jwt))
    ) {
      throw new RestRefusal(401, 'ESIA-005014', 'Маркер доступа недействителен');
    }
    const { exp, iss } = jwt.payload;
    if (iss !== this.issuer)
      throw new RestRefusal(401, 'ESIA-005014', 'Маркер доступа выдан не этой системой');
    if (typeof exp !== 'number' || exp * 1000 < this.now()) {
      throw new RestRefusal(401, 'ESIA-005013', 'Срок действия маркера доступа истёк');
    }
    const scope = jwt.payload.scope;
    return {
      oid: String(jwt.payload['urn:esia:sbj_id']),
      scopes: parseGrantedScopes(typeof scope === 'string' ? scope : ''),
    };
  }
}
