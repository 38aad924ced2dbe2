// Checks the browser journey runs on the pages it visits (issue 11 items 11–12): axe-core in the page
// (no serious or critical violation of WCAG 2.1 AA), screenshots at 1024 and 1366 px and at a phone
// width, and no horizontal overflow of the header, a table or (on the portal) the page itself. Each
// check records what it finds and carries on, so one run lists every finding; the journey fails at
// its end on any finding.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Finding {
  /** What found it: `axe`, `overflow` or `keyboard`. */
  check: 'axe' | 'overflow' | 'keyboard';
  /** The page as the journey names it, with the width for layout findings. */
  page: string;
  /** The axe rule id, or what overflowed (`header`, `table`, `page`). */
  rule: string;
  impact: string;
  target: string;
  help: string;
}

export const findings: Finding[] = [];
/** The pages axe ran on, and how many rules applied; violations below serious (listed, not failed). */
const audited: Array<{ page: string; rules: number }> = [];
const minor: string[] = [];

interface AxeResult {
  passes: unknown[];
  violations: Array<{
    id: string;
    impact: string | null;
    help: string;
    nodes: Array<{ target: unknown[] }>;
  }>;
}

/**
 * Runs axe-core in the page as it is now. The source is evaluated through the DevTools protocol, not
 * as a <script>, so the site's Content-Security-Policy is neither bypassed by the site nor violated.
 */
export async function audit(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('load');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => {
    const w = window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } };
    return w.axe.run(document, { resultTypes: ['violations'] });
  });
  const { violations, passes } = result as AxeResult;
  if (!Array.isArray(violations) || passes.length === 0) throw new Error(`axe did not run on ${name}`);
  audited.push({ page: name, rules: passes.length + violations.length });
  for (const violation of violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') {
      minor.push(`${name}: ${violation.id} (${violation.impact ?? '—'}, ${violation.nodes.length})`);
      continue;
    }
    for (const node of violation.nodes) {
      findings.push({
        check: 'axe',
        page: name,
        rule: violation.id,
        impact: violation.impact,
        target: node.target.map(String).join(' '),
        help: violation.help,
      });
    }
  }
}

const WIDTHS = [
  { label: '1024', viewport: { width: 1024, height: 768 } },
  { label: '1366', viewport: { width: 1366, height: 768 } },
];
const PHONE = { width: 390, height: 844 };

/** What overflows horizontally in the page as it is laid out now. */
async function overflowIn(
  page: Page,
  wholePage: boolean,
): Promise<Array<{ rule: string; target: string; help: string }>> {
  // tsx (esbuild, keepNames) wraps the named helpers below in `__name(...)`, which the page lacks.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate((checkPage: boolean) => {
    const found: Array<{ rule: string; target: string; help: string }> = [];
    const describe = (el: Element): string => {
      const id = el.id ? `#${el.id}` : '';
      const testId = el.getAttribute('data-testid');
      const cls =
        typeof el.className === 'string' && el.className
          ? `.${el.className.trim().split(/\s+/).join('.')}`
          : '';
      return `${el.tagName.toLowerCase()}${id}${testId ? `[data-testid="${testId}"]` : ''}${cls}`;
    };
    const viewport = document.documentElement.clientWidth;
    for (const header of Array.from(document.querySelectorAll('header'))) {
      if (header.scrollWidth > header.clientWidth + 1) {
        found.push({
          rule: 'header',
          target: describe(header),
          help: `шапка шире своей области: ${header.scrollWidth} > ${header.clientWidth}`,
        });
      }
      // Text cut with an ellipsis or hidden overflow inside the header («муниципального образо…»).
      for (const el of Array.from(header.querySelectorAll('*'))) {
        if (!(el instanceof HTMLElement) || !el.textContent?.trim()) continue;
        if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') {
          found.push({
            rule: 'header',
            target: describe(el),
            help: `текст в шапке обрезан: «${el.textContent.trim().slice(0, 60)}»`,
          });
        }
      }
    }
    // On a desktop the header is one row: a part below another part means it wrapped.
    if (viewport >= 1024) {
      for (const header of Array.from(document.querySelectorAll('header'))) {
        // Only what the header lays out in its row: the skip link sits off-screen (absolute) until focused.
        const parts = Array.from(header.children)
          .filter((child) => !['absolute', 'fixed'].includes(getComputedStyle(child).position))
          .map((child) => child.getBoundingClientRect())
          .filter((rect) => rect.width > 0 && rect.height > 0);
        const firstRowBottom = Math.min(...parts.map((rect) => rect.bottom));
        if (parts.some((rect) => rect.top >= firstRowBottom - 1)) {
          found.push({
            rule: 'header',
            target: describe(header),
            help: 'шапка переносится на вторую строку',
          });
        }
      }
    }
    for (const table of Array.from(document.querySelectorAll('table'))) {
      const container = table.parentElement;
      const right = table.getBoundingClientRect().right;
      if (
        table.scrollWidth > table.clientWidth + 1 ||
        (container && table.offsetWidth > container.clientWidth + 1) ||
        right > viewport + 1
      ) {
        found.push({
          rule: 'table',
          target: describe(table),
          help: `таблица шире своего места: ${table.offsetWidth} > ${container?.clientWidth ?? viewport}`,
        });
      }
    }
    // Content past the screen's right edge, even where a clipping box hides the scrollbar (a phone's
    // portal page): the outermost such element in each branch.
    if (checkPage) {
      const past = Array.from(document.querySelectorAll('main *')).filter(
        (el) =>
          el.getBoundingClientRect().right > viewport + 1 &&
          el.getBoundingClientRect().width > 0 &&
          !el.closest('.visually-hidden') &&
          // A diagram's canvas pans inside its own box (the box itself is checked): its layer may be wider.
          !el.closest('.react-flow__viewport'),
      );
      for (const el of past) {
        if (past.some((other) => other !== el && other.contains(el))) continue;
        found.push({
          rule: 'page',
          target: describe(el),
          help: `выходит за правый край экрана: ${Math.round(el.getBoundingClientRect().right)} > ${viewport}`,
        });
      }
    }
    if (checkPage && document.documentElement.scrollWidth > window.innerWidth + 1) {
      found.push({
        rule: 'page',
        target: 'html',
        help: `страница прокручивается по горизонтали: ${document.documentElement.scrollWidth} > ${window.innerWidth}`,
      });
    }
    return found;
  }, wholePage);
}

