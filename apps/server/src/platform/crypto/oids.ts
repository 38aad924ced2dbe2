/**
 * Object identifiers used by the GOST core. Algorithms: RFC 9215 (GOST R 34.10/34.11-2012 in X.509)
 * and RFC 4357; subject attributes: 63-ФЗ and the FSB order No. 795 on the qualified certificate form.
 */
export const OID = {
  // Algorithms
  gost2012PublicKey256: '1.2.643.7.1.1.1.1',
  gost2012PublicKey512: '1.2.643.7.1.1.1.2',
  streebog256: '1.2.643.7.1.1.2.2',
  streebog512: '1.2.643.7.1.1.2.3',
  gost2012SignWithStreebog256: '1.2.643.7.1.1.3.2',
  gost2012SignWithStreebog512: '1.2.643.7.1.1.3.3',

  // Elliptic curve parameter sets for 256-bit keys (RFC 4357 section 11.4, RFC 7836)
  paramSetTest: '1.2.643.2.2.35.0',
  paramSetCryptoProA: '1.2.643.2.2.35.1',
  paramSetCryptoProB: '1.2.643.2.2.35.2',
  paramSetCryptoProC: '1.2.643.2.2.35.3',
  paramSetCryptoProXchA: '1.2.643.2.2.36.0',
  paramSetCryptoProXchB: '1.2.643.2.2.36.1',
  paramSetTc26A: '1.2.643.7.1.2.1.1.1',
  paramSetTc26B: '1.2.643.7.1.2.1.1.2',
  paramSetTc26C: '1.2.643.7.1.2.1.1.3',
  paramSetTc26D: '1.2.643.7.1.2.1.1.4',
  // ... and for 512-bit keys (RFC 7836 section A.1; the test curve of GOST R 34.10-2012 appendix A.2)
  paramSet512Test: '1.2.643.7.1.2.1.2.0',
  paramSet512A: '1.2.643.7.1.2.1.2.1',
  paramSet512B: '1.2.643.7.1.2.1.2.2',
  paramSet512C: '1.2.643.7.1.2.1.2.3',

  // CMS (RFC 5652) and CAdES (RFC 5035)
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',

  // X.509 name attributes
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  country: '2.5.4.6',
  locality: '2.5.4.7',
  stateOrProvince: '2.5.4.8',
  street: '2.5.4.9',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  title: '2.5.4.12',
  givenName: '2.5.4.42',
  email: '1.2.840.113549.1.9.1',
  // 63-ФЗ: identifiers in the subject of a qualified certificate
  ogrn: '1.2.643.100.1',
  snils: '1.2.643.100.3',
  innLegalEntity: '1.2.643.100.4',
  ogrnip: '1.2.643.100.5',
  inn: '1.2.643.3.131.1.1',

  // X.509 extensions
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  certificatePolicies: '2.5.29.32',
  cRLNumber: '2.5.29.20',
  // FSB order No. 795: the signing tool of the owner and the class of protection
  subjectSignTool: '1.2.643.100.111',
  issuerSignTool: '1.2.643.100.112',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  anyPolicy: '2.5.29.32.0',
  /** Class КС1 of the signing tool (certificate policy). */
  policyKc1: '1.2.643.100.113.1',
} as const;
