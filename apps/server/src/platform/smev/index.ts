export { SMEV_TRANSFORM_ALGORITHM, escapeAttribute, escapeText, smevTransform } from './transform.js';
