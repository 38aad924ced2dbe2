import { createHash } from 'node:crypto';
import type { PendingAuthorization } from './emulator.js';
import { fullNameOf, type EmulatorPerson } from './persons.js';

/** The emulator's own pages: plain server-rendered Russian HTML, nothing of the product's web app. */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f5f7fa;color:#0b1f33}
header{background:#0d4cd3;color:#fff;padding:16px 24px}
header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;opacity:.85;font-size:14px}
main{max-width:1100px;margin:24px auto;padding:0 16px}
h2{font-size:18px;margin:24px 0 8px}
.person{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:12px 16px;margin:8px 0;display:flex;gap:16px;align-items:flex-start;justify-content:space-between}
.person h3{margin:0 0 4px;font-size:16px}
.person dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:4px 0 0;font-size:13px}
.person dt{color:#66727f}.person dd{margin:0}
.note{font-size:13px;color:#0d4cd3;margin:0}
.actions{display:flex;flex-direction:column;gap:6px;min-width:220px}
button{background:#0d4cd3;color:#fff;border:0;border-radius:6px;padding:8px 12px;font-size:14px;cursor:pointer}
button.secondary{background:#e4ecfd;color:#0d4cd3}
.error{background:#fff;border:1px solid #ee3f58;border-radius:8px;padding:16px}
`;

/** The page's one inline style, allowed by its hash: the emulator's pages need nothing else. */
export const PAGE_CSP =
  `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; ` +
  // After the form the emulator redirects to the client's registered redirect URI, any address.
  "form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'";

function layout(title: string, body: string): string {
  return (
    `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head><body>` +
    `<header><h1>Госуслуги — эмулятор ЕСИА</h1><p>Демонстрационный стенд: настоящие учётные записи здесь не используются</p></header>` +
    `<main>${body}</main></body></html>`
  );
}

function personCard(p: EmulatorPerson, pending: PendingAuthorization, withOrganizations: boolean): string {
  const name = fullNameOf(p);
  const hidden =
    `<input type="hidden" name="request" value="${escapeHtml(pending.id)}">` +
    `<input type="hidden" name="person" value="${escapeHtml(p.oid)}">`;
  const orgButtons = withOrganizations
    ? p.organizations
        .map(
          (o) =>
            `<form method="post" action="login">${hidden}<input type="hidden" name="organization" value="${escapeHtml(o.oid)}">` +
            `<button type="submit" class="secondary" aria-label="Войти как представитель ${escapeHtml(o.shortName)}: ${escapeHtml(name)}">` +
            `Как представитель ${escapeHtml(o.shortName)}</button></form>`,
        )
        .join('')
    : '';
  const rows: Array<[string, string]> = [
    ['СНИЛС', p.snils],
    [
      'Паспорт',
      `${p.passport.series} ${p.passport.number}, выдан ${p.passport.issueDate}, ${p.passport.issuedBy}`,
    ],
    ['Адрес', p.registrationAddress.addressStr],
    ['Телефон', p.mobile],
    ['Эл. почта', p.email],
    ...p.organizations.map((o): [string, string] => [
      'Организация',
      `${o.fullName} (${o.role}), ОГРН ${o.ogrn}`,
    ]),
  ];
  return (
    `<section class="person" data-testid="esia-person-${escapeHtml(p.oid)}"><div>` +
    `<h3>${escapeHtml(name)}</h3><p class="note">${escapeHtml(p.note)}</p><dl>` +
    rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('') +
    `</dl></div><div class="actions"><form method="post" action="login">${hidden}` +
    `<button type="submit" data-person-name="${escapeHtml(name)}" aria-label="Войти как ${escapeHtml(name)}">Войти</button></form>` +
    `${orgButtons}</div></section>`
  );
}

/** What each scope gives access to, in the words ESIA's consent page uses for people. */
const SCOPE_WORDS: Record<string, string> = {
  openid: 'вход в систему',
  fullname: 'фамилия, имя и отчество',
  birthdate: 'дата рождения',
  gender: 'пол',
  snils: 'СНИЛС',
  inn: 'ИНН',
  id_doc: 'документ, удостоверяющий личность',
  birthplace: 'место рождения',
  contacts: 'контактные данные',
  email: 'адрес электронной почты',
  mobile: 'номер мобильного телефона',
  addresses: 'адреса',
  usr_org: 'организации, в которых вы работаете',
  org_fullname: 'полное наименование',
  org_shortname: 'сокращённое наименование',
  org_ogrn: 'ОГРН',
  org_inn: 'ИНН',
  org_kpp: 'КПП',
};

/** `openid fullname snils` → «вход в систему, фамилия, имя и отчество, СНИЛС»; an unknown code as is. */
export function scopeWords(scope: string): string {
  return scope
    .split(/\s+/)
    .filter(Boolean)
    .map((code) => SCOPE_WORDS[code] ?? code)
    .join('; ');
}

export function loginPage(pending: PendingAuthorization, persons: readonly EmulatorPerson[]): string {
  const withOrganizations = pending.scopeOrg.trim() !== '';
  const staff = persons.filter((p) => p.note.startsWith('Сотрудник'));
  const applicants = persons.filter((p) => !p.note.startsWith('Сотрудник'));
  const group = (title: string, list: readonly EmulatorPerson[]) =>
    `<h2>${escapeHtml(title)}</h2>${list.map((p) => personCard(p, pending, withOrganizations)).join('')}`;
  return layout(
    'Вход — эмулятор ЕСИА',
    `<p>Система <b>${escapeHtml(pending.clientId)}</b> запрашивает вход и доступ к данным: ` +
      `${escapeHtml(scopeWords(pending.scope))}${withOrganizations ? `; данные организации: ${escapeHtml(scopeWords(pending.scopeOrg))}` : ''}.</p>` +
      `<p>Выберите демонстрационную учётную запись.</p>` +
      group('Сотрудники муниципальных образований', staff) +
      group('Заявители', applicants) +
      `<form method="post" action="login"><input type="hidden" name="request" value="${escapeHtml(pending.id)}">` +
      `<input type="hidden" name="cancel" value="1"><button type="submit" class="secondary">Отказаться от входа</button></form>`,
  );
}

export function errorPage(title: string, text: string): string {
  return layout(
    title,
    `<div class="error" role="alert"><h2>${escapeHtml(title)}</h2><p>${escapeHtml(text)}</p></div>`,
  );
}
