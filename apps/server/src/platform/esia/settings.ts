/** ESIA connection settings from the environment (README "Настройки"). */
export interface EsiaSettings {
  /** ESIA's base URL, e.g. https://esia-portal1.test.gosuslugi.ru; unset: the bundled emulator (demo). */
  url: string | undefined;
  /** The system's mnemonic registered on ESIA's technology portal. */
  clientId: string | undefined;
  /** Paths: our certificate (PEM/DER), its PKCS#8 private key (PEM), ESIA's token-signing certificate. */
  clientCertPath: string | undefined;
  clientKeyPath: string | undefined;
  certPath: string | undefined;
  /** The `iss` of ESIA's tokens; by default `http://<host of url>/` as ESIA writes it. */
  issuer: string | undefined;
  /** The callback registered with ESIA; by default this server's own origin + the callback path. */
  redirectUrl: string | undefined;
  /** Scopes asked for applicants (the profile), for staff (only what matching needs), and `scope_org`. */
  scopes: string;
  staffScopes: string;
  orgScopes: string;
  /** Mount the bundled emulator at /esia-emulator. */
  emulator: boolean;
}

export const DEFAULT_APPLICANT_SCOPES =
  'openid fullname birthdate gender snils inn id_doc contacts addresses usr_org';
export const DEFAULT_STAFF_SCOPES = 'openid fullname snils';
export const DEFAULT_ORG_SCOPES = 'org_fullname org_shortname org_ogrn org_inn org_kpp';

const normalizeScope = (value: string) => value.split(/\s+/).filter(Boolean).join(' ');

export function loadEsiaSettings(env: NodeJS.ProcessEnv, demo: boolean): EsiaSettings {
  const emulatorRaw = env.ESIA_EMULATOR;
  const value = (name: string) => env[name]?.trim() || undefined;
  return {
    url: value('ESIA_URL')?.replace(/\/+$/, ''),
    clientId: value('ESIA_CLIENT_ID'),
    clientCertPath: value('ESIA_CLIENT_CERT'),
    clientKeyPath: value('ESIA_CLIENT_KEY'),
    certPath: value('ESIA_CERT'),
    issuer: value('ESIA_ISSUER'),
    redirectUrl: value('ESIA_REDIRECT_URL'),
    scopes: normalizeScope(env.ESIA_SCOPES ?? DEFAULT_APPLICANT_SCOPES),
    staffScopes: normalizeScope(env.ESIA_STAFF_SCOPES ?? DEFAULT_STAFF_SCOPES),
    orgScopes: normalizeScope(env.ESIA_ORG_SCOPES ?? DEFAULT_ORG_SCOPES),
    emulator:
      emulatorRaw === undefined || emulatorRaw === '' ? demo : emulatorRaw === '1' || emulatorRaw === 'true',
  };
}
