// The sample DOCX templates shipped with the system, one per document kind (000 item 2.5): what a
// municipality renders with until it publishes its own. Written as WordprocessingML by hand; only the
// placeholders of each kind's vocabulary (PLACEHOLDERS). `npm run templates:samples` writes them to
// apps/server/templates/; test/templates-samples.test.ts checks the committed files are these bytes.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOCUMENT_KIND_TITLES, type DocumentKind } from '@uslugi/contracts';
import { docx, p, table, TABLE_SIZE, TEXT_WIDTH } from './wordml.js';

export const SAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../templates');

/** The usual paragraph indent, 1.25 cm. */
const INDENT = 709;
/** The addressee block sits in the right half (ГОСТ Р 7.0.97-2016 item 5.12). */
const ADDRESSEE = 5103;

const body = (text: string) => p(text, { align: 'both', firstLine: INDENT });
const blank = () => p('');

/** The authority's name, its unit, and the place of compilation (ГОСТ Р 7.0.97-2016 items 5.4, 5.9). */
function heading(): string[] {
  return [
    p('{authorityName}', { align: 'center', bold: true }),
    p('{unitName}', { align: 'center' }),
    p('{municipalityName}', { align: 'center', after: 240 }),
  ];
}

function title(name: string, subtitle?: string): string[] {
  return [
    p(name, { align: 'center', bold: true, before: 240, keepNext: true }),
    ...(subtitle ? [p(subtitle, { align: 'center', bold: true, keepNext: true })] : []),
  ];
}

function addressee(): string[] {
  return [
    p('{applicantName}', { left: ADDRESSEE }),
    p('{applicantAddress}', { left: ADDRESSEE }),
    p('{#hasRepresentative}', { left: ADDRESSEE }),
    p('представителю: {representativeName}', { left: ADDRESSEE }),
    p('{/hasRepresentative}', { left: ADDRESSEE }),
    blank(),
  ];
}

function representative(): string[] {
  return [
    p('{#hasRepresentative}'),
    body(
      'Представитель заявителя: {representativeName}; документ, подтверждающий полномочия: {representativeGrounds}.',
    ),
    p('{/hasRepresentative}'),
  ];
}

/** Position — signature — name, in a borderless table (ГОСТ Р 7.0.97-2016 item 5.23). */
function signature(position: string, name: string): string[] {
  const third = Math.floor(TEXT_WIDTH / 3);
  return [
    blank(),
    table(null, [[position, '____________', name]], {
      widths: [third + 600, third - 1200, TEXT_WIDTH - 2 * third + 600],
      borderless: true,
      size: 28,
      align: ['left', 'center', 'right'],
    }),
  ];
}

/** The grounds of a refusal with the regulation's clause of each. */
function groundsTable(): string {
  return table(
    ['Основание для отказа', 'Пункт административного регламента'],
    [['{#refusalGrounds}{text}', '{clause}{/refusalGrounds}']],
    { widths: [TEXT_WIDTH - 2600, 2600] },
  );
}

function answersTable(): string {
  const w = Math.floor((TEXT_WIDTH - 1500) / 3);
  return table(
    ['Запрос', 'Орган (подразделение)', 'Дата ответа', 'Содержание ответа'],
    [['{#answers}{name}', '{agency}', '{date}', '{summary}{/answers}']],
    { widths: [w, w, 1500, TEXT_WIDTH - 2 * w - 1500], align: ['left', 'left', 'center', 'left'] },
  );
}

function regulation(): string {
  return body(
    'Муниципальная услуга «{serviceName}» ({serviceShortName}). Порядок предоставления услуги установлен ' +
      'документом «{regulationTitle}» (постановление № {regulationNumber}).',
  );
}

