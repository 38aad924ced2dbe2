import type { ChecklistItem, ServiceCard } from '@uslugi/contracts';

/** Moscow date and time of an instant: «02.12.2026 14:05». */
export function moscowDateTime(at: Date): string {
  const parts = new Intl.DateTimeFormat('ru-RU', {
    timeZone: 'Europe/Moscow',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
  return parts.replace(',', '');
}

/** `YYYY-MM-DD` as «02.12.2026». */
export function ruDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}.${m}.${y}`;
}

const PRESENTED: Record<ChecklistItem['presented'], string> = {
  original: 'подлинник',
  copy: 'копия',
  none: 'не представлен на бумаге',
};

export interface ReceiptInput {
  registrationNumber: string;
  registeredAt: Date;
  municipalityName: string;
  serviceName: string;
  applicantName: string;
  representativeName: string | null;
  card: ServiceCard;
  checklist: readonly ChecklistItem[];
  /** Documents the applicant gave earlier, used instead of asking again (004 item 9). */
  held: ReadonlyArray<{ title: string; sourceLabel: string }>;
  /** Files attached electronically (a portal application, scans at the front desk). */
  files: ReadonlyArray<{ fileName: string }>;
  dueDate: string;
  employeeName: string | null;
  channel: 'paper' | 'portal';
}

/**
 * Расписка в получении документов (000 item 3.2): the number, date and time of registration, the
 * service, the applicant, the documents received with original/copy and sheets, the due date and the
 * employee. Plain UTF-8 text that a person opens and reads.
 */
export function receiptText(input: ReceiptInput): string {
  const names = new Map<string, string>(input.card.applicantDocuments.map((d) => [d.key, d.name]));
  for (const d of input.card.interagencyDocuments) names.set(d.key, d.name);
  const lines = [
    input.municipalityName,
    '',
    'РАСПИСКА В ПОЛУЧЕНИИ ДОКУМЕНТОВ',
    '',
    `Регистрационный номер заявления: ${input.registrationNumber}`,
    `Дата и время регистрации: ${moscowDateTime(input.registeredAt)} (время московское)`,
    `Способ подачи: ${input.channel === 'paper' ? 'лично, на бумаге' : 'через портал муниципальных услуг'}`,
    `Услуга: ${input.serviceName}`,
    `Заявитель: ${input.applicantName}`,
  ];
  if (input.representativeName) lines.push(`Представитель заявителя: ${input.representativeName}`);
  lines.push('', 'Получены документы:');
  let n = 0;
  for (const item of input.checklist) {
    const sheets = item.sheets ? `, листов: ${item.sheets}` : '';
    const scans = item.fileIds.length > 0 ? `, электронных файлов: ${item.fileIds.length}` : '';
    lines.push(
      `${++n}. ${names.get(item.documentKey) ?? item.documentKey} — ${PRESENTED[item.presented]}${sheets}${scans}`,
    );
  }
  for (const file of input.files) lines.push(`${++n}. Файл «${file.fileName}»`);
  if (n === 0) lines.push('—');
  if (input.held.length > 0) {
    lines.push('', 'Не запрашивались повторно (документы уже представлены заявителем ранее):');
    for (const held of input.held) lines.push(`— ${held.title} (${held.sourceLabel})`);
  }
  if (input.card.interagencyDocuments.length > 0) {
    lines.push(
      '',
      'Запрашиваются органом в порядке межведомственного взаимодействия (от заявителя не требуются):',
    );
    for (const d of input.card.interagencyDocuments) lines.push(`— ${d.name}`);
  }
  lines.push(
    '',
    `Срок предоставления услуги: до ${ruDate(input.dueDate)} включительно`,
    '',
    `Документы принял: ${input.employeeName ?? 'Система (заявление подано через портал)'}`,
    '',
  );
  return lines.join('\n');
}

export interface RefusalNoticeInput {
  municipalityName: string;
  serviceName: string;
  applicantName: string;
  refusedAt: Date;
  grounds: ReadonlyArray<{ text: string; clause: string }>;
  comment: string;
  employeeName: string | null;
  channel: 'paper' | 'portal';
}

/**
 * Уведомление об отказе в приёме документов (210-ФЗ ст. 7 ч. 1 п. 1: grounds only of the
 * regulation's exhaustive list), with the grounds' texts and the employee's comment.
 */
export function refusalNoticeText(input: RefusalNoticeInput): string {
  const lines = [
    input.municipalityName,
    '',
    'УВЕДОМЛЕНИЕ ОБ ОТКАЗЕ В ПРИЁМЕ ДОКУМЕНТОВ',
    '',
    `Дата и время: ${moscowDateTime(input.refusedAt)} (время московское)`,
    `Способ подачи: ${input.channel === 'paper' ? 'лично, на бумаге' : 'через портал муниципальных услуг'}`,
    `Услуга: ${input.serviceName}`,
    `Заявитель: ${input.applicantName}`,
    '',
    'В приёме документов отказано по основаниям:',
    ...input.grounds.map((g, i) => `${i + 1}. ${g.text}${g.clause ? ` (${g.clause})` : ''}`),
    '',
    `Комментарий: ${input.comment}`,
    '',
    'Отказ в приёме документов не препятствует повторному обращению после устранения указанных причин.',
    '',
    `Сотрудник: ${input.employeeName ?? '—'}`,
    '',
  ];
  return lines.join('\n');
}
