import type { Field, FormDefinition, ServiceDefinition } from '@uslugi/contracts';

/** A field of a form definition with everything optional left out. */
export function field(key: string, label: string, type: Field['type'], extra: Partial<Field> = {}): Field {
  return {
    key,
    label,
    type,
    required: false,
    hint: null,
    options: null,
    multiple: false,
    showIf: null,
    validation: null,
    prefill: null,
    ...extra,
  };
}

/** An application form like the ГПЗУ's: the applicant, a representative when asked, the land plot. */
export const FORM: FormDefinition = {
  sections: [
    {
      key: 'applicant',
      title: 'Сведения о заявителе',
      fields: [
        field('applicant', 'Заявитель', 'applicant', { required: true }),
        field('by_representative', 'Заявление подаёт представитель заявителя', 'checkbox'),
        field('representative', 'Представитель', 'representative', {
          required: true,
          showIf: { field: 'by_representative', equals: true, oneOf: null, filled: null },
        }),
        field('snils', 'СНИЛС заявителя', 'snils'),
      ],
    },
    {
      key: 'land',
      title: 'Земельный участок',
      fields: [
        field('land_cadastral_number', 'Кадастровый номер земельного участка', 'cadastral_number', {
          required: true,
        }),
        field('delivery', 'Способ получения результата', 'choice', {
          required: true,
          options: [
            { value: 'in_person', label: 'Лично' },
            { value: 'post', label: 'Почтовым отправлением' },
          ],
        }),
        field('postal_address', 'Почтовый адрес для результата', 'address', {
          required: true,
          showIf: { field: 'delivery', equals: 'post', oneOf: null, filled: null },
        }),
      ],
    },
  ],
};

/** A service's whole definition around the form above: the card and a three-stage map. */
export const DEFINITION: ServiceDefinition = {
  card: {
    name: 'Выдача градостроительного плана земельного участка',
    shortName: 'ГПЗУ',
    description: 'Градостроительный план земельного участка для подготовки проектной документации.',
    regulation: {
      title: 'Административный регламент предоставления муниципальной услуги по выдаче ГПЗУ',
      issuer: 'Исполнительный комитет г. Казани',
      number: '1234',
      date: '2024-03-01',
      url: 'https://example.org/reglament',
    },
    responsibleUnitRef: 'u1',
    applicantCategories: [
      { kind: 'individual', representativeAllowed: true },
      { kind: 'legal_entity', representativeAllowed: true },
    ],
    applicantDocuments: [
      {
        key: 'passport',
        name: 'Документ, удостоверяющий личность',
        documentType: 'identity_document',
        required: true,
        condition: '',
        clause: 'п. 2.6.1',
      },
    ],
    interagencyDocuments: [
      {
        key: 'egrn',
        name: 'Выписка из ЕГРН о земельном участке',
        documentType: 'egrn_extract',
        agency: 'rosreestr',
        requestKind: 'egrn_object',
        clause: 'п. 2.7',
      },
    ],
    intakeRefusalGrounds: [],
    serviceRefusalGrounds: [{ key: 'no_rights', text: 'Заявитель не правообладатель участка', clause: '' }],
    results: [
      {
        key: 'gpzu',
        name: 'Градостроительный план земельного участка',
        kind: 'positive',
        documentType: 'gpzu',
        validity: { amount: 5, unit: 'years' },
        clause: '',
      },
      {
        key: 'refusal',
        name: 'Решение об отказе',
        kind: 'negative',
        documentType: 'refusal_decision',
        validity: null,
        clause: '',
      },
    ],
    retentionYears: 10,
    term: { amount: 14, unit: 'working_days' },
    termClause: 'ГрК РФ ст. 57.3 ч. 4',
    fee: null,
    channels: ['paper', 'portal'],
    sources: [],
  },
  techMap: {
    start: 'intake',
    stages: [
      {
        key: 'intake',
        name: 'Приём и регистрация заявления',
        kind: 'intake',
        responsible: { role: 'operator', unitRef: null },
        term: { amount: 1, unit: 'working_days' },
        actions: [
          {
            key: 'accept',
            label: 'Принять',
            to: 'review',
            roles: [],
            decision: null,
            signature: false,
            reason: false,
            grounds: null,
          },
        ],
        documents: [],
        interagencyRequests: [
          {
            key: 'egrn',
            name: 'Запрос выписки из ЕГРН',
            agency: 'rosreestr',
            requestKind: 'egrn_object',
            documentKey: 'egrn',
            answerTerm: { amount: 5, unit: 'working_days' },
            mode: 'parallel',
          },
        ],
        intraRequests: [],
        outcome: null,
        resultKey: null,
      },
      {
        key: 'review',
        name: 'Подготовка градостроительного плана',
        kind: 'work',
        responsible: { role: 'operator', unitRef: 'u1' },
        term: { amount: 10, unit: 'working_days' },
        actions: [
          {
            key: 'sign',
            label: 'Подписать',
            to: 'done',
            roles: [],
            decision: 'grant',
            signature: true,
            reason: false,
            grounds: null,
          },
        ],
        documents: [{ key: 'plan', name: 'Градостроительный план', documentType: 'gpzu', resultKey: 'gpzu' }],
        interagencyRequests: [],
        intraRequests: [],
        outcome: null,
        resultKey: null,
      },
      {
        key: 'done',
        name: 'Услуга предоставлена',
        kind: 'final',
        responsible: null,
        term: null,
        actions: [],
        documents: [],
        interagencyRequests: [],
        intraRequests: [],
        outcome: 'granted',
        resultKey: 'gpzu',
      },
    ],
  },
  form: FORM,
};
