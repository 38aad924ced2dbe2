import { createHash } from 'node:crypto';
import { moscowDate, moscowTime } from '../../platform/clock.js';
import { AGENCIES, type Agency } from '../../platform/smev/kinds/types.js';
import { escapeHtml } from '../esia/login-page.js';
import type { Behaviour, BehaviourMode, SentRequest, SentRequestState } from './emulator.js';
import { PROVIDERS } from './providers/index.js';

/** The emulator's admin page: plain server-rendered Russian HTML, like the ESIA emulator's pages. */

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f5f7fa;color:#0b1f33}
header{background:#0d4cd3;color:#fff;padding:16px 24px}
header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;opacity:.85;font-size:14px}
main{max-width:1200px;margin:24px auto;padding:0 16px}
h2{font-size:18px;margin:24px 0 8px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
th,td{border:1px solid #dde3ea;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef2f7}
form{display:flex;gap:8px;align-items:center;margin:0}
select,input{font-size:13px;padding:4px}
input[type=number]{width:80px}
button{background:#0d4cd3;color:#fff;border:0;border-radius:6px;padding:6px 10px;font-size:13px;cursor:pointer}
.warning{background:#fff4e5;border:1px solid #f5a623;border-radius:8px;padding:12px 16px}
code{font-size:12px}
`;

export const ADMIN_PAGE_CSP =
  `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; ` +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const MODE_TITLES: Record<BehaviourMode, string> = {
  normal: 'Отвечает в срок',
  late: `Отвечает с опозданием (через 8 календарных дней)`,
  reject: 'Отказывает (RequestRejected ACCESS_DENIED)',
  fault: 'СМЭВ не принимает запросы (SMEVFailure)',
  drop: 'Обрыв соединения после приёма запроса',
};

const STATE_TITLES: Record<SentRequestState, string> = {
  waiting: 'Ведомство готовит ответ',
  ready: 'Ответ в очереди',
  delivered: 'Ответ выдан, не подтверждён',
  acknowledged: 'Ответ подтверждён',
};

function at(date: Date | null): string {
  return date ? `${moscowDate(date)} ${moscowTime(date)}` : '—';
}

function behaviourRow(
  prefix: string,
  agency: Agency,
  b: Behaviour,
  counts: Record<SentRequestState, number>,
): string {
  const p = PROVIDERS[agency];
  const options = (Object.keys(MODE_TITLES) as BehaviourMode[])
    .map(
      (m) => `<option value="${m}"${m === b.mode ? ' selected' : ''}>${escapeHtml(MODE_TITLES[m])}</option>`,
    )
    .join('');
  return (
    `<tr data-testid="smev-agency-${agency}"><td><b>${escapeHtml(p.name)}</b><br><code>${escapeHtml(p.mnemonic)}</code></td>` +
    `<td><form method="post" action="${prefix}/"><input type="hidden" name="agency" value="${agency}">` +
    `<select name="mode" aria-label="Поведение: ${escapeHtml(p.name)}">${options}</select>` +
    `<label>задержка, с <input type="number" name="delaySeconds" min="0" max="86400" value="${b.delaySeconds}"></label>` +
    `<button type="submit">Сохранить</button></form></td>` +
    `<td>${counts.waiting + counts.ready}</td><td>${counts.delivered}</td><td>${counts.acknowledged}</td></tr>`
  );
}

export function adminPage(input: {
  prefix: string;
  behaviours: Record<Agency, Behaviour>;
  requests: SentRequest[];
  stateOf: (r: SentRequest) => SentRequestState;
}): string {
  const rows = AGENCIES.map((agency) => {
    const counts: Record<SentRequestState, number> = { waiting: 0, ready: 0, delivered: 0, acknowledged: 0 };
    for (const r of input.requests) if (r.agency === agency) counts[input.stateOf(r)] += 1;
    return behaviourRow(input.prefix, agency, input.behaviours[agency], counts);
  }).join('');
  const last = [...input.requests]
    .sort((a, b) => b.acceptedAt.getTime() - a.acceptedAt.getTime())
    .slice(0, 50)
    .map(
      (r) =>
        `<tr><td>${escapeHtml(at(r.acceptedAt))}</td><td><code>${escapeHtml(r.messageId)}</code></td>` +
        `<td>${escapeHtml(r.sender)} → ${escapeHtml(PROVIDERS[r.agency].name)}</td><td><code>${escapeHtml(r.root)}</code></td>` +
        `<td>${escapeHtml(STATE_TITLES[input.stateOf(r)])}${r.response.kind === 'rejected' ? ' (отказ)' : ''}</td>` +
        `<td>${escapeHtml(at(r.dueAt))}</td><td>${r.deliveries}</td></tr>`,
    )
    .join('');
  return (
    `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Эмулятор СМЭВ 3</title>` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head><body>` +
    `<header><h1>Эмулятор СМЭВ 3</h1><p>Демонстрационный стенд: ведомства и их сведения вымышлены</p></header><main>` +
    `<p class="warning" role="note">Страница открыта без входа: эмулятор включают только для демонстрации и испытаний. ` +
    `Точка доступа СМЭВ: <code>POST ${escapeHtml(input.prefix)}/ws</code> (SOAP 1.1, схемы 1.2 и 1.3).</p>` +
    `<h2>Ведомства-поставщики</h2><table><thead><tr><th>Ведомство</th><th>Поведение</th><th>В очереди</th>` +
    `<th>Выдано, не подтверждено</th><th>Подтверждено</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<h2>Последние сообщения</h2>` +
    (last
      ? `<table><thead><tr><th>Принято</th><th>MessageID</th><th>Отправитель → получатель</th><th>Вид сведений</th>` +
        `<th>Состояние</th><th>Ответ готов</th><th>Выдач</th></tr></thead><tbody>${last}</tbody></table>`
      : '<p>Сообщений пока не было.</p>') +
    `</main></body></html>`
  );
}
