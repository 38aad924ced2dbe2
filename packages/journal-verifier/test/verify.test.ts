import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Strict, toBase64 } from '../src/bytes.js';
import { EXTRACT_FORMAT, PUBLISHED_HEAD_FORMAT, manifestOf, type ExtractBody } from '../src/format.js';
import { GENESIS_HASH, sealHash, sha256Hex } from '../src/hash.js';
import { jsonErrorOffset, parseJsonFile } from '../src/json.js';
import { parsePublishedHeads, verifyBundle } from '../src/verify.js';

/** The parts of the verifier that need no GOST key: the manifest, the file's parsing, published heads. */

const hash = (s: string) => sha256Hex(s);

function body(): ExtractBody {
  const seal = {
    prevSealHash: GENESIS_HASH,
    sealedAt: '2026-11-02T10:00:00.000Z',
    headCount: 1,
    rootHash: hash('root'),
    treeSize: 2,
    treeRoot: hash('tree'),
  };
  return {
    format: EXTRACT_FORMAT,
    extract: {
      id: 'x',
      number: 'В-1',
      madeAt: '2026-11-02T10:05:00.000Z',
      madeBy: { name: 'Петров П. П.', position: null },
      recipient: 'Суд',
      purpose: 'Запрос',
      scope: { kind: 'case', label: 'Дело 1' },
      municipality: { id: 'm', name: 'Округ', oktmo: '46000000' },
      payloads: 'withheld',
    },
    entries: [0, 1].map((i) => ({
      leafIndex: i,
      id: 10 + i,
      title: `Запись ${i}`,
      proof: [hash(`p${i}`)],
      entry: {
        municipalityId: 'm',
        stream: 's',
        seq: i + 1,
        recordedAt: '2026-11-02T09:00:00.000Z',
        actorType: 'system',
        actorId: null,
        actorName: 'Система',
        action: 'a',
        objectType: 'o',
        objectId: '1',
        payloadHash: hash(`payload ${i}`),
        prevHash: GENESIS_HASH,
        hash: hash(`entry ${i}`),
      },
    })),
    head: { sealId: 3, ...seal, sealHash: sealHash(seal), signature: 'AA==' },
    consistency: [],
    certificates: ['AA=='],
    crls: [],
  };
}

describe('the manifest', () => {
  it('hashes each part as canonical JSON, entries one by one, so a change is named by its part', () => {
    const b = body();
    const m = manifestOf(b);
    expect(m.format).toBe(EXTRACT_FORMAT);
    expect(m.entries).toHaveLength(2);
    const changed = structuredClone(b);
    changed.entries[1]!.title = 'Другая';
    const m2 = manifestOf(changed);
    expect(m2.entries[0]).toBe(m.entries[0]);
    expect(m2.entries[1]).not.toBe(m.entries[1]);
    expect({ ...m2, entries: [] }).toEqual({ ...m, entries: [] });
    // Key order does not matter (canonical JSON), values do.
    const reordered = {
      ...b,
      extract: Object.fromEntries(Object.entries(b.extract).reverse()),
    } as ExtractBody;
    expect(manifestOf(reordered).extract).toBe(m.extract);
  });

  it('refuses a file whose parts do not match the manifest, naming each part (signature aside)', async () => {
    const b = body();
    const manifest = manifestOf(b);
    const changed = structuredClone(b);
    changed.extract.recipient = 'Другой суд';
    changed.entries[1]!.entry.actorName = 'Кто-то';
    const report = await verifyBundle({ body: changed, manifest, signature: 'AA==' });
    expect(report.ok).toBe(false);
    const whats = report.checks.filter((c) => !c.ok).map((c) => c.what);
    expect(whats).toContain(
      'Часть «сведения о выписке (номер, получатель, цель, охват)» не совпадает с подписанным перечнем: изменены сведения о выписке',
    );
    expect(whats).toContain(
      'Изменена запись № 11 («Запись 1», 2026-11-02 09:00:00 UTC): не совпадает с подписанным перечнем',
    );
    changed.entries.pop();
    const fewer = await verifyBundle({ body: changed, manifest, signature: 'AA==' });
    expect(fewer.checks.map((c) => c.what)).toContain(
      'Изменён состав записей: в подписанном перечне 2, в выписке 1',
    );
  });
});

