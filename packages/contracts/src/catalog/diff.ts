import { ROLE_TITLES } from '../roles.js';
import { formatTerm, type Responsible, type Term } from './common.js';
import type { ServiceDefinition } from './definition.js';
import { FIELD_TYPE_TITLES, type Field } from './form.js';
import {
  APPLICANT_KIND_TITLES,
  CHANNEL_TITLES,
  type ApplicantDocument,
  type Ground,
  type InteragencyDocument,
  type Result,
  type ServiceCard,
} from './service.js';
import {
  OUTCOME_TITLES,
  REQUEST_MODE_TITLES,
  STAGE_KIND_TITLES,
  type Action,
  type InteragencyRequestDef,
  type IntraRequestDef,
  type Stage,
} from './tech-map.js';

/**
 * What changed between two versions of a service, in the methodologist's words: parts are matched by
 * their keys (stable across versions), so a renamed stage is a change, not a removal and an addition.
 */

export const DIFF_AREAS = ['card', 'stages', 'documents', 'form'] as const;
export type DiffArea = (typeof DIFF_AREAS)[number];
export const DIFF_AREA_TITLES: Record<DiffArea, string> = {
  card: 'Карточка услуги',
  stages: 'Технологическая схема',
  documents: 'Документы',
  form: 'Форма заявления',
};
export type DiffKind = 'added' | 'removed' | 'changed';

export interface DefinitionChange {
  area: DiffArea;
  kind: DiffKind;
  /** The changed part and what of it: `card.term`, `stage:review.term`, `field:phone.required`. */
  key: string;
  /** «Этап «Экспертиза»: срок 5 рабочих дней → 7 рабочих дней». */
  title: string;
  before?: string;
  after?: string;
}

const yesNo = (value: boolean) => (value ? 'да' : 'нет');
const term = (value: Term | null) => (value ? formatTerm(value) : 'не указан');
const responsible = (value: Responsible | null) =>
  value ? `${ROLE_TITLES[value.role]}${value.unitRef ? ` (${value.unitRef})` : ''}` : 'не указан';
const fee = (value: ServiceCard['fee']) => (value ? `${value.amountRub} руб. (${value.basis})` : 'бесплатно');
const plural = (n: number, one: string, few: string, many: string) => {
  const single = n % 10 === 1 && n % 100 !== 11;
  const some = n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14);
  return `${n} ${single ? one : some ? few : many}`;
};
const years = (n: number) => plural(n, 'год', 'года', 'лет');
const validity = (v: NonNullable<Result['validity']>) =>
  v.unit === 'years'
    ? years(v.amount)
    : v.unit === 'months'
      ? plural(v.amount, 'месяц', 'месяца', 'месяцев')
      : plural(v.amount, 'день', 'дня', 'дней');
const list = (values: readonly string[]) => (values.length > 0 ? values.join(', ') : 'нет');

