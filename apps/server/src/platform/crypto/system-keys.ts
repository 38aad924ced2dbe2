import fs from 'node:fs';
import { pemToDer } from './keys.js';
import { createTestRootCa, issueCertificate } from './pki.js';
import type { GostProvider, PrivateKeyInput } from './provider.js';

/** A certificate or key file as an operator gives it: PEM or DER, told apart by the PEM armour. */
export function readDerFile(path: string, label: string): Uint8Array {
  const bytes = fs.readFileSync(path);
  const text = bytes.toString('latin1');
  return text.includes('-----BEGIN') ? pemToDer(text, label).der : new Uint8Array(bytes);
}

/** A PKCS#8 private key file: PEM text or DER bytes, as `GostProvider.sign` takes either. */
export function readPrivateKeyFile(path: string): PrivateKeyInput {
  const bytes = fs.readFileSync(path);
  const text = bytes.toString('utf8');
  return text.includes('-----BEGIN') ? text : new Uint8Array(bytes);
}

/**
 * Demo mode: a key of the system and its certificate made at start by a test CA of the demo stand (no
 * secret is committed), for an emulator to register as a government technology portal would.
 */
export async function demoSystemKey(
  provider: GostProvider,
  commonName: string,
): Promise<{ privateKey: PrivateKeyInput; certificate: Uint8Array }> {
  const organization = 'Услуги, тестовый стенд';
  const ca = await createTestRootCa({
    provider,
    subject: { commonName: 'Тестовый УЦ демонстрационного стенда', organization, country: 'RU' },
  });
  const keys = await provider.generateKeyPair();
  const issued = await issueCertificate({
    provider,
    ca,
    subject: { commonName, organization, country: 'RU' },
    publicKeySpki: keys.publicKeySpki,
  });
  return { privateKey: keys.privateKey, certificate: issued.certificate };
}
