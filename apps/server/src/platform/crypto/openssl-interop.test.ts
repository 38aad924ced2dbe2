import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCms, verifyCms } from './cms.js';
import { makeFixtures, makeSigner, type CmsFixtures } from '../../../test/support/crypto/fixtures.js';
import { derToPem, encodeSpki } from './keys.js';
import { OID } from './oids.js';
import { createTestRootCa, issueCrl } from './pki.js';
import type { GostProvider } from './provider.js';
import { STANDARD_EXAMPLE, STANDARD_EXAMPLE_512 } from '../../../test/support/crypto/test-vectors.js';
import { createPureJsProvider } from './pure-js-provider.js';
import {
  nativeProvider,
  openssl,
  opensslCli,
  opensslCmsSign,
  opensslCmsVerify,
  skipNote,
} from '../../../test/support/crypto/testing.js';

/** The independent check of docs/protocols/signatures.md §2: what OpenSSL's GOST engine says of our output and we of its. */

const native = nativeProvider();
const cli = opensslCli();
const unavailable = native.missing ? native : cli;
const dir = mkdtempSync(path.join(tmpdir(), 'gost-interop-'));
const file = (name: string) => path.join(dir, name);
const document = new TextEncoder().encode('Акт обследования жилого помещения № 5');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const providers: Array<[string, () => GostProvider]> = [
  ['native', () => native.value!],
  ['pure-js', () => createPureJsProvider()],
];

describe.skipIf(!!unavailable.missing).each(providers)(
  `OpenSSL interoperability, %s provider${skipNote(unavailable)}`,
  (name, make) => {
    let provider: GostProvider;
    let f: CmsFixtures;
    beforeAll(async () => {
      provider = make();
      f = await makeFixtures(provider);
      writeFileSync(file(`${name}-ca.pem`), f.ca.certificatePem);
      writeFileSync(file(`${name}-signer.pem`), f.signer.certificatePem);
      writeFileSync(file(`${name}-signer.key`), f.signer.privateKeyPem);
      writeFileSync(file(`${name}-doc`), document);
    });

    it('openssl cms -verify -cades accepts our signature and refuses it over changed content', async () => {
      const { der } = await signCms({
        provider,
        content: document,
        signerCertificate: f.signer.certificate,
        privateKey: f.signer.privateKeyPem,
      });
      writeFileSync(file(`${name}-doc.sig`), der);
      writeFileSync(file(`${name}-changed`), 'Акт обследования жилого помещения № 6');
      const good = opensslCmsVerify({
        sig: file(`${name}-doc.sig`),
        content: file(`${name}-doc`),
        ca: file(`${name}-ca.pem`),
      });
      expect(good.output).toContain('CAdES Verification successful');
      expect(good.ok).toBe(true);
      const bad = opensslCmsVerify({
        sig: file(`${name}-doc.sig`),
        content: file(`${name}-changed`),
        ca: file(`${name}-ca.pem`),
      });
      expect(bad.ok).toBe(false);
      expect(bad.output).toMatch(/CAdES Verification failure[\s\S]*content verify error/);
    });

    it('we accept a signature made by openssl cms -sign -cades with a certificate of our CA', async () => {
      const made = opensslCmsSign({
        content: file(`${name}-doc`),
        cert: file(`${name}-signer.pem`),
        key: file(`${name}-signer.key`),
        out: file(`${name}-openssl.sig`),
      });
      expect(made.ok, made.output).toBe(true);
      const { crl } = await issueCrl({ provider, ca: f.ca, revoked: [] });
      const report = await verifyCms(readFileSync(file(`${name}-openssl.sig`)), document, {
        provider,
        trustedRoots: [f.ca.certificate],
        crls: [crl],
      });
      expect(report).toMatchObject({
        valid: true,
        signer: { snils: '11223344595', fullName: 'Иванова Мария Петровна' },
      });
      const changed = await verifyCms(readFileSync(file(`${name}-openssl.sig`)), document.subarray(1), {
        provider,
        trustedRoots: [f.ca.certificate],
      });
      expect(changed.reason).toBe('content_mismatch');
    });

    it('512-bit keys: openssl verifies our Streebog-512 CAdES, we verify its; a 512-bit CA chains', async () => {
      const ca512 = await createTestRootCa({
        provider,
        subject: { commonName: 'УЦ с ключом 512 бит', country: 'RU' },
        paramSet: '512-B',
      });
      writeFileSync(file(`${name}-ca512.pem`), ca512.certificatePem);
      for (const [label, ca, caFile] of [
        ['ca256', f.ca, file(`${name}-ca.pem`)],
        ['ca512', ca512, file(`${name}-ca512.pem`)],
      ] as const) {
        const signer = await makeSigner(provider, ca, undefined, { paramSet: '512-A' });
        const base = file(`${name}-${label}-s512`);
        writeFileSync(`${base}.pem`, signer.certificatePem);
        writeFileSync(`${base}.key`, signer.privateKeyPem);
        expect(openssl(['verify', '-engine', 'gost', '-CAfile', caFile, `${base}.pem`]).ok).toBe(true);

        const ours = await signCms({
          provider,
          content: document,
          signerCertificate: signer.certificate,
          privateKey: signer.privateKeyPem,
        });
        writeFileSync(`${base}.sig`, ours.der);
        const verified = opensslCmsVerify({ sig: `${base}.sig`, content: file(`${name}-doc`), ca: caFile });
        expect(verified.output).toContain('CAdES Verification successful');

        const made = opensslCmsSign({
          content: file(`${name}-doc`),
          cert: `${base}.pem`,
          key: `${base}.key`,
          out: `${base}-openssl.sig`,
          md: 'md_gost12_512',
        });
        expect(made.ok, made.output).toBe(true);
        const { crl } = await issueCrl({ provider, ca, revoked: [] });
        const options = { provider, trustedRoots: [ca.certificate], crls: [crl] };
        const report = await verifyCms(readFileSync(`${base}-openssl.sig`), document, options);
        expect(report).toMatchObject({ status: 'valid', signer: { fullName: 'Иванова Мария Петровна' } });
        expect(
          (await verifyCms(readFileSync(`${base}-openssl.sig`), document.subarray(1), options)).reason,
        ).toBe('content_mismatch');
      }
    });

    it('openssl accepts our certificates and CRL and finds the revoked certificate', async () => {
      const { crlPem } = await issueCrl({
        provider,
        ca: f.ca,
        revoked: [{ serialNumber: f.signer.serialNumber, revokedAt: new Date() }],
      });
      writeFileSync(file(`${name}-crl.pem`), crlPem);
      expect(
        openssl(['verify', '-engine', 'gost', '-CAfile', file(`${name}-ca.pem`), file(`${name}-signer.pem`)])
          .ok,
      ).toBe(true);
      const revoked = openssl([
        'verify',
        '-engine',
        'gost',
        '-crl_check',
        '-CAfile',
        file(`${name}-ca.pem`),
        '-CRLfile',
        file(`${name}-crl.pem`),
        file(`${name}-signer.pem`),
      ]);
      expect(revoked.ok).toBe(false);
      expect(revoked.output).toMatch(/certificate revoked/);
      const subject = openssl([
        'x509',
        '-in',
        file(`${name}-signer.pem`),
        '-noout',
        '-subject',
        '-nameopt',
        'utf8,sep_comma_plus',
      ]);
      expect(subject.output).toContain('SNILS=11223344595');
      expect(subject.output).toContain('CN=Иванова Мария Петровна');
    });
  },
);

