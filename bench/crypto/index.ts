/**
 * GOST provider throughput: sign and verify operations per second with 256-bit and 512-bit keys, and
 * Streebog-256/512 MB/s, native and pure-JS side by side. Run from the repository root:
 * `npx tsx bench/crypto/index.ts` (about a minute).
 *
 * The server's modules are loaded by a computed path, as in bench/calendar: this workspace has its own
 * rootDir and no reference to apps/server.
 */

/** The part of the server's GostProvider the bench uses. */
interface GostProvider {
  generateKeyPair(paramSet?: 'A' | '512-A'): Promise<{ privateKeyPem: string; publicKeySpki: Uint8Array }>;
  sign(privateKey: string, data: Uint8Array): Promise<Uint8Array>;
  verify(publicKey: { spki: Uint8Array }, data: Uint8Array, signature: Uint8Array): Promise<boolean>;
  digest(alg: 'streebog256' | 'streebog512', data: Uint8Array): Uint8Array;
}

const cryptoDir = new URL('../../apps/server/src/platform/crypto/', import.meta.url);
const { createNativeProvider } = (await import(new URL('native-provider.ts', cryptoDir).href)) as {
  createNativeProvider: (enginePath: string) => GostProvider;
};
const { createPureJsProvider } = (await import(new URL('pure-js-provider.ts', cryptoDir).href)) as {
  createPureJsProvider: () => GostProvider;
};
const { DEFAULT_ENGINE_PATH } = (await import(new URL('provider.ts', cryptoDir).href)) as {
  DEFAULT_ENGINE_PATH: string;
};

const BUDGET_MS = 2_500;

async function rate(operation: () => unknown): Promise<number> {
  await operation(); // warm-up
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < BUDGET_MS) {
    await operation();
    count++;
  }
  return count / ((performance.now() - start) / 1000);
}

interface Figures {
  sign256: number;
  verify256: number;
  sign512: number;
  verify512: number;
  streebog256: number;
  streebog512: number;
}

async function signAndVerify(provider: GostProvider, paramSet: 'A' | '512-A') {
  const keys = await provider.generateKeyPair(paramSet);
  const message = new TextEncoder().encode('Заявление о предоставлении муниципальной услуги');
  const signature = await provider.sign(keys.privateKeyPem, message);
  return {
    sign: await rate(() => provider.sign(keys.privateKeyPem, message)),
    verify: await rate(() => provider.verify({ spki: keys.publicKeySpki }, message, signature)),
  };
}

async function measure(provider: GostProvider): Promise<Figures> {
  const block = new Uint8Array(1 << 20).fill(0x5a);
  const small = await signAndVerify(provider, 'A');
  const large = await signAndVerify(provider, '512-A');
  return {
    sign256: small.sign,
    verify256: small.verify,
    sign512: large.sign,
    verify512: large.verify,
    streebog256: await rate(() => provider.digest('streebog256', block)),
    streebog512: await rate(() => provider.digest('streebog512', block)),
  };
}

function loadNative(): GostProvider | undefined {
  try {
    return createNativeProvider(DEFAULT_ENGINE_PATH);
  } catch {
    return undefined;
  }
}

const native = loadNative();
const pure = await measure(createPureJsProvider());
const fast = native ? await measure(native) : undefined;

const rows: Array<[string, keyof Figures, string]> = [
  ['sign 256', 'sign256', 'ops/s'],
  ['verify 256', 'verify256', 'ops/s'],
  ['sign 512', 'sign512', 'ops/s'],
  ['verify 512', 'verify512', 'ops/s'],
  ['Streebog-256', 'streebog256', 'MB/s'],
  ['Streebog-512', 'streebog512', 'MB/s'],
];
const cell = (value: number | undefined) =>
  (value === undefined ? '—' : value.toFixed(value < 100 ? 1 : 0)).padStart(10);
console.log(
  `${'operation'.padEnd(14)}${'native'.padStart(10)}${'pure-js'.padStart(10)}${'ratio'.padStart(10)}  unit`,
);
for (const [label, key, unit] of rows) {
  const a = fast?.[key];
  const b = pure[key];
  const ratio = a === undefined ? '—' : `${(a / b).toFixed(0)}×`;
  console.log(`${label.padEnd(14)}${cell(a)}${cell(b)}${ratio.padStart(10)}  ${unit}`);
}
if (!native) console.log(`native: not measured, no GOST engine at ${DEFAULT_ENGINE_PATH}`);