/** Расписка в получении документов (000 item 3.2). */
function receipt(): string[] {
  return [
    ...heading(),
    ...title('РАСПИСКА', 'в получении документов'),
    p('№ {registrationNumber} от {registrationDate}', { align: 'center', after: 240 }),
    body(
      'Заявление о предоставлении муниципальной услуги зарегистрировано {registrationDate} в {registrationTime}, ' +
        'регистрационный номер {registrationNumber}. Способ подачи: {channel}.',
    ),
    body('Заявитель: {applicantName}, {applicantAddress}.'),
    ...representative(),
    regulation(),
    body('От заявителя приняты следующие документы:'),
    table(
      ['№ п/п', 'Наименование документа', 'Подлинник или копия', 'Количество листов'],
      [['{#documents}{n}', '{name}', '{form}', '{sheets}{/documents}']],
      {
        widths: [800, TEXT_WIDTH - 800 - 2100 - 1500, 2100, 1500],
        align: ['center', 'left', 'center', 'center'],
      },
    ),
    blank(),
    body('Документы, которые уже имеются в администрации и не представлялись заявителем:'),
    p('{#heldDocuments}', { firstLine: INDENT }),
    p('— {name};', { firstLine: INDENT }),
    p('{/heldDocuments}', { firstLine: INDENT }),
    p('{^heldDocuments}', { firstLine: INDENT }),
    p('нет.', { firstLine: INDENT }),
    p('{/heldDocuments}', { firstLine: INDENT }),
    body('Документы (сведения), которые администрация запросит самостоятельно:'),
    table(
      ['Документ (сведения)', 'Орган, в который направляется запрос'],
      [['{#requestedDocuments}{name}', '{agency}{/requestedDocuments}']],
      { widths: [TEXT_WIDTH - 3600, 3600] },
    ),
    blank(),
    body(
      'Срок предоставления муниципальной услуги — {termDays} рабочих дней со дня регистрации заявления, ' +
        'по {dueDate} включительно.',
    ),
    p('Документы принял:', { before: 240 }),
    ...signature('{employeePosition}', '{employeeName}'),
    p('{documentDate}'),
    p('Расписку получил:', { before: 240 }),
    ...signature('Заявитель (представитель)', '{applicantName}'),
  ];
}

/** Уведомление об отказе в приёме документов (210-ФЗ ст. 7; the grounds the regulation lists). */
function intakeRefusal(): string[] {
  return [
    ...heading(),
    ...addressee(),
    ...title(
      'УВЕДОМЛЕНИЕ',
      'об отказе в приёме документов, необходимых для предоставления муниципальной услуги',
    ),
    p('к заявлению № {registrationNumber} от {registrationDate}', { align: 'center', after: 240 }),
    body(
      'Рассмотрев заявление о предоставлении муниципальной услуги «{serviceName}» ({serviceShortName}), ' +
        'поступившее {registrationDate} в {registrationTime} (способ подачи: {channel}), сообщаем об отказе ' +
        'в приёме документов по следующим основаниям (регламент: {regulationTitle}, ' +
        'постановление № {regulationNumber}):',
    ),
    groundsTable(),
    blank(),
    body('Разъяснение причин отказа: {refusalComment}'),
    ...representative(),
    body(
      'Отказ в приёме документов не препятствует повторному обращению за предоставлением муниципальной ' +
        'услуги после устранения указанных оснований. Срок предоставления услуги — {termDays} рабочих дней ' +
        'со дня регистрации заявления.',
    ),
    ...signature('{employeePosition}', '{employeeName}'),
    p('{documentDate}'),
  ];
}

/** Внутриведомственный запрос to another unit of the municipality. */
function intraRequest(): string[] {
  return [
    ...heading(),
    p('Руководителю', { left: ADDRESSEE }),
    p('{requestUnit}', { left: ADDRESSEE, after: 240 }),
    ...title('ВНУТРИВЕДОМСТВЕННЫЙ ЗАПРОС', 'о представлении документов (сведений)'),
    p('по заявлению № {registrationNumber} от {registrationDate}', { align: 'center', after: 240 }),
    body(
      'В целях предоставления муниципальной услуги «{serviceName}» ({serviceShortName}) по заявлению, ' +
        'поступившему {registrationDate} в {registrationTime} (способ подачи: {channel}; заявитель: ' +
        '{applicantName}, {applicantAddress}), прошу в срок до {requestDueDate} представить: {requestName}.',
    ),
    body(
      'Порядок предоставления услуги установлен документом «{regulationTitle}» (постановление № {regulationNumber}).',
    ),
    ...representative(),
    body(
      'Срок предоставления муниципальной услуги — {termDays} рабочих дней, истекает {dueDate}; просим ' +
        'не допускать задержки ответа.',
    ),
    ...signature('{employeePosition}', '{employeeName}'),
    p('{documentDate}'),
    p('Исполнитель: {executorName}, {executorPosition}', { before: 480, size: TABLE_SIZE }),
  ];
}

