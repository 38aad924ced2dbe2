import * as asn1js from 'asn1js';
import type { Certificate } from 'pkijs';
import { OID } from './oids.js';

/** GOST R 34.10-2012 with a 256-bit key over Streebog-256, or with a 512-bit key over Streebog-512. */
export type GostSignatureAlgorithm = 'gost2012_256' | 'gost2012_512';

export interface GostAlgorithm {
  name: GostSignatureAlgorithm;
  /** Octets of a key coordinate, of the secret scalar and of each half (s, r) of a signature. */
  size: 32 | 64;
  /** The digest the signature is over (RFC 9215: the one of the key's size, no other). */
  digest: 'streebog256' | 'streebog512';
  digestOid: string;
  /** The key's algorithm in SubjectPublicKeyInfo; OpenSSL also names it in SignerInfo. */
  keyOid: string;
  /** The signature algorithm of certificates and CRLs. */
  signatureOid: string;
}

export const GOST_ALGORITHMS: Record<GostSignatureAlgorithm, GostAlgorithm> = {
  gost2012_256: {
    name: 'gost2012_256',
    size: 32,
    digest: 'streebog256',
    digestOid: OID.streebog256,
    keyOid: OID.gost2012PublicKey256,
    signatureOid: OID.gost2012SignWithStreebog256,
  },
  gost2012_512: {
    name: 'gost2012_512',
    size: 64,
    digest: 'streebog512',
    digestOid: OID.streebog512,
    keyOid: OID.gost2012PublicKey512,
    signatureOid: OID.gost2012SignWithStreebog512,
  },
};

const ALL = Object.values(GOST_ALGORITHMS);

export function algorithmByKeyOid(oid: string): GostAlgorithm | undefined {
  return ALL.find((a) => a.keyOid === oid);
}

/** SignerInfo names either the key algorithm (as OpenSSL does) or the signature algorithm. */
export function algorithmBySignatureOid(oid: string): GostAlgorithm | undefined {
  return ALL.find((a) => a.signatureOid === oid || a.keyOid === oid);
}

/** The algorithm a certificate's key signs with; undefined for a key that is not GOST R 34.10-2012. */
export function algorithmOfCertificate(certificate: Certificate): GostAlgorithm | undefined {
  return algorithmByKeyOid(certificate.subjectPublicKeyInfo.algorithm.algorithmId);
}

/** The same for a SubjectPublicKeyInfo in DER. */
export function algorithmOfSpki(spki: Uint8Array): GostAlgorithm | undefined {
  const root = asn1js.fromBER(spki).result;
  const algorithm = root instanceof asn1js.Sequence ? root.valueBlock.value[0] : undefined;
  const oid = algorithm instanceof asn1js.Sequence ? algorithm.valueBlock.value[0] : undefined;
  return oid instanceof asn1js.ObjectIdentifier ? algorithmByKeyOid(oid.getValue()) : undefined;
}