/**
 * Screenshots of the page at 1024×768, 1366×768 and a phone (390×844, as a phone renders it) into
 * `outDir/<name>-<width>.png`, each checked for horizontal overflow. The phone view opens the same
 * address in a phone context with the same cookies; the whole page's overflow is checked on the
 * portal's pages (`portal: true`), which applicants open on phones.
 */
export async function layout(
  browser: Browser,
  page: Page,
  outDir: string,
  name: string,
  { portal = false, onPage }: { portal?: boolean; onPage?: (phone: Page) => void } = {},
): Promise<void> {
  const original = page.viewportSize();
  const record = (width: string, found: Array<{ rule: string; target: string; help: string }>) => {
    for (const f of found) {
      const page = `${name} @ ${width}`;
      // The same element found again (ten <dd> of one list) is one finding.
      if (findings.some((g) => g.page === page && g.rule === f.rule && g.target === f.target)) continue;
      findings.push({ check: 'overflow', page, impact: 'layout', ...f });
    }
  };
  try {
    for (const { label, viewport } of WIDTHS) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(150);
      await page.screenshot({ path: path.join(outDir, `${name}-${label}.png`), fullPage: true });
      record(label, await overflowIn(page, true));
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
  // A phone, and (portal pages) a 1280 px desktop window zoomed to 200 %: 640 CSS pixels at twice the
  // density, which is what the browser lays out at that zoom.
  const views = [
    { label: 'phone', viewport: PHONE, isMobile: true },
    ...(portal ? [{ label: 'zoom200', viewport: { width: 640, height: 400 }, isMobile: false }] : []),
  ];
  for (const view of views) {
    const context = await browser.newContext({
      storageState: await page.context().storageState(),
      viewport: view.viewport,
      isMobile: view.isMobile,
      hasTouch: view.isMobile,
      deviceScaleFactor: 2,
      locale: 'ru-RU',
    });
    try {
      const other = await context.newPage();
      onPage?.(other);
      await other.goto(page.url(), { waitUntil: 'load' });
      await other.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
      await other.screenshot({ path: path.join(outDir, `${name}-${view.label}.png`), fullPage: true });
      const found = await overflowIn(other, portal);
      // Staff pages are for desktops (1024 px and wider): at phone width only the portal must hold.
      record(view.label, portal ? found : []);
    } finally {
      await context.close();
    }
  }
}

/**
 * Walks the page with Tab from the top (up to `limit` stops): the first stop is the skip link to the
 * main content, and every element that takes the focus shows it (an outline or a ring: WCAG 2.4.7).
 */
export async function keyboardWalk(page: Page, name: string, limit = 30): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const seen = new Set<string>();
  for (let stop = 0; stop < limit; stop++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      if (!(el instanceof HTMLElement) || el === document.body) return null;
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const ring = style.boxShadow !== 'none';
      const id = el.id ? `#${el.id}` : '';
      return {
        target: `${el.tagName.toLowerCase()}${id} «${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 40)}»`,
        visible: outline || ring,
        skip: el.classList.contains('skip-link'),
      };
    });
    if (!focused) break;
    if (stop === 0 && !focused.skip) {
      findings.push({
        check: 'keyboard',
        page: name,
        rule: 'skip-link',
        impact: 'serious',
        target: focused.target,
        help: 'первая остановка Tab — не ссылка «Перейти к основному содержанию»',
      });
    }
    if (seen.has(focused.target)) break;
    seen.add(focused.target);
    if (!focused.visible) {
      findings.push({
        check: 'keyboard',
        page: name,
        rule: 'focus-visible',
        impact: 'serious',
        target: focused.target,
        help: 'фокус клавиатуры не виден',
      });
    }
  }
  if (seen.size === 0) {
    findings.push({
      check: 'keyboard',
      page: name,
      rule: 'tab',
      impact: 'serious',
      target: 'body',
      help: 'клавиша Tab не переводит фокус ни на один элемент',
    });
  }
}

/** Prints every finding and throws when there is any. */
export function reportFindings(): void {
  console.log(`\n--- axe-core проверил страниц: ${audited.length} ---`);
  if (minor.length > 0) console.log(`  ниже serious (не проваливают): ${minor.join('; ')}`);
  if (findings.length === 0) return;
  console.log(`\n--- доступность и вёрстка: ${findings.length} замечаний ---`);
  for (const f of findings) {
    console.log(`  ✗ [${f.check}] ${f.page} — ${f.rule} (${f.impact}) ${f.target}: ${f.help}`);
  }
  throw new Error(
    `${findings.length} замечаний axe (serious/critical) и переполнения по горизонтали: см. список выше`,
  );
}
