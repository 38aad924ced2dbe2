/**
 * SMEV 3 message identifiers: RFC 4122 version 1 UUIDs (time-based), lower case.
 *
 * Why not `crypto.randomUUID()`: the schemas document MessageID as «RFC-4122, вариант 1 (MAC-адрес +
 * текущее время)», SMEV refuses anything else with InvalidMessageIdFormat, and it reads the time back
 * out of the identifier to refuse stale ones (StaleMessageId). See docs/protocols/smev-signature.md §5.
 */
import { randomBytes } from 'node:crypto';

/** 100-ns intervals between the Gregorian reform (1582-10-15T00:00Z) and the Unix epoch (RFC 4122 §4.1.4). */
const GREGORIAN_OFFSET = 0x01b21dd213814000n;
const TICKS_PER_MS = 10_000n;
const TIME_MASK = (1n << 60n) - 1n;

/** basic:UUID of the SMEV schemas (lower case only), with the version nibble 1 and the variant 10xx. */
const V1_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * RFC 4122 §4.5: a node that is not an IEEE 802 address is random with the multicast bit (the least
 * significant bit of the first octet) set, so it can never collide with a real network card's.
 */
function randomNode(): Uint8Array {
  const node = new Uint8Array(randomBytes(6));
  node[0] = (node[0] ?? 0) | 0x01;
  return node;
}

/** The generator's state: one per process, as RFC 4122 §4.2.1 keeps it (here in memory, not stable storage). */
const state = {
  node: randomNode(),
  clockSequence: randomBytes(2).readUInt16BE(0) & 0x3fff,
  /** The last timestamp issued, in 100-ns ticks since 1582; -1 before the first. */
  lastTicks: -1n,
  /** The caller's last `now`, in ms: an earlier one means the clock went back. */
  lastMs: Number.NEGATIVE_INFINITY,
};

function hex(value: bigint, digits: number): string {
  return value.toString(16).padStart(digits, '0');
}

/**
 * A new MessageID for `now`. Within one process identifiers never repeat: a second id in the same
 * 100-ns tick (Date has millisecond precision, so the sub-millisecond ticks serve as a counter) takes
 * the next tick; an earlier `now` than the last one (the clock went back, or a caller's clock is
 * behind) keeps the given time and changes the clock sequence instead, as RFC 4122 §4.1.5 prescribes.
 * The timestamps of ids made with non-decreasing `now` therefore increase strictly.
 */
export function smevMessageId(now: Date): string {
  const ms = now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('smevMessageId: invalid date');
  let ticks = BigInt(ms) * TICKS_PER_MS + GREGORIAN_OFFSET;
  if (ms < state.lastMs) {
    // The clock went back: a new clock sequence keeps the ids unique with the time as given.
    state.clockSequence = (state.clockSequence + 1) & 0x3fff;
  } else if (ticks <= state.lastTicks) {
    // The same millisecond (or one still covered by a burst): the next sub-millisecond tick.
    ticks = state.lastTicks + 1n;
  }
  state.lastMs = ms;
  state.lastTicks = ticks;
  const time = ticks & TIME_MASK;

  const timeLow = time & 0xffffffffn;
  const timeMid = (time >> 32n) & 0xffffn;
  const timeHiAndVersion = ((time >> 48n) & 0x0fffn) | 0x1000n;
  const clockSeqAndVariant = BigInt(state.clockSequence | 0x8000);
  const node = Buffer.from(state.node).toString('hex');
  return `${hex(timeLow, 8)}-${hex(timeMid, 4)}-${hex(timeHiAndVersion, 4)}-${hex(clockSeqAndVariant, 4)}-${node}`;
}

/** Is `id` what SMEV takes as a MessageID: basic:UUID (lower case), version 1, the RFC 4122 variant. */
export function isSmevMessageId(id: string): boolean {
  return V1_PATTERN.test(id);
}

/** The time a version 1 MessageID carries (to the millisecond); null for anything that is not one. */
export function messageIdTime(id: string): Date | null {
  if (!isSmevMessageId(id)) return null;
  const [low = '', mid = '', hiAndVersion = ''] = id.split('-');
  const time =
    ((BigInt(`0x${hiAndVersion}`) & 0x0fffn) << 48n) | (BigInt(`0x${mid}`) << 32n) | BigInt(`0x${low}`);
  const sinceEpoch = time - GREGORIAN_OFFSET;
  // BigInt division truncates toward zero; a time before 1970 must round down like Date's milliseconds.
  const ms = sinceEpoch / TICKS_PER_MS - (sinceEpoch < 0n && sinceEpoch % TICKS_PER_MS !== 0n ? 1n : 0n);
  return new Date(Number(ms));
}
