import { z } from 'zod';

/**
 * The documents the system generates along a service (000 item 2.5: at every stage of the
 * lifecycle), each from a template the municipality keeps:
 * - `receipt` — расписка в получении документов (000 item 3.2), at intake;
 * - `intake_refusal` — уведомление об отказе в приёме документов, at a refused intake;
 * - `intra_request` — внутриведомственный запрос to another unit of the municipality;
 * - `decision_draft` — проект решения the executor prepares (000 item 3.4);
 * - `result` — the result document the approving official signs (000 item 3.5), one per result of
 *   the card the map's approval stage names;
 * - `service_refusal` — уведомление об отказе в предоставлении услуги, the signed result of a refusal;
 * - `applicant_notice` — уведомление заявителю of the outcome, when the result is issued.
 */
export const DOCUMENT_KINDS = [
  'receipt',
  'intake_refusal',
  'intra_request',
  'decision_draft',
  'result',
  'service_refusal',
  'applicant_notice',
] as const;
export const DocumentKindSchema = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

export const DOCUMENT_KIND_TITLES: Record<DocumentKind, string> = {
  receipt: 'Расписка в получении документов',
  intake_refusal: 'Уведомление об отказе в приёме документов',
  intra_request: 'Внутриведомственный запрос',
  decision_draft: 'Проект решения',
  result: 'Результат предоставления услуги',
  service_refusal: 'Уведомление об отказе в предоставлении услуги',
  applicant_notice: 'Уведомление заявителю',
};

/** A value a template's placeholder stands for: text, a yes/no for a condition, or a list to loop over. */
export type PlaceholderType = 'text' | 'flag' | 'list';

export interface PlaceholderDef {
  /** As written in the template: `{registrationNumber}`, `{#grounds}…{/grounds}`. */
  name: string;
  /** What it is, in Russian (the vocabulary page and the upload's refusal show it). */
  title: string;
  type: PlaceholderType;
  /** The kinds that have it; absent: every kind. */
  kinds?: readonly DocumentKind[];
  /** A list's item fields (placeholders inside its loop). */
  fields?: readonly Omit<PlaceholderDef, 'kinds' | 'fields'>[];
  /** What the preview puts in. */
  sample: string | boolean | ReadonlyArray<Record<string, string>>;
}

const CASE_KINDS: readonly DocumentKind[] = [
  'intra_request',
  'decision_draft',
  'result',
  'service_refusal',
  'applicant_notice',
];
const DECISION_KINDS: readonly DocumentKind[] = [
  'decision_draft',
  'result',
  'service_refusal',
  'applicant_notice',
];
const SIGNED_KINDS: readonly DocumentKind[] = ['result', 'service_refusal'];

/**
 * The placeholder vocabulary: every name a template may use. An upload that names anything else is
 * refused by that name; a render whose facts lack a used placeholder fails naming it, never blank.
 * Dates are ДД.ММ.ГГГГ in Moscow time; names are as the registry and the staff list hold them.
 */