export function diffDefinitions(a: ServiceDefinition, b: ServiceDefinition): DefinitionChange[] {
  const changes: DefinitionChange[] = [];

  const push = (
    area: DiffArea,
    kind: DiffKind,
    key: string,
    title: string,
    before?: string,
    after?: string,
  ) => {
    const change: DefinitionChange = { area, kind, key, title };
    if (before !== undefined) change.before = before;
    if (after !== undefined) change.after = after;
    changes.push(change);
  };
  /** A value compared as its display: one change «what: before → after» when they differ. */
  const compare = (
    area: DiffArea,
    key: string,
    head: string,
    what: string,
    before: string,
    after: string,
  ) => {
    if (before !== after) {
      push(area, 'changed', key, `${head}: ${what ? `${what} ` : ''}${before} → ${after}`, before, after);
    }
  };
  /** Lists of keyed parts: added, removed, and those in both handed to `each`. */
  const byKey = <T extends { key: string }>(
    before: readonly T[],
    after: readonly T[],
    added: (item: T) => void,
    removed: (item: T) => void,
    each: (was: T, now: T) => void,
  ) => {
    const old = new Map(before.map((item) => [item.key, item]));
    const next = new Map(after.map((item) => [item.key, item]));
    for (const item of before) if (!next.has(item.key)) removed(item);
    for (const item of after) {
      const was = old.get(item.key);
      if (was) each(was, item);
      else added(item);
    }
  };

  // ── Card ───────────────────────────────────────────────────────────────────────────────────────
  const ca = a.card;
  const cb = b.card;
  const card = 'Карточка';
  compare('card', 'card.name', card, 'наименование', `«${ca.name}»`, `«${cb.name}»`);
  compare('card', 'card.shortName', card, 'краткое наименование', `«${ca.shortName}»`, `«${cb.shortName}»`);
  if (ca.description !== cb.description) {
    push('card', 'changed', 'card.description', `${card}: изменено описание`, ca.description, cb.description);
  }
  compare('card', 'card.regulation', card, 'регламент', regulation(ca), regulation(cb));
  compare(
    'card',
    'card.responsibleUnit',
    card,
    'ответственное подразделение',
    ca.responsibleUnitRef,
    cb.responsibleUnitRef,
  );
  compare('card', 'card.term', card, 'срок предоставления', formatTerm(ca.term), formatTerm(cb.term));
  compare('card', 'card.fee', card, 'плата', fee(ca.fee), fee(cb.fee));
  compare(
    'card',
    'card.retention',
    card,
    'срок хранения',
    years(ca.retentionYears),
    years(cb.retentionYears),
  );
  compare(
    'card',
    'card.channels',
    card,
    'способы подачи',
    list(ca.channels.map((c) => CHANNEL_TITLES[c])),
    list(cb.channels.map((c) => CHANNEL_TITLES[c])),
  );
  const categories = (c: ServiceCard) =>
    list(
      c.applicantCategories.map(
        (x) =>
          `${APPLICANT_KIND_TITLES[x.kind]}${x.representativeAllowed ? ' (допускается представитель)' : ''}`,
      ),
    );
  compare('card', 'card.applicants', card, 'заявители', categories(ca), categories(cb));

  const grounds = (which: 'intake' | 'service', before: readonly Ground[], after: readonly Ground[]) => {
    const what =
      which === 'intake'
        ? 'Основание для отказа в приёме документов'
        : 'Основание для отказа в предоставлении услуги';
    const prefix = `card.${which}Grounds:`;
    byKey(
      before,
      after,
      (g) => push('card', 'added', prefix + g.key, `${what} добавлено: «${g.text}»`, undefined, g.text),
      (g) => push('card', 'removed', prefix + g.key, `${what} исключено: «${g.text}»`, g.text),
      (was, now) => {
        if (was.text !== now.text || was.clause !== now.clause) {
          push(
            'card',
            'changed',
            prefix + now.key,
            `${what} изменено: «${was.text}» → «${now.text}»`,
            was.text,
            now.text,
          );
        }
      },
    );
  };
  grounds('intake', ca.intakeRefusalGrounds, cb.intakeRefusalGrounds);
  grounds('service', ca.serviceRefusalGrounds, cb.serviceRefusalGrounds);

  const resultText = (r: Result) =>
    `${r.name} (${r.kind === 'positive' ? 'положительный' : 'отрицательный'}${
      r.validity ? `, действует ${validity(r.validity)}` : ''
    })`;
  byKey(
    ca.results,
    cb.results,
    (r) =>
      push(
        'card',
        'added',
        `card.result:${r.key}`,
        `Результат добавлен: «${r.name}»`,
        undefined,
        resultText(r),
      ),
    (r) => push('card', 'removed', `card.result:${r.key}`, `Результат исключён: «${r.name}»`, resultText(r)),
    (was, now) =>
      compare(
        'card',
        `card.result:${now.key}`,
        `Результат «${now.name}»`,
        '',
        resultText(was),
        resultText(now),
      ),
  );

  // ── Documents ──────────────────────────────────────────────────────────────────────────────────
  const applicantDoc = (d: ApplicantDocument) =>
    `${d.name}; ${d.required ? 'обязателен' : 'не обязателен'}${d.condition ? `; ${d.condition}` : ''}; вид: ${d.documentType}`;
  byKey(
    ca.applicantDocuments,
    cb.applicantDocuments,
    (d) =>
      push(
        'documents',
        'added',
        `document:${d.key}`,
        `Документ заявителя добавлен: «${d.name}»`,
        undefined,
        applicantDoc(d),
      ),
    (d) =>
      push(
        'documents',
        'removed',
        `document:${d.key}`,
        `Документ заявителя исключён: «${d.name}»`,
        applicantDoc(d),
      ),
    (was, now) => {
      const head = `Документ «${now.name}»`;
      compare(
        'documents',
        `document:${now.key}.name`,
        head,
        'наименование',
        `«${was.name}»`,
        `«${now.name}»`,
      );
      compare(
        'documents',
        `document:${now.key}.required`,
        head,
        'обязателен:',
        yesNo(was.required),
        yesNo(now.required),
      );
      compare(
        'documents',
        `document:${now.key}.condition`,
        head,
        'когда нужен:',
        was.condition || '—',
        now.condition || '—',
      );
      compare(
        'documents',
        `document:${now.key}.type`,
        head,
        'вид документа',
        was.documentType,
        now.documentType,
      );
    },
  );
  const interagencyDoc = (d: InteragencyDocument) => `${d.name}; ${d.agency}; ${d.requestKind}`;
  byKey(
    ca.interagencyDocuments,
    cb.interagencyDocuments,
    (d) =>
      push(
        'documents',
        'added',
        `document:${d.key}`,
        `Документ, получаемый по межведомственному запросу, добавлен: «${d.name}»`,
        undefined,
        interagencyDoc(d),
      ),
    (d) =>
      push(
        'documents',
        'removed',
        `document:${d.key}`,
        `Документ, получаемый по межведомственному запросу, исключён: «${d.name}»`,
        interagencyDoc(d),
      ),
    (was, now) => {
      const head = `Документ «${now.name}»`;
      compare(
        'documents',
        `document:${now.key}.name`,
        head,
        'наименование',
        `«${was.name}»`,
        `«${now.name}»`,
      );
      compare('documents', `document:${now.key}.agency`, head, 'орган', was.agency, now.agency);
      compare(
        'documents',
        `document:${now.key}.requestKind`,
        head,
        'вид сведений',
        was.requestKind,
        now.requestKind,
      );
    },
  );

  // ── Stages ─────────────────────────────────────────────────────────────────────────────────────
  const ma = a.techMap;
  const mb = b.techMap;
  if (ma.start !== mb.start) {
    const name = (stages: readonly Stage[], key: string) =>
      `«${stages.find((s) => s.key === key)?.name ?? key}»`;
    compare(
      'stages',
      'map.start',
      'Схема',
      'начальный этап',
      name(ma.stages, ma.start),
      name(mb.stages, mb.start),
    );
  }
  const stageName = (s: Stage) => `Этап «${s.name}»`;
  byKey(
    ma.stages,
    mb.stages,
    (s) => push('stages', 'added', `stage:${s.key}`, `${stageName(s)} добавлен`, undefined, stageText(s)),
    (s) => push('stages', 'removed', `stage:${s.key}`, `${stageName(s)} исключён`, stageText(s)),
    (was, now) => {
      const head = stageName(now);
      const key = `stage:${now.key}`;
      compare('stages', `${key}.name`, head, 'наименование', `«${was.name}»`, `«${now.name}»`);
      compare('stages', `${key}.kind`, head, 'вид', STAGE_KIND_TITLES[was.kind], STAGE_KIND_TITLES[now.kind]);
      compare('stages', `${key}.term`, head, 'срок', term(was.term), term(now.term));
      compare(
        'stages',
        `${key}.responsible`,
        head,
        'ответственный',
        responsible(was.responsible),
        responsible(now.responsible),
      );
      compare(
        'stages',
        `${key}.outcome`,
        head,
        'исход',
        was.outcome ? OUTCOME_TITLES[was.outcome] : 'нет',
        now.outcome ? OUTCOME_TITLES[now.outcome] : 'нет',
      );
      compare('stages', `${key}.result`, head, 'результат', was.resultKey ?? 'нет', now.resultKey ?? 'нет');
      byKey(
        was.actions,
        now.actions,
        (x) =>
          push(
            'stages',
            'added',
            `${key}.action:${x.key}`,
            `${head}: добавлено действие «${x.label}»`,
            undefined,
            actionText(x, mb.stages),
          ),
        (x) =>
          push(
            'stages',
            'removed',
            `${key}.action:${x.key}`,
            `${head}: исключено действие «${x.label}»`,
            actionText(x, ma.stages),
          ),
        (x, y) => {
          const part = `${key}.action:${y.key}`;
          const at = `${head}: действие «${y.label}»`;
          // The target is compared by key: a stage renamed in the same version is not a new target.
          const target = (map: readonly Stage[], to: string) =>
            `«${map.find((s) => s.key === to)?.name ?? to}»`;
          compare('stages', `${part}.label`, at, 'надпись', `«${x.label}»`, `«${y.label}»`);
          if (x.to !== y.to)
            compare('stages', `${part}.to`, at, 'ведёт к', target(ma.stages, x.to), target(mb.stages, y.to));
          compare('stages', `${part}.roles`, at, 'роли', rolesText(x), rolesText(y));
          compare('stages', `${part}.flags`, at, 'условия', flagsText(x), flagsText(y));
        },
      );
      byKey(
        was.interagencyRequests,
        now.interagencyRequests,
        (r) =>
          push(
            'stages',
            'added',
            `${key}.request:${r.key}`,
            `${head}: добавлен запрос «${r.name}»`,
            undefined,
            requestText(r),
          ),
        (r) =>
          push(
            'stages',
            'removed',
            `${key}.request:${r.key}`,
            `${head}: исключён запрос «${r.name}»`,
            requestText(r),
          ),
        (r, q) => {
          const part = `${key}.request:${q.key}`;
          const at = `${head}: запрос «${q.name}»`;
          compare('stages', `${part}.name`, at, 'наименование', `«${r.name}»`, `«${q.name}»`);
          compare('stages', `${part}.agency`, at, 'орган', r.agency, q.agency);
          compare('stages', `${part}.requestKind`, at, 'вид сведений', r.requestKind, q.requestKind);
          compare(
            'stages',
            `${part}.document`,
            at,
            'документ',
            r.documentKey ?? 'нет',
            q.documentKey ?? 'нет',
          );
          compare('stages', `${part}.answerTerm`, at, 'срок ответа', term(r.answerTerm), term(q.answerTerm));
          compare(
            'stages',
            `${part}.mode`,
            at,
            'порядок',
            REQUEST_MODE_TITLES[r.mode],
            REQUEST_MODE_TITLES[q.mode],
          );
        },
      );
      byKey(
        was.intraRequests,
        now.intraRequests,
        (r) =>
          push(
            'stages',
            'added',
            `${key}.request:${r.key}`,
            `${head}: добавлен запрос «${r.name}»`,
            undefined,
            intraText(r),
          ),
        (r) =>
          push(
            'stages',
            'removed',
            `${key}.request:${r.key}`,
            `${head}: исключён запрос «${r.name}»`,
            intraText(r),
          ),
        (r, q) => {
          const part = `${key}.request:${q.key}`;
          const at = `${head}: запрос «${q.name}»`;
          compare('stages', `${part}.name`, at, 'наименование', `«${r.name}»`, `«${q.name}»`);
          compare('stages', `${part}.unit`, at, 'подразделение', r.unitRef, q.unitRef);
          compare('stages', `${part}.answerTerm`, at, 'срок ответа', term(r.answerTerm), term(q.answerTerm));
        },
      );
      byKey(
        was.documents,
        now.documents,
        (d) =>
          push(
            'stages',
            'added',
            `${key}.document:${d.key}`,
            `${head}: добавлен документ «${d.name}»`,
            undefined,
            d.name,
          ),
        (d) =>
          push(
            'stages',
            'removed',
            `${key}.document:${d.key}`,
            `${head}: исключён документ «${d.name}»`,
            d.name,
          ),
        (d, e) => {
          const before = `${d.name}; вид: ${d.documentType}; результат: ${d.resultKey ?? 'нет'}`;
          const after = `${e.name}; вид: ${e.documentType}; результат: ${e.resultKey ?? 'нет'}`;
          compare('stages', `${key}.document:${e.key}`, `${head}: документ «${e.name}»`, '', before, after);
        },
      );
    },
  );

  // ── Form ───────────────────────────────────────────────────────────────────────────────────────
  const fa = a.form.sections.flatMap((s) => s.fields);
  const fb = b.form.sections.flatMap((s) => s.fields);
  byKey(
    a.form.sections,
    b.form.sections,
    (s) => push('form', 'added', `section:${s.key}`, `Раздел «${s.title}» добавлен`, undefined, s.title),
    (s) => push('form', 'removed', `section:${s.key}`, `Раздел «${s.title}» исключён`, s.title),
    (s, t) =>
      compare(
        'form',
        `section:${t.key}.title`,
        `Раздел «${t.title}»`,
        'заголовок',
        `«${s.title}»`,
        `«${t.title}»`,
      ),
  );
  byKey(
    fa,
    fb,
    (f) => push('form', 'added', `field:${f.key}`, `Поле «${f.label}» добавлено`, undefined, fieldText(f)),
    (f) => push('form', 'removed', `field:${f.key}`, `Поле «${f.label}» исключено`, fieldText(f)),
    (f, g) => {
      const head = `Поле «${g.label}»`;
      const key = `field:${g.key}`;
      compare('form', `${key}.label`, head, 'надпись', `«${f.label}»`, `«${g.label}»`);
      compare('form', `${key}.type`, head, 'тип', FIELD_TYPE_TITLES[f.type], FIELD_TYPE_TITLES[g.type]);
      compare('form', `${key}.required`, head, 'обязательное:', yesNo(f.required), yesNo(g.required));
      compare('form', `${key}.multiple`, head, 'несколько значений:', yesNo(f.multiple), yesNo(g.multiple));
      compare('form', `${key}.options`, head, 'варианты', options(f), options(g));
      compare('form', `${key}.showIf`, head, 'условие показа', condition(f), condition(g));
      compare('form', `${key}.validation`, head, 'проверка', validationText(f), validationText(g));
      if ((f.hint ?? '') !== (g.hint ?? '')) {
        push('form', 'changed', `${key}.hint`, `${head}: изменена подсказка`, f.hint ?? '', g.hint ?? '');
      }
    },
  );
  return changes;
}

