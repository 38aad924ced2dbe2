import type { CaseDocumentView, CaseRequestView } from '@uslugi/contracts';

export const DOCUMENT_ROLE_TITLES: Record<CaseDocumentView['role'], string> = {
  receipt: 'Расписка',
  notice: 'Уведомление',
  draft: 'Проект решения',
  result: 'Результат',
  answer: 'Ответ на запрос',
};

export const REQUEST_KIND_TITLES: Record<CaseRequestView['kind'], string> = {
  interagency: 'Межведомственный',
  intra: 'Внутриведомственный',
};

export const ANSWER_CHANNEL_TITLES: Record<NonNullable<CaseRequestView['answerChannel']>, string> = {
  smev: 'через СМЭВ',
  intra: 'подразделением',
  manual: 'внесён вручную',
};

export const DECISION_STATUS_TITLES = {
  pending: 'На подписании',
  returned: 'Возвращено на доработку',
  signed: 'Подписано',
  withdrawn: 'Отозвано',
} as const;