export const PLACEHOLDERS: readonly PlaceholderDef[] = [
  // The municipality and its unit.
  { name: 'municipalityName', title: 'Муниципальное образование', type: 'text', sample: 'г. Казань' },
  {
    name: 'authorityName',
    title: 'Орган, предоставляющий услугу',
    type: 'text',
    sample: 'Исполнительный комитет муниципального образования города Казани',
  },
  {
    name: 'unitName',
    title: 'Ответственное подразделение',
    type: 'text',
    sample: 'Управление архитектуры и градостроительства',
  },
  // The service and its regulation.
  {
    name: 'serviceName',
    title: 'Наименование услуги',
    type: 'text',
    sample: 'Выдача градостроительного плана земельного участка',
  },
  { name: 'serviceShortName', title: 'Краткое наименование услуги', type: 'text', sample: 'Выдача ГПЗУ' },
  {
    name: 'regulationTitle',
    title: 'Административный регламент',
    type: 'text',
    sample: 'Административный регламент предоставления муниципальной услуги по выдаче ГПЗУ',
  },
  { name: 'regulationNumber', title: 'Номер регламента', type: 'text', sample: '1234' },
  // The application.
  {
    name: 'registrationNumber',
    title: 'Регистрационный номер заявления',
    type: 'text',
    sample: '00042/2026',
  },
  { name: 'registrationDate', title: 'Дата регистрации', type: 'text', sample: '02.12.2026' },
  { name: 'registrationTime', title: 'Время регистрации', type: 'text', sample: '10:15' },
  {
    name: 'channel',
    title: 'Способ подачи',
    type: 'text',
    sample: 'лично в администрации',
  },
  { name: 'applicantName', title: 'Заявитель', type: 'text', sample: 'Морозов Алексей Викторович' },
  {
    name: 'applicantAddress',
    title: 'Адрес заявителя',
    type: 'text',
    sample: '420111, Республика Татарстан, г. Казань, ул. Баумана, д. 1, кв. 2',
  },
  { name: 'hasRepresentative', title: 'Есть представитель', type: 'flag', sample: false },
  { name: 'representativeName', title: 'Представитель заявителя', type: 'text', sample: '' },
  { name: 'representativeGrounds', title: 'Документ о полномочиях представителя', type: 'text', sample: '' },
  // Terms (working days on the municipality's calendar).
  { name: 'termDays', title: 'Срок предоставления услуги, рабочих дней', type: 'text', sample: '14' },
  { name: 'dueDate', title: 'Дата окончания срока', type: 'text', sample: '22.12.2026' },
  // Who made the document, and when.
  { name: 'documentDate', title: 'Дата документа', type: 'text', sample: '02.12.2026' },
  {
    name: 'employeeName',
    title: 'Сотрудник, сформировавший документ',
    type: 'text',
    sample: 'Хасанова Гульнара Рустемовна',
  },
  { name: 'employeePosition', title: 'Должность сотрудника', type: 'text', sample: 'Главный специалист' },
  // The receipt (000 item 3.2): what was accepted, what the administration holds or requests itself.
  {
    name: 'documents',
    title: 'Принятые документы',
    type: 'list',
    kinds: ['receipt'],
    fields: [
      { name: 'n', title: '№ п/п', type: 'text', sample: '1' },
      { name: 'name', title: 'Документ', type: 'text', sample: 'Заявление' },
      { name: 'form', title: 'Подлинник или копия', type: 'text', sample: 'подлинник' },
      { name: 'sheets', title: 'Листов', type: 'text', sample: '1' },
    ],
    sample: [
      { n: '1', name: 'Заявление о выдаче ГПЗУ', form: 'подлинник', sheets: '1' },
      { n: '2', name: 'Паспорт гражданина Российской Федерации', form: 'копия', sheets: '2' },
    ],
  },
  {
    name: 'heldDocuments',
    title: 'Документы, которые уже есть в администрации',
    type: 'list',
    kinds: ['receipt'],
    fields: [{ name: 'name', title: 'Документ', type: 'text', sample: 'Паспорт' }],
    sample: [],
  },
  {
    name: 'requestedDocuments',
    title: 'Сведения, запрашиваемые администрацией самостоятельно',
    type: 'list',
    kinds: ['receipt'],
    fields: [
      { name: 'name', title: 'Документ (сведения)', type: 'text', sample: 'Выписка из ЕГРН' },
      { name: 'agency', title: 'Орган', type: 'text', sample: 'Росреестр' },
    ],
    sample: [{ name: 'Выписка из ЕГРН о земельном участке', agency: 'Росреестр' }],
  },
  // A refused intake.
  {
    name: 'refusalGrounds',
    title: 'Основания отказа',
    type: 'list',
    kinds: ['intake_refusal', 'decision_draft', 'service_refusal', 'applicant_notice'],
    fields: [
      { name: 'text', title: 'Основание', type: 'text', sample: 'Заявление подано лицом, не уполномоченным' },
      { name: 'clause', title: 'Пункт регламента', type: 'text', sample: 'п. 2.8.1' },
    ],
    sample: [{ text: 'Заявление подано лицом, не уполномоченным на это', clause: 'п. 2.8.1' }],
  },
  {
    name: 'refusalComment',
    title: 'Разъяснение причин отказа',
    type: 'text',
    kinds: ['intake_refusal'],
    sample: 'Доверенность представителя истекла 01.11.2026.',
  },
  // The case.
  {
    name: 'executorName',
    title: 'Исполнитель',
    type: 'text',
    kinds: CASE_KINDS,
    sample: 'Петров Иван Сергеевич',
  },
  {
    name: 'executorPosition',
    title: 'Должность исполнителя',
    type: 'text',
    kinds: CASE_KINDS,
    sample: 'Ведущий специалист',
  },
  // An intra-agency request.
  {
    name: 'requestName',
    title: 'Запрос',
    type: 'text',
    kinds: ['intra_request'],
    sample: 'Сведения о наличии сетей инженерно-технического обеспечения',
  },
  {
    name: 'requestUnit',
    title: 'Подразделение, которому направлен запрос',
    type: 'text',
    kinds: ['intra_request'],
    sample: 'Комитет ЖКХ',
  },
  {
    name: 'requestDueDate',
    title: 'Срок ответа',
    type: 'text',
    kinds: ['intra_request'],
    sample: '09.12.2026',
  },
  // The decision (000 items 3.4, 3.5).
  { name: 'granted', title: 'Решение о предоставлении', type: 'flag', kinds: DECISION_KINDS, sample: true },
  { name: 'refused', title: 'Решение об отказе', type: 'flag', kinds: DECISION_KINDS, sample: false },
  {
    name: 'decisionText',
    title: 'Текст решения',
    type: 'text',
    kinds: DECISION_KINDS,
    sample: 'Предоставить градостроительный план земельного участка с кадастровым номером 16:50:011105:125.',
  },
  {
    name: 'resultName',
    title: 'Наименование результата',
    type: 'text',
    kinds: DECISION_KINDS,
    sample: 'Градостроительный план земельного участка',
  },
  {
    name: 'officialName',
    title: 'Должностное лицо, подписывающее решение',
    type: 'text',
    kinds: SIGNED_KINDS,
    sample: 'Никитина Елена Павловна',
  },
  {
    name: 'officialPosition',
    title: 'Должность должностного лица',
    type: 'text',
    kinds: SIGNED_KINDS,
    sample: 'Заместитель руководителя',
  },
  // Answers of inter-agency and intra-agency requests that joined the case.
  {
    name: 'answers',
    title: 'Полученные ответы на запросы',
    type: 'list',
    kinds: DECISION_KINDS,
    fields: [
      { name: 'name', title: 'Запрос', type: 'text', sample: 'Выписка из ЕГРН' },
      { name: 'agency', title: 'Орган (подразделение)', type: 'text', sample: 'Росреестр' },
      { name: 'date', title: 'Дата ответа', type: 'text', sample: '05.12.2026' },
      { name: 'summary', title: 'Содержание ответа', type: 'text', sample: 'Сведения представлены' },
    ],
    sample: [
      {
        name: 'Выписка из ЕГРН о земельном участке',
        agency: 'Росреестр',
        date: '05.12.2026',
        summary: 'Сведения представлены',
      },
    ],
  },
];