describe('reading the file', () => {
  it('names the line and column of a JSON error', () => {
    expect(jsonErrorOffset('{"a": [1, 2,]}')).toBe(12);
    expect(jsonErrorOffset('{"a": 1}')).toBe(-1);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('{"a": "\u0001"}')).toBe(7);
    expect(jsonErrorOffset('{"a": tru}')).toBe(9);
    expect(jsonErrorOffset('{"a": 01}')).toBe(7);
    const parsed = parseJsonFile('{\n  "a": 1,\n  "b": [1 2]\n}');
    expect(parsed).toMatchObject({ ok: false, position: { line: 3, column: 11 } });
    expect(parsed.ok || parsed.problem).toMatch(
      /^файл повреждён: ошибка JSON в строке 3, позиции 11 \(символ 23\)/,
    );
    expect(parseJsonFile(new Uint8Array([0x7b, 0xff, 0x7d]))).toMatchObject({
      ok: false,
      problem: 'файл повреждён: не текст UTF-8 (байт 2)',
    });
  });

  it('finds the error offset wherever JSON.parse fails, and only there', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom(...'{}[],:"x0 '), (json, at, ch) => {
        const i = at % (json.length + 1);
        const text = json.slice(0, i) + ch + json.slice(i);
        let ok = true;
        try {
          JSON.parse(text);
        } catch {
          ok = false;
        }
        expect(jsonErrorOffset(text) === -1).toBe(ok);
      }),
      { numRuns: 2000 },
    );
  });

  it('names the field when the file is JSON but not an extract', async () => {
    const report = await verifyBundle('{"body": {}, "manifest": {}, "signature": ""}');
    expect(report.checks).toEqual([expect.objectContaining({ ok: false, place: 'format:body.format' })]);
    const b = body();
    const broken = structuredClone(b) as unknown as { entries: Array<{ proof: unknown[] }> };
    broken.entries[1]!.proof[0] = 'ABC';
    const named = await verifyBundle({ body: broken, manifest: manifestOf(b), signature: '' });
    expect(named.checks[0]).toMatchObject({
      ok: false,
      place: 'format:body.entries[1].proof[0]',
      what: 'Файл не является выпиской из журнала этого формата: body.entries[1].proof[0] — не хэш SHA-256 (64 строчные шестнадцатеричные цифры)',
    });
    expect(named.verdict).toMatch(/^Выписка не прошла проверку: Файл не является выпиской/);
  });

  it('reads only canonical base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(fromBase64Strict(toBase64(bytes))).toEqual(bytes);
        expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
    );
    expect(fromBase64Strict('QQ==')).toEqual(new Uint8Array([0x41]));
    expect(fromBase64Strict('QR==')).toBeUndefined();
    expect(fromBase64Strict('QQ')).toBeUndefined();
    expect(fromBase64Strict('Q Q==')).toBeUndefined();
  });
});

describe('published heads (JSON Lines)', () => {
  it('reads good lines and names bad ones by line number', () => {
    const head = { format: PUBLISHED_HEAD_FORMAT, ...body().head };
    const wrongHash = { ...head, treeSize: 3 };
    const text = [
      JSON.stringify(head),
      '',
      '{"format": ',
      JSON.stringify({ ...head, format: 'other' }),
      JSON.stringify(wrongHash),
      JSON.stringify(head),
    ].join('\r\n');
    const { heads, problems } = parsePublishedHeads(text);
    expect(heads.map((h) => h.line)).toEqual([1, 6]);
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(problems[0]!.what).toMatch(/^строка 3: не JSON \(ошибка JSON в строке 1, позиции 12/);
    expect(problems[1]!.what).toBe(`строка 4: не голова журнала (format — не ${PUBLISHED_HEAD_FORMAT})`);
    expect(problems[2]!.what).toBe('строка 5: хэш головы не сходится с её полями');
  });
});
