import { verifyBundle, type VerificationReport } from './verify.js';

/**
 * The offline page's script: reads the chosen files, runs the same verification as the CLI and lists
 * the checks. Plain DOM; the markup is in build-page.ts.
 */

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`no #${id}`);
  return found as T;
}

async function fileBytes(input: HTMLInputElement): Promise<Uint8Array | undefined> {
  const file = input.files?.[0];
  return file ? new Uint8Array(await file.arrayBuffer()) : undefined;
}

function render(report: VerificationReport): void {
  const verdict = element('verdict');
  verdict.className = report.ok ? 'verdict verdict-ok' : 'verdict verdict-fail';
  verdict.replaceChildren();
  const heading = document.createElement('strong');
  heading.textContent = report.ok ? 'Проверка пройдена' : 'Проверка не пройдена';
  const text = document.createElement('p');
  text.textContent = report.verdict;
  verdict.append(heading, text);
  verdict.hidden = false;

  const fingerprint = element('fingerprint');
  const fingerprintValue = element('fingerprint-value');
  fingerprintValue.textContent = report.rootFingerprint ?? '';
  fingerprint.hidden = !report.rootFingerprint;

  const list = element('checks');
  list.replaceChildren();
  for (const check of report.checks) {
    const item = document.createElement('li');
    item.className = check.ok
      ? check.warning
        ? 'check check-warning'
        : 'check check-ok'
      : 'check check-fail';
    const mark = document.createElement('span');
    mark.className = 'mark';
    mark.setAttribute('aria-hidden', 'true');
    mark.textContent = check.ok ? (check.warning ? '?' : '✓') : '✗';
    const status = document.createElement('span');
    status.className = 'visually-hidden';
    status.textContent = check.ok ? (check.warning ? 'Не установлено: ' : 'Выполнено: ') : 'Не выполнено: ';
    const text = document.createElement('span');
    text.textContent = check.what;
    item.append(mark, status, text);
    list.append(item);
  }
  element('results').hidden = false;
}

async function run(): Promise<void> {
  const button = element<HTMLButtonElement>('verify');
  const progress = element('progress');
  const bundle = await fileBytes(element<HTMLInputElement>('bundle'));
  if (!bundle) {
    progress.textContent = 'Выберите файл выписки (JSON).';
    return;
  }
  button.disabled = true;
  progress.textContent = 'Идёт проверка…';
  // Let the browser paint the message: the verification itself is synchronous arithmetic.
  await new Promise((resolve) => setTimeout(resolve, 20));
  try {
    const earlier = await fileBytes(element<HTMLInputElement>('earlier'));
    const heads = element<HTMLInputElement>('heads').files?.[0];
    const report = await verifyBundle(bundle, {
      ...(earlier && { earlier }),
      ...(heads && { publishedHeads: await heads.text() }),
    });
    render(report);
    progress.textContent = 'Проверка завершена.';
  } catch (error) {
    progress.textContent = `Внутренняя ошибка проверки: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    button.disabled = false;
  }
}

element<HTMLFormElement>('form').addEventListener('submit', (event) => {
  event.preventDefault();
  void run();
});
