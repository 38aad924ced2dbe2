import type { SmevVersion } from './types.js';

/** SMEV 3 connection settings from the environment (README «Настройки»). */
export interface SmevSettings {
  /** The SMEV 3 endpoint (SMEV_URL), e.g. the test contour's `…/ws/smev-message-exchange-service-1.3.wsdl` address; unset: the bundled emulator. */
  url: string | undefined;
  /** SMEV_VERSION: the message exchange schema, 1.3 (default) or 1.2. */
  version: SmevVersion;
  /** The information system's mnemonic registered in SMEV (SMEV_MNEMONIC). */
  mnemonic: string;
  /** Paths of the ЭП-ОВ certificate (PEM/DER) and its PKCS#8 key (SMEV_CERT, SMEV_KEY). */
  certPath: string | undefined;
  keyPath: string | undefined;
  /**
   * SMEV_TRUSTED_CERT: SMEV's own signing certificate(s), PEM (several in one file): an answer's SMEVSignature
   * must be made with one of them. Unset with SMEV_URL: any valid signature passes (a warning at start).
   */
  trustedCertPath: string | undefined;
  /** SMEV_NODE_ID: the node id when several nodes of one system share the queue. */
  nodeId: string | undefined;
  /** SMEV_TEST_MESSAGES=1: every request is marked TestMessage (the test contour). */
  testMessages: boolean;
  /** How often the answers' queue is polled at most (SMEV_POLL_SECONDS, default 5); it backs off to 60 when empty. */
  pollSeconds: number;
  /** Mount the bundled emulator at /smev-emulator (SMEV_EMULATOR; default: in demo mode). */
  emulator: boolean;
  /** The emulator's providers answer after this many seconds (SMEV_EMULATOR_DELAY, default 2). */
  emulatorDelaySeconds: number;
}

export function loadSmevSettings(env: NodeJS.ProcessEnv, demo: boolean): SmevSettings {
  const value = (name: string) => env[name]?.trim() || undefined;
  const flag = (name: string, fallback: boolean) => {
    const raw = value(name);
    return raw === undefined ? fallback : raw === '1' || raw === 'true';
  };
  const seconds = (name: string, fallback: number) => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} должно быть неотрицательным числом секунд`);
    return n;
  };
  const version = value('SMEV_VERSION') ?? '1.3';
  if (version !== '1.3' && version !== '1.2') throw new Error('SMEV_VERSION: поддерживаются 1.3 и 1.2');
  return {
    url: value('SMEV_URL'),
    version,
    mnemonic: value('SMEV_MNEMONIC') ?? 'USLUGI_DEMO',
    certPath: value('SMEV_CERT'),
    keyPath: value('SMEV_KEY'),
    trustedCertPath: value('SMEV_TRUSTED_CERT'),
    nodeId: value('SMEV_NODE_ID'),
    testMessages: flag('SMEV_TEST_MESSAGES', false),
    pollSeconds: Math.max(1, seconds('SMEV_POLL_SECONDS', 5)),
    emulator: flag('SMEV_EMULATOR', demo),
    emulatorDelaySeconds: seconds('SMEV_EMULATOR_DELAY', 2),
  };
}
