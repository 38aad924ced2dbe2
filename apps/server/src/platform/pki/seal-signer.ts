import { signCms } from '../crypto/cms.js';
import type { GostProvider } from '../crypto/provider.js';
import type { SealSigner } from '../journal/seal.js';
import type { Installation } from './installation.js';

/**
 * Signs journal seals with the installation's system key. Takes loaded keys: the seal runs inside a
 * transaction, where loading them would wait for a second connection the embedded database lacks.
 */
export function sealSigner(provider: GostProvider, installation: Installation): SealSigner {
  return {
    async sign(sealHash, sealedAt) {
      const { der } = await signCms({
        provider,
        content: new TextEncoder().encode(sealHash),
        signerCertificate: installation.systemSigner.certificate,
        privateKey: installation.systemSigner.privateKey,
        signingTime: sealedAt,
      });
      return { signature: der, certificate: installation.systemSigner.certificate };
    },
  };
}
