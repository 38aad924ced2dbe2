import type { Clock } from '../../platform/clock.js';
import type { GostProvider } from '../../platform/crypto/provider.js';
import type { BundledEsia } from '../../platform/esia/install.js';
import type { App } from '../../platform/http/fastify-types.js';
import { EsiaEmulator } from './emulator.js';
import { EMULATOR_PREFIX, esiaEmulatorRoutes } from './routes.js';

/**
 * Mounts the bundled ESIA emulator at /esia-emulator and describes it to the ESIA adapter
 * (platform/esia/install.ts), which registers the system with it as a client.
 */
export async function mountEsiaEmulator(
  app: App,
  options: { provider: GostProvider; clock: Clock },
): Promise<{ emulator: EsiaEmulator; bundled: BundledEsia }> {
  const emulator = await EsiaEmulator.create(options);
  await app.register(esiaEmulatorRoutes(emulator), { prefix: EMULATOR_PREFIX });
  return {
    emulator,
    bundled: {
      issuer: emulator.issuer,
      certificate: emulator.certificate,
      prefix: EMULATOR_PREFIX,
      registerClient: (input) => emulator.registerClient(input),
    },
  };
}
