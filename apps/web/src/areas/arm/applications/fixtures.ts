import type {
  Acceptance,
  Application,
  ServiceDefinition,
  ServiceListItem,
  ServiceVersion,
  SessionUser,
} from '@uslugi/contracts';
import { DEFINITION, field } from '../../../test/catalog-fixtures';
import { OPERATOR } from '../../../test/render';

/** An employee at the front desk. */
export const CLERK: SessionUser = {
  ...OPERATOR,
  fullName: 'Галиева Алсу Фаритовна',
  roles: ['employee'],
  permissions: [
    'arm.access',
    'catalog.read',
    'applicants.read',
    'applicants.manage',
    'applications.read',
    'intake.accept',
  ],
};

/** A service whose card lists what the applicant brings, what the administration requests, and why intake is refused. */
export const INTAKE_DEFINITION: ServiceDefinition = {
  ...DEFINITION,
  card: {
    ...DEFINITION.card,
    name: 'Присвоение адреса объекту адресации',
    applicantDocuments: [
      {
        key: 'application',
        name: 'Заявление о присвоении адреса',
        documentType: 'application',
        required: true,
        condition: '',
        clause: 'п. 2.6.1',
      },
      {
        key: 'project',
        name: 'Проектная документация',
        documentType: 'project_docs',
        required: true,
        condition: '',
        clause: 'п. 2.6.2',
      },
      {
        key: 'title',
        name: 'Правоустанавливающий документ на объект',
        documentType: 'title_deed',
        required: true,
        condition: '',
        clause: 'п. 2.6.3',
      },
    ],
    interagencyDocuments: [
      {
        key: 'egrn',
        name: 'Выписка из ЕГРН об объекте недвижимости',
        documentType: 'egrn_extract',
        agency: 'rosreestr',
        requestKind: 'egrn_object',
        clause: 'п. 2.7',
      },
    ],
    intakeRefusalGrounds: [
      { key: 'unreadable', text: 'Документы нечитаемы', clause: 'п. 2.8.1' },
      { key: 'no_authority', text: 'Не подтверждены полномочия представителя', clause: 'п. 2.8.2' },
    ],
  },
  form: {
    sections: [
      {
        key: 'object',
        title: 'Объект адресации',
        fields: [
          field('object_name', 'Наименование объекта', 'text', { required: true }),
          field('project', 'Проектная документация', 'file', { required: true }),
          field('title', 'Правоустанавливающий документ', 'file', { required: true }),
        ],
      },
    ],
  },
};

const SUMMARY = {
  id: 'v1',
  number: 1,
  state: 'published' as const,
  createdAt: '2026-11-01T10:00:00Z',
  createdBy: null,
  publishedAt: '2026-11-02T10:00:00Z',
  publishedBy: null,
};

export const SERVICE: ServiceListItem = {
  id: 's1',
  code: 'address',
  parentId: null,
  name: INTAKE_DEFINITION.card.name,
  shortName: 'Адрес',
  responsibleUnit: null,
  offered: true,
  current: SUMMARY,
  draft: null,
  term: INTAKE_DEFINITION.card.term,
};

/** Not offered: never in the list to choose from. */
export const HIDDEN_SERVICE: ServiceListItem = {
  ...SERVICE,
  id: 's2',
  name: 'Снятая с предоставления услуга',
  offered: false,
};

export const VERSION: ServiceVersion = {
  id: 'v1',
  serviceId: 's1',
  summary: SUMMARY,
  definition: INTAKE_DEFINITION,
  problems: [],
  units: {},
};

export const ACCEPTANCE: Acceptance = {
  applicationId: 'a1',
  registrationNumber: '00001/2026',
  registeredAt: '2026-12-02T11:30:00Z',
  caseId: 'c1',
  dueDate: '2026-12-21',
  receiptDocumentId: 'd1',
  receiptRenderId: 'r1',
  receiptStatus: 'ready',
};

export const APPLICATION: Application = {
  id: 'a1',
  channel: 'portal',
  status: 'submitted',
  statusTitle: 'Подано, ожидает рассмотрения',
  service: { id: 's1', name: SERVICE.name, code: 'address' },
  serviceVersionId: 'v1',
  applicant: { id: 'r1', name: 'Морозов Андрей Викторович' },
  representative: null,
  values: { object_name: 'Жилой дом', project: ['f1'] },
  checklist: [],
  files: [
    {
      id: 'f1',
      fileName: 'проект.pdf',
      mediaType: 'application/pdf',
      size: 2048,
      sha256: 'x',
      scan: 'clean',
      uploadedAt: '2026-12-01T09:00:00Z',
    },
  ],
  heldDocuments: [
    {
      id: 'h1',
      documentType: 'title_deed',
      documentTypeName: 'Правоустанавливающий документ',
      title: 'Свидетельство о праве собственности',
      validUntil: null,
      source: 'application',
      sourceLabel: 'из заявления № 00007/2026',
      receivedAt: '2026-06-01T09:00:00Z',
      file: null,
    },
  ],
  registrationNumber: null,
  registeredAt: null,
  submittedAt: '2026-12-01T09:05:00Z',
  caseId: null,
  dueDate: null,
  workingDaysLeft: null,
  refusal: null,
  receiptDocumentId: null,
  history: [
    {
      status: 'submitted',
      epguCode: 2,
      title: 'Подано, ожидает рассмотрения',
      comment: null,
      at: '2026-12-01T09:05:00Z',
    },
  ],
  lateEntry: false,
  createdAt: '2026-12-01T09:00:00Z',
};