/** The vocabulary entry of a name, for a document kind (undefined: the kind has no such placeholder). */
export function placeholderFor(name: string, kind: DocumentKind): PlaceholderDef | undefined {
  const def = PLACEHOLDERS.find((p) => p.name === name);
  return def && (!def.kinds || def.kinds.includes(kind)) ? def : undefined;
}

/** The sample facts of a kind: what a preview renders with. */
export function sampleData(kind: DocumentKind): Record<string, unknown> {
  return Object.fromEntries(
    PLACEHOLDERS.filter((p) => !p.kinds || p.kinds.includes(kind)).map((p) => [p.name, p.sample]),
  );
}

/** Where a generated document stands: made by a job after the step's commit (000 item 2.5). */
export const RENDER_STATUSES = ['pending', 'ready', 'failed'] as const;
export const RenderStatusSchema = z.enum(RENDER_STATUSES);
export type RenderStatus = (typeof RENDER_STATUSES)[number];
export const RENDER_STATUS_TITLES: Record<RenderStatus, string> = {
  pending: 'Формируется',
  ready: 'Сформирован',
  failed: 'Не сформирован',
};

/** The visible mark of a signed document (ГОСТ Р 7.0.97-2016 practice): what the stamp shows. */
export const SIGNATURE_STAMP_TITLE = 'Документ подписан электронной подписью';
