import { build } from 'esbuild';

/**
 * Builds the offline verifier in memory with esbuild: the HTML page with its script inlined (no
 * network: the CSP forbids every fetch) and the CLI as one self-contained file. Node-only (esbuild);
 * the bundles themselves contain no Node API but the CLI's file reading.
 */

const here = new URL('.', import.meta.url);

function sourceFile(name: string, sourceDir?: string): string {
  return sourceDir
    ? `${sourceDir.replace(/\/$/, '')}/${name}`
    : decodeURIComponent(new URL(name, here).pathname);
}

export const PAGE_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'";

const STYLE = `
  :root { color-scheme: light; }
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0; color: #1a1a1a; background: #ffffff; line-height: 1.5; }
  main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
  h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
  p.lead { margin: 0 0 1.25rem; color: #333333; }
  form { display: grid; gap: 1rem; padding: 1rem; border: 1px solid #8a8a8a; border-radius: .5rem; background: #f7f7f7; }
  label { font-weight: 600; display: block; margin-bottom: .25rem; }
  .hint { font-weight: 400; color: #404040; font-size: .95rem; }
  input[type=file] { font-size: 1rem; }
  button { justify-self: start; font-size: 1.05rem; padding: .55rem 1.4rem; border-radius: .4rem; border: 2px solid #0b4f8a; background: #0b4f8a; color: #ffffff; cursor: pointer; }
  button:disabled { background: #5a5a5a; border-color: #5a5a5a; cursor: wait; }
  button:focus-visible, input:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
  .verdict { margin: 1.25rem 0; padding: 1rem 1.25rem; border-radius: .5rem; border: 3px solid; font-size: 1.1rem; }
  .verdict p { margin: .25rem 0 0; }
  .verdict-ok { background: #e6f4ea; border-color: #1e6b34; color: #0f3d1d; }
  .verdict-fail { background: #fdecea; border-color: #a4161a; color: #5c0b0d; }
  .fingerprint { padding: .75rem 1rem; border: 1px solid #8a8a8a; border-radius: .5rem; }
  .fingerprint code { display: block; font-size: 1rem; word-break: break-all; margin-top: .25rem; }
  ol.checks { list-style: none; padding: 0; margin: 0; }
  .check { display: flex; gap: .6rem; padding: .35rem 0; border-bottom: 1px solid #dddddd; }
  .mark { font-weight: 700; min-width: 1.2rem; }
  .check-ok .mark { color: #1e6b34; }
  .check-fail .mark { color: #a4161a; }
  .check-warning .mark { color: #7a4f00; }
  .check-fail { color: #5c0b0d; font-weight: 600; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

const BODY = `
<main>
  <h1>Проверка выписки из журнала операций</h1>
  <p class="lead">Страница проверяет выписку на этом компьютере, без обращения к сети и к системе: подпись
  (ГОСТ Р 34.10-2012), цепочку сертификатов, хэши записей и их включение в подписанное дерево журнала.</p>
  <form id="form" novalidate>
    <div>
      <label for="bundle">Выписка (JSON)</label>
      <input id="bundle" name="bundle" type="file" accept=".json,application/json" required aria-describedby="bundle-hint">
      <div id="bundle-hint" class="hint">Файл выписки, выданный системой.</div>
    </div>
    <div>
      <label for="earlier">Более ранняя выписка (необязательно)</label>
      <input id="earlier" name="earlier" type="file" accept=".json,application/json" aria-describedby="earlier-hint">
      <div id="earlier-hint" class="hint">Чтобы убедиться, что журнал не переписан между двумя выписками.</div>
    </div>
    <div>
      <label for="heads">Опубликованные головы журнала (необязательно)</label>
      <input id="heads" name="heads" type="file" accept=".jsonl,.txt,application/jsonl,text/plain" aria-describedby="heads-hint">
      <div id="heads-hint" class="hint">Файл JSON Lines, который публикует владелец системы.</div>
    </div>
    <button id="verify" type="submit">Проверить</button>
    <div id="progress" role="status" aria-live="polite"></div>
  </form>
  <section id="results" hidden aria-labelledby="results-title">
    <h2 id="results-title">Результат</h2>
    <div id="verdict" class="verdict" role="alert"></div>
    <div id="fingerprint" class="fingerprint" hidden>
      Отпечаток корневого сертификата (SHA-256) — сравните с отпечатком удостоверяющего центра установки:
      <code id="fingerprint-value"></code>
    </div>
    <h2>Проверки</h2>
    <ol id="checks" class="checks"></ol>
  </section>
</main>`;

export interface BuildOptions {
  /** The folder of this package's src/ (defaults to this file's). */
  sourceDir?: string;
  minify?: boolean;
}

/** The page's script, bundled for the browser. */
async function bundlePageScript(options: BuildOptions): Promise<string> {
  const result = await build({
    entryPoints: [sourceFile('page.ts', options.sourceDir)],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: options.minify ?? true,
    legalComments: 'none',
    charset: 'utf8',
    // The GOST library's CommonJS wrapper looks for Node's `global`.
    define: { global: 'globalThis' },
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no page script');
  return output.text;
}

/** The self-contained HTML page: markup, style and the bundled script, no external resource. */
export async function buildVerifierPage(options: BuildOptions = {}): Promise<string> {
  const script = (await bundlePageScript(options))
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--');
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Проверка выписки из журнала операций</title>
<style>${STYLE}</style>
</head>
<body>${BODY}
<script>${script}</script>
</body>
</html>
`;
}

/** The CLI as one ES module for Node with every dependency inside. */
export async function buildVerifierCli(outfile: string, options: BuildOptions = {}): Promise<void> {
  await build({
    entryPoints: [sourceFile('cli.ts', options.sourceDir)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: options.minify ?? false,
    legalComments: 'none',
    charset: 'utf8',
    // A CommonJS dependency inside an ES module may still call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });
}