/** The decision's text, its result or its refusal's grounds. */
function decision(withGrounds: boolean): string[] {
  return [
    p('РЕШЕНО:', { bold: true, before: 120 }),
    body('{decisionText}'),
    p('{#granted}'),
    body('Результат предоставления муниципальной услуги: {resultName}.'),
    p('{/granted}'),
    p('{#refused}'),
    ...(withGrounds
      ? [body('Основания отказа в предоставлении муниципальной услуги:'), groundsTable(), blank()]
      : [body('В предоставлении муниципальной услуги отказано.')]),
    p('{/refused}'),
  ];
}

function decisionKind(): string {
  return '{#granted}о предоставлении муниципальной услуги{/granted}{#refused}об отказе в предоставлении муниципальной услуги{/refused}';
}

/** Проект решения the executor prepares (000 item 3.4). */
function decisionDraft(): string[] {
  return [
    ...heading(),
    ...title('ПРОЕКТ РЕШЕНИЯ', decisionKind()),
    p('по заявлению № {registrationNumber} от {registrationDate}', { align: 'center', after: 240 }),
    body(
      'Рассмотрено заявление о предоставлении муниципальной услуги, поступившее {registrationDate} ' +
        'в {registrationTime} (способ подачи: {channel}; заявитель: {applicantName}, {applicantAddress}).',
    ),
    ...representative(),
    regulation(),
    body('В ходе предоставления услуги получены ответы на запросы:'),
    answersTable(),
    ...decision(true),
    body('Срок предоставления муниципальной услуги — {termDays} рабочих дней, истекает {dueDate}.'),
    p('Проект подготовил:', { before: 240 }),
    ...signature('{executorPosition}', '{executorName}'),
    p('{documentDate}'),
    p('Сформировал: {employeePosition} {employeeName}', { before: 240, size: TABLE_SIZE }),
  ];
}

/** The result document the approving official signs (000 item 3.5). */
function result(): string[] {
  return [
    ...heading(),
    ...title('РЕШЕНИЕ', decisionKind()),
    p('«{serviceName}»', { align: 'center', bold: true }),
    p('по заявлению № {registrationNumber} от {registrationDate}', { align: 'center', after: 240 }),
    body(
      'Рассмотрев заявление, поступившее {registrationDate} в {registrationTime} (способ подачи: {channel}; ' +
        'заявитель: {applicantName}, {applicantAddress}), руководствуясь документом «{regulationTitle}» ' +
        '(постановление № {regulationNumber}), с учётом полученных ответов на запросы:',
    ),
    answersTable(),
    ...representative(),
    ...decision(false),
    body(
      'Решение принято в срок предоставления услуги ({serviceShortName}: {termDays} рабочих дней, по {dueDate}).',
    ),
    ...signature('{officialPosition}', '{officialName}'),
    p('{documentDate}'),
    p('Исполнитель: {executorName}, {executorPosition}', { before: 480, size: TABLE_SIZE }),
    p('Сформировал: {employeePosition} {employeeName}', { size: TABLE_SIZE }),
  ];
}

/** The pre-trial appeal of a decision (210-ФЗ глава 2.1, ст. 11.1, 11.2). */
function appeal(): string {
  return body(
    'Решение может быть обжаловано в досудебном (внесудебном) порядке в соответствии с главой 2.1 ' +
      'Федерального закона от 27.07.2010 № 210-ФЗ «Об организации предоставления государственных и ' +
      'муниципальных услуг» путём подачи жалобы в {authorityName} в письменной форме на бумажном носителе, ' +
      'в электронной форме, в том числе через Единый портал государственных и муниципальных услуг, ' +
      'а также в судебном порядке.',
  );
}

