import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle, type ExtractBundle, type VerificationReport } from '@uslugi/journal-verifier';
import { buildVerifierCli, buildVerifierPage } from '@uslugi/journal-verifier/build';
import { derToPem } from '../src/platform/crypto/keys.js';
import { selectProvider, type GostProvider } from '../src/platform/crypto/provider.js';
import { createPureJsProvider } from '../src/platform/crypto/pure-js-provider.js';
import { nativeProvider, skipNote } from './support/crypto/testing.js';
import {
  makeAuthority,
  makeBundle,
  makeJournal,
  publishedHeadLine,
  type Authority,
  type FakeEntry,
} from './support/journal-extract.js';

/**
 * The offline verifier of journal extracts (packages/journal-verifier) against extracts made by hand
 * with the server's own crypto: the test CA, signCms, a fake journal and the package's Merkle code.
 * Every change of the file must be refused with the place named; the CLI and the HTML page (in
 * Chromium, offline) give the same answers.
 */

const clone = <T>(value: T): T => structuredClone(value);
const failing = (report: VerificationReport) => report.checks.filter((c) => !c.ok);

function expectHolds(report: VerificationReport) {
  expect(failing(report), report.verdict).toEqual([]);
  expect(report.ok).toBe(true);
}

/** Refused, and every failing check names a place more precise than «the file is not JSON» when it is JSON. */
function expectRefusedAt(report: VerificationReport, parses: boolean) {
  expect(report.ok).toBe(false);
  const failed = failing(report);
  expect(failed.length).toBeGreaterThan(0);
  for (const check of failed) {
    expect(check.place).toBeTruthy();
    if (parses) expect(check.place).not.toBe('json');
    expect(check.what.length).toBeGreaterThan(10);
  }
  expect(report.verdict).toContain(failed[0]!.what);
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const native = nativeProvider();
const providers: Array<[string, GostProvider | undefined]> = [
  ['pure-js', createPureJsProvider()],
  [`native${skipNote(native)}`, native.value],
];

describe.each(providers)('journal extract verifier with the %s provider', (_name, provider) => {
  it.skipIf(!provider)('verifies an extract signed with a 256-bit key', async () => {
    const authority = await makeAuthority(provider!);
    const bundle = await makeBundle(authority, makeJournal(20), { size: 20 });
    const report = await verifyBundle(JSON.stringify(bundle));
    expectHolds(report);
    expect(report.rootFingerprint).toBe(createHash('sha256').update(authority.ca.certificate).digest('hex'));
    expect(report.extract).toMatchObject({ number: 'В-2026-017', entries: 20, treeSize: 20 });
  });

  it.skipIf(!provider)(
    'verifies an extract signed with a 512-bit key (TC26 set A and B) under a 256-bit CA',
    async () => {
      for (const systemKey of ['512-A', '512-B'] as const) {
        const authority = await makeAuthority(provider!, { systemKey });
        const bundle = await makeBundle(authority, makeJournal(20), { size: 20, entries: [0, 7, 19] });
        expectHolds(await verifyBundle(JSON.stringify(bundle)));
      }
    },
  );
});

describe('journal extract verifier', () => {
  const provider = selectProvider();
  let authority: Authority;
  let journal: FakeEntry[];
  let forked: FakeEntry[];
  let b20: ExtractBundle;
  let b35: ExtractBundle;
  let b35forked: ExtractBundle;
  let dir: string;

  beforeAll(async () => {
    authority = await makeAuthority(provider);
    journal = makeJournal(35);
    forked = makeJournal(35, { tamperAt: 5 });
    b20 = await makeBundle(authority, journal, { size: 20, sealId: 4, number: 'В-2026-011' });
    b35 = await makeBundle(authority, journal, {
      size: 35,
      sealId: 7,
      entries: [3, 20, 21, 34],
      consistencyFrom: [20, 16],
    });
    b35forked = await makeBundle(authority, forked, {
      size: 35,
      sealId: 7,
      entries: [20],
      consistencyFrom: [20],
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-verifier-'));
  }, 120_000);

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('verifies a handmade extract: every check named and holding, in order', async () => {
    const report = await verifyBundle(JSON.stringify(b20, null, 2));
    expectHolds(report);
    const places = report.checks.map((c) => c.place);
    expect(places.slice(0, 2)).toEqual(['format', 'signature']);
    expect(places.indexOf('chain')).toBeLessThan(places.indexOf('part:extract'));
    expect(places.indexOf('part:entries')).toBeLessThan(places.indexOf('head'));
    expect(places.indexOf('head-signature')).toBeLessThan(places.indexOf('entries'));
    expect(report.verdict).toMatch(/^Выписка № В-2026-011 подлинна/);
    // Bytes, text and parsed JSON are all accepted.
    expectHolds(await verifyBundle(new TextEncoder().encode(JSON.stringify(b20))));
    expectHolds(await verifyBundle(clone(b20)));
    expectHolds(await verifyBundle(JSON.stringify(b35)));
  });

  it('says the revocation status is unknown without a CRL, and refuses a revoked signer', async () => {
    const noCrl = clone(b20);
    noCrl.body.crls = [];
    // The manifest no longer matches (the CRLs part), so this is refused, but the revocation status is
    // only reported as unknown.
    const report = await verifyBundle(noCrl);
    const unknown = report.checks.find((c) => c.place === 'crl');
    expect(unknown).toMatchObject({ ok: true, warning: true });
    expect(unknown!.what).toMatch(/Статус отзыва .* неизвестен/);

    const revokedAuthority = await makeAuthority(provider, { revokeSystem: true });
    const revoked = await makeBundle(revokedAuthority, journal, { size: 20 });
    const refused = await verifyBundle(JSON.stringify(revoked));
    expectRefusedAt(refused, true);
    expect(failing(refused).map((c) => c.place)).toEqual(['crl']);
    expect(failing(refused)[0]!.what).toMatch(/отозван/);
  });

  it("pins the root: the installation's own certificate holds, another CA's is refused", async () => {
    const own = await verifyBundle(JSON.stringify(b20), { trustedRoot: authority.ca.certificate });
    expectHolds(own);
    const pem = new TextEncoder().encode(derToPem('CERTIFICATE', authority.ca.certificate));
    expectHolds(await verifyBundle(JSON.stringify(b20), { trustedRoot: pem }));
    const other = await makeAuthority(provider, { rootName: 'УЦ установки «Услуги» (тест)' });
    const refused = await verifyBundle(JSON.stringify(b20), { trustedRoot: other.ca.certificate });
    expectRefusedAt(refused, true);
    expect(failing(refused)[0]!.what).toMatch(
      /Корневой сертификат цепочки не совпадает с указанным доверенным/,
    );
  });

  it('refuses an extract that is not JSON, naming the line and position', async () => {
    const text = JSON.stringify(b20, null, 2);
    const broken = text.replace('"leafIndex": 3,', '"leafIndex": 3');
    const report = await verifyBundle(broken);
    expect(report.ok).toBe(false);
    expect(report.checks).toHaveLength(1);
    const line = broken.slice(0, broken.indexOf('"leafIndex": 3') + 20).split('\n').length;
    expect(report.checks[0]!.what).toMatch(
      new RegExp(`^файл повреждён: ошибка JSON в строке ${line}, позиции \\d+`),
    );
  });

  it('any changed byte or character of the file is refused and the failing check names the place (1000 runs)', async () => {
    const text = JSON.stringify(b20);
    const bytes = new TextEncoder().encode(text);
    const pool = [...'0123456789abcdefABCDEF+/="{}[],:.- xЯ\\'];
    const started = Date.now();
    let notJson = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: text.length - 1 }),
        fc.nat({ max: bytes.length - 1 }),
        fc.boolean(),
        fc.constantFrom(...pool),
        fc.integer({ min: 1, max: 255 }),
        async (charAt, byteAt, byChar, replacement, mask) => {
          let input: string | Uint8Array;
          let json: boolean;
          if (byChar) {
            const original = text[charAt]!;
            const ch = replacement === original ? (original === '0' ? '1' : '0') : replacement;
            input = text.slice(0, charAt) + ch + text.slice(charAt + 1);
            json = parses(input);
          } else {
            input = bytes.slice();
            input[byteAt] = input[byteAt]! ^ mask;
            let decoded: string | undefined;
            try {
              decoded = new TextDecoder('utf-8', { fatal: true }).decode(input);
            } catch {
              decoded = undefined;
            }
            json = decoded !== undefined && parses(decoded);
          }
          if (!json) notJson++;
          expectRefusedAt(await verifyBundle(input), json);
        },
      ),
      { numRuns: 1000 },
    );
    console.log(
      `1000 changed files refused in ${((Date.now() - started) / 1000).toFixed(1)} s (${1000 - notJson} still JSON)`,
    );
  }, 600_000);

  it('a changed field, proof element, head field or signature byte is refused at its place', async () => {
    const flipBase64 = (value: string, at: number) => {
      const der = Buffer.from(value, 'base64');
      const i = at % der.length;
      der[i] = der[i]! ^ (1 << (at % 8));
      return der.toString('base64');
    };
    const otherHash = (h: string) => (h[0] === 'a' ? 'b' : 'a') + h.slice(1);
    type Mutation = (b: ExtractBundle, n: number) => string;
    const mutations: Record<string, Mutation> = {
      'entry field': (b, n) => {
        const e = b.body.entries[n % b.body.entries.length]!;
        e.entry.actorName += 'а';
        return 'part:entry';
      },
      'entry payload': (b, n) => {
        const e = b.body.entries[n % b.body.entries.length]!;
        e.payload = { ...(e.payload as object), note: 'другое' };
        return 'part:entry';
      },
      'entry number': (b, n) => {
        b.body.entries[n % b.body.entries.length]!.id += 1;
        return 'part:entry';
      },
      'proof element': (b, n) => {
        const e = b.body.entries[n % b.body.entries.length]!;
        const k = n % e.proof.length;
        e.proof[k] = otherHash(e.proof[k]!);
        return 'part:entry';
      },
      'leaf index': (b, n) => {
        const e = b.body.entries[n % b.body.entries.length]!;
        e.leafIndex = (e.leafIndex + 1) % 20;
        return 'part:entry';
      },
      'head field': (b, n) => {
        const head = b.body.head;
        const field = (['treeSize', 'headCount', 'sealId', 'treeRoot', 'sealedAt', 'rootHash'] as const)[
          n % 6
        ]!;
        if (field === 'treeRoot') head.treeRoot = otherHash(head.treeRoot);
        else if (field === 'sealedAt')
          head.sealedAt = new Date(Date.parse(head.sealedAt) + 1000).toISOString();
        else if (field === 'rootHash') head.rootHash = otherHash(head.rootHash);
        else head[field] += 1;
        return 'part:head';
      },
      'extract details': (b, n) => {
        const keys = ['recipient', 'purpose', 'number'] as const;
        b.body.extract[keys[n % 3]!] += '.';
        return 'part:extract';
      },
      'entry dropped': (b, n) => {
        b.body.entries.splice(n % b.body.entries.length, 1);
        return 'part:entries';
      },
      'manifest signature byte': (b, n) => {
        b.signature = flipBase64(b.signature, n);
        return 'signature';
      },
      'head signature byte': (b, n) => {
        b.body.head.signature = flipBase64(b.body.head.signature, n);
        return 'part:head';
      },
      'certificate byte': (b, n) => {
        b.body.certificates[n % 2] = flipBase64(b.body.certificates[n % 2]!, n);
        return 'part:certificates';
      },
      'CRL byte': (b, n) => {
        b.body.crls[0] = flipBase64(b.body.crls[0]!, n);
        return 'part:crls';
      },
      'manifest entry': (b, n) => {
        const k = n % b.manifest.entries.length;
        b.manifest.entries[k] = otherHash(b.manifest.entries[k]!);
        return 'signature';
      },
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(mutations)), fc.nat(100_000), async (name, n) => {
        const bundle = clone(b20);
        const place = mutations[name]!(bundle, n);
        const report = await verifyBundle(JSON.stringify(bundle));
        expectRefusedAt(report, true);
        expect(failing(report).map((c) => c.place)).toEqual(
          expect.arrayContaining([
            place === 'part:entry' ? expect.stringMatching(/^part:entry:\d+$/) : place,
          ]),
        );
      }),
      { numRuns: 300 },
    );
  }, 300_000);

  it('checks consistency between two extracts, either order, and refuses a forked journal', async () => {
    const later = await verifyBundle(JSON.stringify(b35), { earlier: JSON.stringify(b20) });
    expectHolds(later);
    expect(later.checks.filter((c) => c.place === 'earlier').map((c) => c.what)).toEqual([
      'Более ранняя — выписка № В-2026-011 (20 записей в дереве), более поздняя — № В-2026-017 (35)',
      'Журнал не переписан между выписками: дерево из 35 записей продолжает дерево из 20',
    ]);
    const swapped = await verifyBundle(JSON.stringify(b20), { earlier: JSON.stringify(b35) });
    expectHolds(swapped);
    expect(swapped.checks.find((c) => c.place === 'earlier')!.what).toMatch(
      /^Более ранней оказалась проверяемая/,
    );

    const fork = await verifyBundle(JSON.stringify(b35forked), { earlier: JSON.stringify(b20) });
    expectRefusedAt(fork, true);
    expect(failing(fork).map((c) => c.place)).toEqual(['earlier']);
    expect(failing(fork)[0]!.what).toMatch(/^Журнал переписан между выписками/);

    // The same tree size with another root: a fork too.
    const sameSize = await makeBundle(authority, forked, { size: 20, sealId: 5 });
    const refused = await verifyBundle(JSON.stringify(sameSize), { earlier: JSON.stringify(b20) });
    expect(failing(refused).map((c) => c.what)).toEqual([
      'Журнал переписан между выписками: при одном числе записей (20) корни дерева различаются',
    ]);

    // A damaged earlier extract: named as the earlier one, the comparison not made.
    const damaged = await verifyBundle(JSON.stringify(b35), { earlier: '{' });
    expect(failing(damaged).map((c) => c.place)).toEqual(['earlier:json', 'earlier']);
  });

  it('compares the head with the published heads: found, differs, missing, fork, bad lines', async () => {
    const lines = [publishedHeadLine(b20.body.head), publishedHeadLine(b35.body.head)];
    expectHolds(await verifyBundle(JSON.stringify(b35), { publishedHeads: lines.join('\n') + '\n' }));

    const missing = await verifyBundle(JSON.stringify(b35), { publishedHeads: lines[0]! });
    expect(failing(missing).map((c) => c.what)).toEqual([
      'Голова журнала выписки (печать № 7) не найдена среди опубликованных голов',
    ]);

    const forkedHead = (await makeBundle(authority, forked, { size: 35, sealId: 7, entries: [0] })).body.head;
    const differs = await verifyBundle(JSON.stringify(b35), {
      publishedHeads: [lines[0], publishedHeadLine(forkedHead)].join('\n'),
    });
    expect(failing(differs).map((c) => c.place)).toEqual(['published-heads:2']);
    expect(failing(differs)[0]!.what).toMatch(/отличается от опубликованной в строке 2/);

    const forkedEarlier = (await makeBundle(authority, forked, { size: 20, sealId: 4, entries: [0] })).body
      .head;
    const fork = await verifyBundle(JSON.stringify(b35), {
      publishedHeads: [publishedHeadLine(forkedEarlier), lines[1]].join('\n'),
    });
    expect(failing(fork).map((c) => c.what)).toEqual([
      'Журнал переписан: корень дерева из 20 записей в выписке не тот, что в опубликованной голове (строка 1)',
    ]);

    const bad = await verifyBundle(JSON.stringify(b35), {
      publishedHeads: ['{"format":', lines[1], '', '{"format":"uslugi.journal-head.v1"}'].join('\n'),
    });
    expect(failing(bad).map((c) => c.place)).toEqual(['published-heads:1', 'published-heads:4']);
  });

  it('runs the CLI as a child process: exit 0, 1 and 2', async () => {
    const cli = path.join(dir, 'journal-verify.mjs');
    await buildVerifierCli(cli);
    const file = (name: string, content: string | Uint8Array) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, content);
      return p;
    };
    const f20 = file('b20.json', JSON.stringify(b20, null, 2));
    const f35 = file('b35.json', JSON.stringify(b35, null, 2));
    const heads = file('heads.jsonl', [b20, b35].map((b) => publishedHeadLine(b.body.head)).join('\n'));
    const ca = file('ca.cer', authority.ca.certificate);
    const changed = file('changed.json', JSON.stringify(b35, null, 2).replace('Статус дела', 'Статус дело'));
    const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

    const ok = run(f35, '--earlier', f20, '--heads', heads, '--ca', ca);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('✓ Журнал не переписан между выписками');
    expect(ok.stdout).toContain(
      `SHA-256 ${createHash('sha256').update(authority.ca.certificate).digest('hex')}`,
    );
    expect(ok.stdout).toMatch(/ИТОГ: ПРОЙДЕНА\. Выписка № В-2026-017 подлинна/);

    const refused = run(changed);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/✗ Изменена запись № 1003 \(«Статус дело: /);
    expect(refused.stdout).toContain('ИТОГ: НЕ ПРОЙДЕНА.');

    expect(run().status).toBe(2);
    const missing = run(path.join(dir, 'нет-такого.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('файл не найден');
    expect(run(f35, '--heads').status).toBe(2);
    expect(run(f35, '--bogus').status).toBe(2);
  }, 120_000);

  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const noChromium = !fs.existsSync(chromiumPath);
  if (noChromium)
    console.log(`journal-verifier page test skipped: no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);

  it.skipIf(noChromium)(
    `the HTML page verifies offline in Chromium${noChromium ? ` (skipped: no Chromium at ${chromiumPath})` : ''}`,
    async () => {
      const html = await buildVerifierPage();
      const pagePath = path.join(dir, 'journal-verifier.html');
      fs.writeFileSync(pagePath, html);
      const intact = path.join(dir, 'page-b35.json');
      fs.writeFileSync(intact, JSON.stringify(b35, null, 2));
      const earlier = path.join(dir, 'page-b20.json');
      fs.writeFileSync(earlier, JSON.stringify(b20, null, 2));
      const changed = path.join(dir, 'page-changed.json');
      const text = JSON.stringify(b35, null, 2);
      const at = text.indexOf('"actorName": "') + 16;
      fs.writeFileSync(changed, text.slice(0, at) + (text[at] === 'в' ? 'ж' : 'в') + text.slice(at + 1));

      const browser = await chromium.launch({
        executablePath: chromiumPath,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-sync',
        ],
      });
      try {
        const context = await browser.newContext({ offline: true, locale: 'ru-RU' });
        const page = await context.newPage();
        const requests: string[] = [];
        const problems: string[] = [];
        page.on('request', (r) => {
          if (!r.url().startsWith('file:')) requests.push(r.url());
        });
        page.on('pageerror', (e) => problems.push(String(e)));
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(m.text());
        });
        await page.goto(pathToFileURL(pagePath).href);
        expect(await page.title()).toBe('Проверка выписки из журнала операций');
        await page.getByLabel('Выписка (JSON)').setInputFiles(intact);
        await page.getByLabel('Более ранняя выписка (необязательно)').setInputFiles(earlier);
        await page.getByRole('button', { name: 'Проверить' }).click();
        await page.locator('.verdict-ok, .verdict-fail').waitFor({ timeout: 60_000 });
        expect(await page.locator('#verdict').innerText()).toMatch(
          /Проверка пройдена\s+Выписка № В-2026-017 подлинна/,
        );
        expect(await page.locator('#fingerprint-value').innerText()).toBe(
          createHash('sha256').update(authority.ca.certificate).digest('hex'),
        );
        expect(await page.locator('#checks li.check-ok').count()).toBeGreaterThan(10);

        await page.getByLabel('Выписка (JSON)').setInputFiles(changed);
        await page.getByLabel('Более ранняя выписка (необязательно)').setInputFiles([]);
        await page.getByRole('button', { name: 'Проверить' }).click();
        await page.locator('.verdict-fail').waitFor({ timeout: 60_000 });
        const verdict = await page.locator('#verdict').innerText();
        expect(verdict).toMatch(/Проверка не пройдена\s+Выписка не прошла проверку: Изменена запись № 1003/);
        expect(await page.locator('#checks li.check-fail').first().innerText()).toContain(
          'Изменена запись № 1003',
        );
        expect(requests).toEqual([]);
        expect(problems).toEqual([]);
        await context.close();
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
