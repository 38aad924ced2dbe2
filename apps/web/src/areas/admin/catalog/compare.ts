import { formatTerm, type ServiceDefinition, type ServiceVersion, type Term } from '@uslugi/contracts';

export type CompareArea = 'card' | 'stages' | 'documents' | 'form';

export const AREA_TITLES: Record<CompareArea, string> = {
  card: 'Карточка услуги',
  stages: 'Этапы технологической схемы',
  documents: 'Документы',
  form: 'Форма заявления',
};

export interface CompareChange {
  /** Where, in words: «Этап «Рассмотрение» — срок». */
  where: string;
  before: string | null;
  after: string | null;
}

export interface CompareGroup {
  area: CompareArea;
  title: string;
  changes: CompareChange[];
}

/** Russian names of the definition's fields, for the «where» of a change. */
const FIELD_NAMES: Record<string, string> = {
  name: 'наименование',
  shortName: 'краткое наименование',
  description: 'описание',
  title: 'наименование',
  issuer: 'кем утверждён',
  number: 'номер',
  date: 'дата',
  url: 'ссылка',
  regulation: 'регламент',
  responsibleUnitRef: 'ответственное подразделение',
  applicantCategories: 'категории заявителей',
  applicantDocuments: 'документы заявителя',
  interagencyDocuments: 'документы по межведомственным запросам',
  intakeRefusalGrounds: 'основания для отказа в приёме документов',
  serviceRefusalGrounds: 'основания для отказа в предоставлении услуги',
  results: 'результаты',
  retentionYears: 'срок хранения, лет',
  term: 'срок',
  termClause: 'основание срока',
  fee: 'плата',
  amountRub: 'размер платы',
  basis: 'основание',
  channels: 'способы подачи',
  sources: 'источники',
  start: 'начальный этап',
  kind: 'вид',
  responsible: 'ответственный',
  role: 'роль',
  unitRef: 'подразделение',
  actions: 'действия',
  label: 'надпись',
  to: 'следующий этап',
  roles: 'роли',
  decision: 'решение',
  signature: 'подписание',
  reason: 'причина',
  grounds: 'основания',
  documents: 'документы',
  documentType: 'вид документа',
  resultKey: 'результат',
  interagencyRequests: 'межведомственные запросы',
  intraRequests: 'внутриведомственные запросы',
  agency: 'орган',
  requestKind: 'вид сведений',
  documentKey: 'сведения',
  answerTerm: 'срок ответа',
  mode: 'порядок',
  outcome: 'исход',
  required: 'обязателен',
  condition: 'когда нужен',
  clause: 'пункт регламента',
  validity: 'срок действия',
  text: 'текст',
  sections: 'разделы',
  fields: 'поля',
  type: 'тип',
  hint: 'подсказка',
  options: 'варианты',
  showIf: 'условие показа',
  validation: 'проверка',
  prefill: 'заполнение',
  multiple: 'несколько значений',
};

function isTerm(value: unknown): value is Term {
  return (
    typeof value === 'object' &&
    value !== null &&
    'amount' in value &&
    'unit' in value &&
    ((value as Term).unit === 'working_days' || (value as Term).unit === 'calendar_days')
  );
}

function show(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (isTerm(value)) return formatTerm(value);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) return value.join(', ');
  return JSON.stringify(value);
}

type Leaves = Map<string, { where: string; value: unknown; area: CompareArea }>;

function areaOf(path: readonly string[]): CompareArea {
  if (path[0] === 'form') return 'form';
  if (
    path.includes('documents') ||
    path.includes('applicantDocuments') ||
    path.includes('interagencyDocuments')
  )
    return 'documents';
  if (path[0] === 'techMap') return 'stages';
  return 'card';
}

/**
 * The definition's values by a path that follows items by their key, not their place: a stage moved
 * up is the same stage; its term is `techMap/stages[review]/term`.
 */
function leaves(definition: ServiceDefinition): Leaves {
  const out: Leaves = new Map();
  const walk = (value: unknown, path: string[], where: string[]) => {
    const named = (item: unknown) => {
      const record = item as {
        name?: unknown;
        label?: unknown;
        title?: unknown;
        text?: unknown;
        key?: unknown;
      };
      const title = [record.name, record.label, record.title, record.text].find(
        (candidate) => typeof candidate === 'string' && candidate,
      ) as string | undefined;
      return title ? `«${title.length > 60 ? `${title.slice(0, 60)}…` : title}»` : String(record.key);
    };
    if (isTerm(value) || value === null || typeof value !== 'object') {
      out.set(path.join('/'), { where: where.join(' — '), value, area: areaOf(path) });
      return;
    }
    if (Array.isArray(value)) {
      const keyed = value.every((item) => typeof item === 'object' && item !== null && 'key' in item);
      if (!keyed) {
        out.set(path.join('/'), { where: where.join(' — '), value, area: areaOf(path) });
        return;
      }
      for (const item of value as { key: string }[]) {
        walk(item, [...path, `[${item.key}]`], [...where, named(item)]);
      }
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === 'key') continue;
      walk(child, [...path, key], [...where, FIELD_NAMES[key] ?? key]);
    }
  };
  walk(definition.card, ['card'], []);
  walk(definition.techMap.start, ['techMap', 'start'], ['Начальный этап']);
  for (const stage of definition.techMap.stages) {
    walk(stage, ['techMap', 'stages', `[${stage.key}]`], [`Этап «${stage.name}»`]);
  }
  walk(definition.form, ['form'], ['Форма']);
  return out;
}

/** Capitalises the first letter of a «where». */
const sentence = (text: string) => (text ? text.charAt(0).toUpperCase() + text.slice(1) : text);

/**
 * Two versions side by side: each value that differs, grouped by area (card, stages, documents,
 * form), before → after. A part present in only one of them shows as added or removed.
 */
export function compareDefinitions(from: ServiceVersion, to: ServiceVersion): CompareGroup[] {
  const a = leaves(from.definition);
  const b = leaves(to.definition);
  const units = { ...from.units, ...to.units };
  const groups = new Map<CompareArea, CompareChange[]>();
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  for (const path of paths) {
    const before = a.get(path);
    const after = b.get(path);
    const beforeText = show(before?.value);
    const afterText = show(after?.value);
    if (beforeText === afterText) continue;
    const leaf = (after ?? before)!;
    const unitName = (text: string | null) => (text !== null && units[text] ? units[text] : text);
    const isUnit = /unitRef|responsibleUnitRef/.test(path);
    const changes = groups.get(leaf.area) ?? [];
    changes.push({
      where: sentence(leaf.where),
      before: before ? (isUnit ? unitName(beforeText) : beforeText) : null,
      after: after ? (isUnit ? unitName(afterText) : afterText) : null,
    });
    groups.set(leaf.area, changes);
  }
  return (['card', 'stages', 'documents', 'form'] as const)
    .filter((area) => groups.has(area))
    .map((area) => ({ area, title: AREA_TITLES[area], changes: groups.get(area) ?? [] }));
}
