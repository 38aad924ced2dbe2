import { describeRequestFuzz } from './request-fuzz.js';

// Half of the operations of the request fuzz (see request-fuzz.ts); the other half is in the other file.
describeRequestFuzz(0, 2);