function regulation(card: ServiceCard): string {
  const r = card.regulation;
  return `${r.title}, № ${r.number} от ${r.date}`;
}

function stageText(s: Stage): string {
  const parts = [STAGE_KIND_TITLES[s.kind]];
  if (s.term) parts.push(`срок ${formatTerm(s.term)}`);
  if (s.responsible) parts.push(`ответственный ${ROLE_TITLES[s.responsible.role]}`);
  if (s.outcome) parts.push(OUTCOME_TITLES[s.outcome]);
  return parts.join('; ');
}

function rolesText(x: Action): string {
  return x.roles.length > 0 ? x.roles.map((r) => ROLE_TITLES[r]).join(', ') : 'ответственный за этап';
}

function flagsText(x: Action): string {
  const parts: string[] = [];
  if (x.decision) parts.push(x.decision === 'grant' ? 'решение о предоставлении' : 'решение об отказе');
  if (x.signature) parts.push('подписанием');
  if (x.reason) parts.push('с причиной');
  if (x.grounds)
    parts.push(x.grounds === 'intake' ? 'основания отказа в приёме' : 'основания отказа в услуге');
  return parts.length > 0 ? parts.join(', ') : 'нет';
}

function actionText(x: Action, stages: readonly Stage[]): string {
  const to = stages.find((s) => s.key === x.to)?.name ?? x.to;
  return `«${x.label}» → «${to}»; роли: ${rolesText(x)}; условия: ${flagsText(x)}`;
}

