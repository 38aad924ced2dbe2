/**
 * Application statuses. Each change is stored with the code of the ЕПГУ status model (the «статусная
 * модель» of Госуслуги, as the Kazan system reports statuses to the applicant's Единый личный кабинет),
 * so sending them to ЕЛК later needs no migration. Our own status is the departmental one
 * (`stateOrgStatusCode` / `stateOrgStatusDescr` of an ЕПГУ order); the title is what the applicant reads.
 * docs/protocols/application-statuses.md lists them with the ЕПГУ titles.
 */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'accepted',
  'intake_refused',
  'in_progress',
  'awaiting_information',
  'granted',
  'refused',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface StatusInfo {
  /** What the applicant and staff read. */
  title: string;
  /** The ЕПГУ status code sent to ЕЛК. */
  epguCode: number;
  /** The ЕПГУ status title of that code. */
  epguTitle: string;
  final: boolean;
}

export const APPLICATION_STATUS_INFO: Record<ApplicationStatus, StatusInfo> = {
  draft: { title: 'Черновик', epguCode: 0, epguTitle: 'Черновик заявления', final: false },
  submitted: {
    title: 'Подано, ожидает рассмотрения',
    epguCode: 2,
    epguTitle: 'Заявление получено ведомством',
    final: false,
  },
  accepted: {
    title: 'Принято, зарегистрировано',
    epguCode: 6,
    epguTitle: 'Заявление принято к рассмотрению',
    final: false,
  },
  intake_refused: {
    title: 'Отказано в приёме документов',
    epguCode: 4,
    epguTitle: 'Отказано в предоставлении услуги',
    final: true,
  },
  in_progress: { title: 'На рассмотрении', epguCode: 36, epguTitle: 'Принято в обработку', final: false },
  awaiting_information: {
    title: 'Ожидаются сведения',
    epguCode: 14,
    epguTitle: 'Ожидание дополнительной информации',
    final: false,
  },
  granted: { title: 'Услуга предоставлена', epguCode: 3, epguTitle: 'Услуга оказана', final: true },
  refused: {
    title: 'Отказано в предоставлении услуги',
    epguCode: 4,
    epguTitle: 'Отказано в предоставлении услуги',
    final: true,
  },
  withdrawn: { title: 'Заявление отозвано', epguCode: 10, epguTitle: 'Заявление отменено', final: true },
};
