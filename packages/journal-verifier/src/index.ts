export * from './hash.js';
export * from './merkle.js';
export * from './format.js';
export { verifyBundle, parsePublishedHeads } from './verify.js';
export type { Check, VerificationReport, VerifyOptions, PublishedHeadsResult } from './verify.js';
export { parseJsonFile, jsonErrorOffset } from './json.js';
export { fromBase64Strict, toBase64 } from './bytes.js';
export { streebog, verifyDigest, verifyGost } from './gost.js';
export type { GostPublicKey, GostAlgorithm } from './gost.js';