describe.skipIf(!!unavailable.missing)(
  `GOST R 34.10-2012 appendix A examples through OpenSSL${skipNote(unavailable)}`,
  () => {
    it('openssl pkeyutl -verify accepts the appendix A.1 signature over its digest', () => {
      const x = STANDARD_EXAMPLE;
      const le = (hex: string) => Buffer.from(hex, 'hex').reverse();
      const point = new Uint8Array([...le(x.qx), ...le(x.qy)]);
      writeFileSync(
        file('example.pub'),
        derToPem('PUBLIC KEY', encodeSpki({ paramSetOid: OID.paramSetTest, point })),
      );
      // The engine reads the digest octets little-endian, so the standard's e goes in reversed.
      writeFileSync(file('example.dgst'), le(x.e));
      const signature = x.s + x.r;
      writeFileSync(file('example.sig'), Buffer.from(signature, 'hex'));
      const args = [
        'pkeyutl',
        '-engine',
        'gost',
        '-verify',
        '-pubin',
        '-inkey',
        file('example.pub'),
        '-in',
        file('example.dgst'),
      ];
      expect(openssl([...args, '-sigfile', file('example.sig')]).output).toMatch(
        /Signature Verified Successfully/,
      );
      writeFileSync(file('example.bad'), Buffer.from(signature.replace(/^01/, '02'), 'hex'));
      expect(openssl([...args, '-sigfile', file('example.bad')]).ok).toBe(false);
    });

    it('openssl pkeyutl -verify accepts the appendix A.2 (512-bit) signature over its digest', () => {
      const x = STANDARD_EXAMPLE_512;
      const le = (hex: string) => Buffer.from(hex, 'hex').reverse();
      const point = new Uint8Array([...le(x.qx), ...le(x.qy)]);
      writeFileSync(
        file('example512.pub'),
        derToPem('PUBLIC KEY', encodeSpki({ paramSetOid: OID.paramSet512Test, point })),
      );
      writeFileSync(file('example512.dgst'), le(x.e));
      writeFileSync(file('example512.sig'), Buffer.from(x.s + x.r, 'hex'));
      const args = [
        'pkeyutl',
        '-engine',
        'gost',
        '-verify',
        '-pubin',
        '-inkey',
        file('example512.pub'),
        '-in',
        file('example512.dgst'),
      ];
      expect(openssl([...args, '-sigfile', file('example512.sig')]).output).toMatch(
        /Signature Verified Successfully/,
      );
      writeFileSync(file('example512.bad'), Buffer.from(x.s.replace(/^10/, '11') + x.r, 'hex'));
      expect(openssl([...args, '-sigfile', file('example512.bad')]).ok).toBe(false);
    });
  },
);