function requestText(r: InteragencyRequestDef): string {
  return [
    r.agency,
    r.requestKind,
    `срок ответа ${term(r.answerTerm)}`,
    REQUEST_MODE_TITLES[r.mode],
    r.documentKey ? `документ ${r.documentKey}` : null,
  ]
    .filter((x) => x !== null)
    .join('; ');
}

function intraText(r: IntraRequestDef): string {
  return `${r.unitRef}; срок ответа ${term(r.answerTerm)}`;
}

function fieldText(f: Field): string {
  return `${FIELD_TYPE_TITLES[f.type]}${f.required ? ', обязательное' : ''}`;
}

function options(f: Field): string {
  return list((f.options ?? []).map((o) => o.label));
}

function condition(f: Field): string {
  const c = f.showIf;
  if (!c) return 'всегда';
  const parts = [`поле ${c.field}`];
  if (c.equals !== null) parts.push(`= ${String(c.equals)}`);
  if (c.oneOf !== null) parts.push(`одно из: ${c.oneOf.map(String).join(', ')}`);
  if (c.filled !== null) parts.push(c.filled ? 'заполнено' : 'не заполнено');
  return parts.join(' ');
}

function validationText(f: Field): string {
  const v = f.validation;
  if (!v) return 'нет';
  const parts: string[] = [];
  if (v.pattern) parts.push(`шаблон ${v.pattern}`);
  if (v.minLength !== null) parts.push(`не короче ${v.minLength}`);
  if (v.maxLength !== null) parts.push(`не длиннее ${v.maxLength}`);
  if (v.min !== null) parts.push(`не меньше ${v.min}`);
  if (v.max !== null) parts.push(`не больше ${v.max}`);
  if (v.minDate) parts.push(`не раньше ${v.minDate === 'today' ? 'сегодня' : v.minDate}`);
  if (v.maxDate) parts.push(`не позже ${v.maxDate === 'today' ? 'сегодня' : v.maxDate}`);
  return parts.length > 0 ? parts.join(', ') : 'нет';
}
