import { describe, expect, it } from 'vitest';
import { selectProvider } from '../crypto/provider.js';
import { decodeJwt, signGostJwt, verifyGostJwtSignature } from './jwt.js';
import { createTestRootCa } from '../crypto/pki.js';
import {
  authorizeSignedString,
  esiaTimestamp,
  fromBase64Any,
  isUuidV4,
  parseEsiaTimestamp,
  parseGrantedScopes,
  tokenSignedString,
} from './protocol.js';

describe('ESIA protocol details (docs/protocols/esia.md)', () => {
  it('writes the timestamp as yyyy.MM.dd HH:mm:ss +0300 in Moscow time (§1.9)', () => {
    // The URL of ilimurzin/esia issue #7 carries timestamp=2025.09.02+13%3A00%3A29+%2B0300.
    expect(esiaTimestamp(new Date('2025-09-02T10:00:29Z'))).toBe('2025.09.02 13:00:29 +0300');
    expect(esiaTimestamp(new Date('2025-12-31T22:30:00Z'))).toBe('2026.01.01 01:30:00 +0300');
    const params = new URLSearchParams({ timestamp: '2025.09.02 13:00:29 +0300' });
    expect(params.toString()).toBe('timestamp=2025.09.02+13%3A00%3A29+%2B0300');
  });

  it('reads timestamps with any offset and refuses other spellings', () => {
    const at = new Date('2015-11-02T09:52:36Z');
    expect(parseEsiaTimestamp('2015.11.02 09:52:36 +0000')).toEqual(at);
    expect(parseEsiaTimestamp('2015.11.02 12:52:36 +0300')).toEqual(at);
    expect(parseEsiaTimestamp('2015.11.02 04:52:36 -0500')).toEqual(at);
    for (const bad of ['2015-11-02 09:52:36 +0000', '2015.11.02 09:52:36', '2015.02.30 09:52:36 +0000', '']) {
      expect(parseEsiaTimestamp(bad), bad).toBeNull();
    }
  });

  it('signs the fields in the order of ilimurzin/esia 4.x, without separators (§1.6)', () => {
    const fields = {
      clientId: 'SYS',
      scope: 'openid fullname',
      scopeOrg: 'org_ogrn',
      timestamp: '2025.09.02 13:00:29 +0300',
      state: '0b0c5c1e-3a6f-4c5e-9f5a-1d2e3f4a5b6c',
      redirectUri: 'https://example.org/cb',
    };
    expect(authorizeSignedString(fields)).toBe(
      'SYSopenid fullnameorg_ogrn2025.09.02 13:00:29 +03000b0c5c1e-3a6f-4c5e-9f5a-1d2e3f4a5b6chttps://example.org/cb',
    );
    expect(tokenSignedString({ ...fields, code: 'CODE' })).toBe(`${authorizeSignedString(fields)}CODE`);
  });

  it('knows a UUID v4 state from other strings', () => {
    expect(isUuidV4('0b0c5c1e-3a6f-4c5e-9f5a-1d2e3f4a5b6c')).toBe(true);
    expect(isUuidV4('0b0c5c1e-3a6f-1c5e-9f5a-1d2e3f4a5b6c')).toBe(false);
    expect(isUuidV4('not-a-uuid')).toBe(false);
  });

  it('reads client_secret in base64url, padded or not, and standard base64', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xfe, 0x01]);
    for (const text of ['-__-AQ', '-__-AQ==', '+//+AQ==']) expect(fromBase64Any(text)).toEqual(bytes);
    expect(fromBase64Any('not base64!')).toBeNull();
  });

  it('reads granted scopes of person and organisation', () => {
    expect(parseGrantedScopes('openid fullname?oid=1000299681 org_ogrn?org_oid=7')).toEqual([
      { name: 'openid', oid: null, orgOid: null },
      { name: 'fullname', oid: '1000299681', orgOid: null },
      { name: 'org_ogrn', oid: null, orgOid: '7' },
    ]);
  });

  it('GOST-signed JWTs verify with the signer certificate only, and never with alg none', async () => {
    const provider = selectProvider();
    const subject = { commonName: 'Проверка', country: 'RU' };
    const [signer, other] = await Promise.all([
      createTestRootCa({ provider, subject }),
      createTestRootCa({ provider, subject }),
    ]);
    const token = await signGostJwt(provider, signer.privateKey, { typ: 'JWT' }, { sub: 1 });
    const jwt = decodeJwt(token);
    if (!jwt) throw new Error('not decoded');
    expect(jwt.header.alg).toBe('GOST3410_2012_256');
    expect(jwt.signature).toHaveLength(64);
    expect(await verifyGostJwtSignature(provider, signer.certificate, jwt)).toBe(true);
    expect(await verifyGostJwtSignature(provider, other.certificate, jwt)).toBe(false);
    const none = decodeJwt(`${Buffer.from('{"alg":"none"}').toString('base64url')}.${token.split('.')[1]}.`);
    if (!none) throw new Error('not decoded');
    expect(await verifyGostJwtSignature(provider, signer.certificate, none)).toBe(false);
    expect(decodeJwt('a.b')).toBeNull();
    expect(decodeJwt('a.b.c!')).toBeNull();
  });
});