/** Уведомление об отказе в предоставлении услуги (210-ФЗ ст. 14; the regulation's grounds). */
function serviceRefusal(): string[] {
  return [
    ...heading(),
    ...addressee(),
    ...title('УВЕДОМЛЕНИЕ', 'об отказе в предоставлении муниципальной услуги'),
    p('по заявлению № {registrationNumber} от {registrationDate}', { align: 'center', after: 240 }),
    body(
      'По результатам рассмотрения заявления о предоставлении муниципальной услуги «{serviceName}» ' +
        '({serviceShortName}), поступившего {registrationDate} в {registrationTime} (способ подачи: {channel}), ' +
        'принято решение об отказе в предоставлении муниципальной услуги: {decisionText}',
    ),
    body(
      'Порядок предоставления услуги установлен документом «{regulationTitle}» (постановление № {regulationNumber}).',
    ),
    ...representative(),
    body('Основания отказа:'),
    groundsTable(),
    blank(),
    body('При рассмотрении заявления учтены ответы на запросы:'),
    answersTable(),
    blank(),
    body('Наименование результата, в предоставлении которого отказано: {resultName}.'),
    appeal(),
    body('Решение принято в срок ({termDays} рабочих дней, по {dueDate}).'),
    ...signature('{officialPosition}', '{officialName}'),
    p('{documentDate}'),
    p('Исполнитель: {executorName}, {executorPosition}', { before: 480, size: TABLE_SIZE }),
    p('Сформировал: {employeePosition} {employeeName}', { size: TABLE_SIZE }),
  ];
}

/** Уведомление заявителю of the outcome, when the result is issued. */
function applicantNotice(): string[] {
  return [
    ...heading(),
    ...addressee(),
    ...title('УВЕДОМЛЕНИЕ', 'о результате предоставления муниципальной услуги'),
    p('по заявлению № {registrationNumber} от {registrationDate}', { align: 'center', after: 240 }),
    body(
      'Сообщаем, что по Вашему заявлению о предоставлении муниципальной услуги «{serviceName}» ' +
        '({serviceShortName}), поступившему {registrationDate} в {registrationTime} (способ подачи: {channel}), ' +
        'принято решение {#granted}о предоставлении муниципальной услуги{/granted}{#refused}об отказе ' +
        'в предоставлении муниципальной услуги{/refused}. Порядок предоставления услуги установлен ' +
        'документом «{regulationTitle}» (постановление № {regulationNumber}).',
    ),
    ...representative(),
    body('{decisionText}'),
    p('{#granted}'),
    body('Результат предоставления услуги: {resultName}. Место получения результата: {unitName}.'),
    p('{/granted}'),
    p('{#refused}'),
    body('Основания отказа:'),
    groundsTable(),
    blank(),
    appeal(),
    p('{/refused}'),
    body('При рассмотрении заявления получены ответы на запросы:'),
    answersTable(),
    blank(),
    body('Срок предоставления услуги — {termDays} рабочих дней, по {dueDate}.'),
    ...signature('{employeePosition}', '{employeeName}'),
    p('{documentDate}'),
    p('Исполнитель: {executorName}, {executorPosition}', { before: 480, size: TABLE_SIZE }),
  ];
}

const BODIES: Record<DocumentKind, () => string[]> = {
  receipt,
  intake_refusal: intakeRefusal,
  intra_request: intraRequest,
  decision_draft: decisionDraft,
  result,
  service_refusal: serviceRefusal,
  applicant_notice: applicantNotice,
};

/** The sample template of a kind, as bytes (the same every run). */
export function buildSampleTemplate(kind: DocumentKind): Buffer {
  return docx(DOCUMENT_KIND_TITLES[kind], BODIES[kind]());
}
