import { describe, expect, it } from 'vitest';
import { isSmevMessageId, messageIdTime, smevMessageId } from '../src/platform/smev/message-id.js';

// MessageID: RFC 4122 version 1, lower case (the basic:UUID pattern of the SMEV schemas).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Octet `i` of the UUID's 16 (RFC 4122 §4.1.2 layout). */
const octet = (id: string, i: number): number => parseInt(id.replace(/-/g, '').slice(2 * i, 2 * i + 2), 16);

/** The 60-bit timestamp as a BigInt, to compare order exactly (Date keeps milliseconds only). */
function ticks(id: string): bigint {
  const [low = '', mid = '', hi = ''] = id.split('-');
  return ((BigInt(`0x${hi}`) & 0xfffn) << 48n) | (BigInt(`0x${mid}`) << 32n) | BigInt(`0x${low}`);
}

describe('smevMessageId', () => {
  it('matches basic:UUID, lower case, version 1, variant 10, random node with the multicast bit', () => {
    const id = smevMessageId(new Date());
    expect(id).toMatch(UUID);
    expect(octet(id, 6) >> 4).toBe(1);
    expect(octet(id, 8) >> 6).toBe(0b10);
    expect(octet(id, 10) & 0x01).toBe(1);
    expect(isSmevMessageId(id)).toBe(true);
  });

  it('carries its time: the round trip gives it back to the millisecond', () => {
    for (const iso of ['2025-03-01T08:15:30.123Z', '2019-07-09T08:23:48.254Z', '1999-12-31T23:59:59.999Z']) {
      expect(messageIdTime(smevMessageId(new Date(iso)))?.toISOString()).toBe(iso);
    }
    // An id made by another generator (a .NET SMEV client's sample): Python's
    // uuid.UUID('e05ad7ac-…').time reads the same instant, 2019-07-09 08:23:48.814839 UTC.
    expect(messageIdTime('e05ad7ac-a222-11e9-b898-480f5cc4a2bb')?.toISOString()).toBe(
      '2019-07-09T08:23:48.814Z',
    );
  });

  it('10 000 ids at one instant are all distinct and keep that millisecond', () => {
    const now = new Date('2030-01-01T00:00:00.000Z');
    const ids = Array.from({ length: 10_000 }, () => smevMessageId(now));
    expect(new Set(ids).size).toBe(10_000);
    expect(new Set(ids.map((id) => messageIdTime(id)?.toISOString()))).toEqual(new Set([now.toISOString()]));
  });

  it('is monotonic: with time not going back, each timestamp is greater than the last', () => {
    const start = Date.parse('2031-05-05T10:00:00.000Z');
    const ids = Array.from({ length: 12_000 }, (_, i) =>
      smevMessageId(new Date(start + Math.floor(i / 3000))),
    );
    for (let i = 1; i < ids.length; i++)
      expect(ticks(ids[i] as string) > ticks(ids[i - 1] as string)).toBe(true);
  });

  it('the clock going back: the time as given, another clock sequence, still unique', () => {
    const later = smevMessageId(new Date('2032-01-01T00:00:01.000Z'));
    const earlier = smevMessageId(new Date('2032-01-01T00:00:00.000Z'));
    expect(messageIdTime(earlier)?.toISOString()).toBe('2032-01-01T00:00:00.000Z');
    expect(earlier.split('-')[3]).not.toBe(later.split('-')[3]);
  });
});

describe('isSmevMessageId / messageIdTime refuse what SMEV refuses', () => {
  it.each([
    ['upper case', 'E05AD7AC-A222-11E9-B898-480F5CC4A2BB'],
    ['version 4', '1b4e28ba-2fa1-41d2-883f-0016d3cca427'],
    ['the NCS variant', 'e05ad7ac-a222-11e9-3898-480f5cc4a2bb'],
    ['no dashes', 'e05ad7aca22211e9b898480f5cc4a2bb'],
    ['braces', '{e05ad7ac-a222-11e9-b898-480f5cc4a2bb}'],
    ['empty', ''],
  ])('%s', (_label, id) => {
    expect(isSmevMessageId(id)).toBe(false);
    expect(messageIdTime(id)).toBeNull();
  });
});
