import type {
  ServiceDefinition,
  ServiceDetail,
  ServiceListItem,
  ServiceVersion,
  Stage,
  VersionSummary,
} from '@uslugi/contracts';
import { minimalDefinition } from './minimal-definition';

export const UNIT_ID = '00000000-0000-4000-8000-0000000000b1';
export const OTHER_UNIT_ID = '00000000-0000-4000-8000-0000000000b2';
export const SERVICE_ID = '00000000-0000-4000-8000-0000000000c1';
export const V1_ID = '00000000-0000-4000-8000-0000000000d1';
export const V2_ID = '00000000-0000-4000-8000-0000000000d2';

export const ORG_UNITS = [
  {
    id: UNIT_ID,
    parentId: null,
    name: 'Управление архитектуры и градостроительства',
    shortName: null,
    headEmployeeId: null,
    headName: null,
  },
  {
    id: OTHER_UNIT_ID,
    parentId: null,
    name: 'Общий отдел',
    shortName: null,
    headEmployeeId: null,
    headName: null,
  },
];

const stage = (partial: Partial<Stage> & Pick<Stage, 'key' | 'name' | 'kind'>): Stage => ({
  responsible: { role: 'employee', unitRef: null },
  term: { amount: 1, unit: 'working_days' },
  actions: [],
  documents: [],
  interagencyRequests: [],
  intraRequests: [],
  outcome: null,
  resultKey: null,
  ...partial,
});

/** A small service: intake → review (5 working days) → done. */
export function definition(reviewDays = 5): ServiceDefinition {
  const base = minimalDefinition({
    name: 'Выдача градостроительного плана',
    unitId: UNIT_ID,
    today: '2026-12-01',
  });
  return {
    ...base,
    techMap: {
      start: 'intake',
      stages: [
        stage({
          key: 'intake',
          name: 'Приём и регистрация заявления',
          kind: 'intake',
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
        }),
        stage({
          key: 'review',
          name: 'Рассмотрение документов',
          kind: 'work',
          term: { amount: reviewDays, unit: 'working_days' },
          actions: [
            {
              key: 'done',
              label: 'Завершить',
              to: 'done',
              roles: [],
              decision: null,
              signature: false,
              reason: false,
              grounds: null,
            },
          ],
        }),
        stage({
          key: 'done',
          name: 'Услуга предоставлена',
          kind: 'final',
          responsible: null,
          term: null,
          outcome: 'granted',
          resultKey: 'result',
        }),
      ],
    },
  };
}

const summary = (id: string, number: number, state: VersionSummary['state']): VersionSummary => ({
  id,
  number,
  state,
  createdAt: '2026-11-30T09:00:00.000Z',
  createdBy: { id: 'e1', name: 'Хасанова Г. Р.' },
  publishedAt: state === 'draft' ? null : '2026-11-30T10:00:00.000Z',
  publishedBy: state === 'draft' ? null : { id: 'e1', name: 'Хасанова Г. Р.' },
});

export function version(id: string, number: number, state: VersionSummary['state'], def: ServiceDefinition) {
  const result: ServiceVersion = {
    id,
    serviceId: SERVICE_ID,
    summary: summary(id, number, state),
    definition: def,
    problems: [],
    units: { [UNIT_ID]: ORG_UNITS[0]!.name },
  };
  return result;
}

export function listItem(partial: Partial<ServiceListItem> = {}): ServiceListItem {
  return {
    id: SERVICE_ID,
    code: 'gpzu',
    parentId: null,
    name: 'Выдача градостроительного плана',
    shortName: 'Градостроительный план',
    responsibleUnit: { id: UNIT_ID, name: ORG_UNITS[0]!.name },
    offered: false,
    current: summary(V1_ID, 1, 'published'),
    draft: null,
    term: { amount: 10, unit: 'working_days' },
    ...partial,
  };
}

export function detail(item: ServiceListItem, versions: VersionSummary[]): ServiceDetail {
  return { service: item, subServices: [], versions };
}

export { summary };
