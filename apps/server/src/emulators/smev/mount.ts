import type { Clock } from '../../platform/clock.js';
import type { GostProvider } from '../../platform/crypto/provider.js';
import type { App } from '../../platform/http/fastify-types.js';
import { SmevEmulator } from './emulator.js';
import { SMEV_EMULATOR_PREFIX, smevEmulatorRoutes } from './routes.js';

/**
 * Mounts the bundled SMEV 3 emulator at /smev-emulator (SOAP endpoint `/smev-emulator/ws`, admin page
 * `/smev-emulator/`). The adapter registers its ЭП-ОВ certificate with `emulator.registerClient` and
 * posts through `smevInjectFetch(app)` (or over HTTP to the same path).
 */
export async function mountSmevEmulator(
  app: App,
  options: { provider: GostProvider; clock: Clock; delaySeconds?: number },
): Promise<{ emulator: SmevEmulator; prefix: string }> {
  const emulator = await SmevEmulator.create(options);
  await app.register(smevEmulatorRoutes(emulator, SMEV_EMULATOR_PREFIX), { prefix: SMEV_EMULATOR_PREFIX });
  return { emulator, prefix: SMEV_EMULATOR_PREFIX };
}
