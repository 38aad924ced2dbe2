import {
  OUTCOME_TITLES,
  OUTCOMES,
  REQUEST_MODE_TITLES,
  REQUEST_MODES,
  ROLES,
  STAGE_KIND_TITLES,
  STAGE_KINDS,
  type DefinitionProblem,
  type ServiceDefinition,
  type Stage,
} from '@uslugi/contracts';
import { useWatch } from 'react-hook-form';
import type { Option } from '../../../components/form/Field';
import { TechMapDiagram } from '../../../components/tech-map-diagram/TechMapDiagram';
import { ROLE_TITLES } from '../../../lib/roles';
import {
  CheckboxGroup,
  CheckboxInput,
  ListEditor,
  Optional,
  SelectInput,
  TermInput,
  TextInput,
} from './fields';
import { problemsOfStage, StageProblems } from './problems';
import { REFERENCE_LISTS } from './reference';

const STAGE_ITEM_ID = 'stage';

/** Roles that work on cases: not the installation's administrator, not the read-only auditor. */
const NOT_STAGE_ROLES: readonly string[] = ['installation_admin', 'auditor'];
const ROLE_OPTIONS: Option[] = ROLES.filter((role) => !NOT_STAGE_ROLES.includes(role)).map((role) => ({
  value: role,
  label: ROLE_TITLES[role],
}));

const TERM = () => ({ amount: 5, unit: 'working_days' });

export function newStage(): Stage {
  return {
    key: '',
    name: '',
    kind: 'work',
    responsible: { role: 'employee', unitRef: null },
    term: { amount: 1, unit: 'working_days' },
    actions: [],
    documents: [],
    interagencyRequests: [],
    intraRequests: [],
    outcome: null,
    resultKey: null,
  };
}

/** Opens a stage's form and brings it into view (a click on the diagram). */
export function openStage(index: number) {
  const element = document.getElementById(`${STAGE_ITEM_ID}-${index}`);
  if (element instanceof HTMLDetailsElement) {
    element.open = true;
    element.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    element.querySelector('summary')?.focus();
  }
}

function named(items: readonly { key: string; name: string }[] | undefined): Option[] {
  return (items ?? [])
    .filter((item) => item.key)
    .map((item) => ({ value: item.key, label: item.name ? `${item.name} (${item.key})` : item.key }));
}

/** «Технологическая схема»: the diagram of stages and actions, then each stage as a form. */
export function MapTab({
  unitOptions,
  problems,
}: {
  unitOptions: Option[];
  problems: readonly DefinitionProblem[];
}) {
  const techMap = useWatch({ name: 'techMap' }) as ServiceDefinition['techMap'] | undefined;
  const results = useWatch({ name: 'card.results' }) as ServiceDefinition['card']['results'] | undefined;
  const interagency = useWatch({ name: 'card.interagencyDocuments' }) as
    ServiceDefinition['card']['interagencyDocuments'] | undefined;
  const stages = techMap?.stages ?? [];
  const stageOptions = named(stages);
  const resultOptions = named(results);
  const interagencyOptions = named(interagency);
  const unitChoice: Option[] = unitOptions;
  const stageName = (index: number) => {
    const stage = stages[index];
    if (!stage) return '';
    const count = problemsOfStage(problems, stage.key).length;
    return `${stage.name || 'без наименования'}${count ? ` — замечаний: ${count}` : ''}`;
  };

  return (
    <div className="definition-part" data-testid="catalog-map">
      <section className="panel">
        <h2>Схема</h2>
        <p className="muted">
          Этапы и действия между ними; этапы с замечаниями выделены. Щелчок по этапу открывает его описание
          ниже.
        </p>
        <TechMapDiagram
          techMap={techMap}
          problems={problems}
          onStageClick={(key) => openStage(stages.findIndex((stage) => stage.key === key))}
        />
      </section>

      <section className="panel">
        <h2>Этапы</h2>
        <SelectInput name="techMap.start" label="Начальный этап" options={stageOptions} required />
        <ListEditor
          name="techMap.stages"
          title="Этапы технологической схемы"
          itemLabel="Этап"
          summary={stageName}
          make={newStage}
          collapsible={{ itemId: STAGE_ITEM_ID }}
          notes={(i) => <StageProblems problems={problemsOfStage(problems, stages[i]?.key ?? '')} />}
          render={(i) => {
            const at = `techMap.stages.${i}`;
            const stage = stages[i];
            const final = stage?.kind === 'final';
            return (
              <>
                <TextInput name={`${at}.name`} label="Наименование этапа" required maxLength={300} />
                <div className="form-grid">
                  <TextInput name={`${at}.key`} label="Ключ" required maxLength={60} />
                  <SelectInput
                    name={`${at}.kind`}
                    label="Вид этапа"
                    options={STAGE_KINDS.map((kind) => ({ value: kind, label: STAGE_KIND_TITLES[kind] }))}
                  />
                </div>
                <Optional
                  name={`${at}.responsible`}
                  label="Ответственный назначен"
                  make={() => ({ role: 'employee', unitRef: null })}
                >
                  <div className="form-grid">
                    <SelectInput
                      name={`${at}.responsible.role`}
                      label="Роль ответственного"
                      options={ROLE_OPTIONS}
                    />
                    <SelectInput
                      name={`${at}.responsible.unitRef`}
                      label="Подразделение"
                      emptyLabel="Ответственное подразделение услуги"
                      options={unitChoice}
                    />
                  </div>
                </Optional>
                <Optional
                  name={`${at}.term`}
                  label="Срок этапа установлен"
                  make={() => ({ amount: 1, unit: 'working_days' })}
                >
                  <TermInput name={`${at}.term`} label="Срок этапа" />
                </Optional>
                {final && (
                  <div className="form-grid">
                    <SelectInput
                      name={`${at}.outcome`}
                      label="Чем завершается дело"
                      emptyLabel="Не указано"
                      options={OUTCOMES.map((outcome) => ({
                        value: outcome,
                        label: OUTCOME_TITLES[outcome],
                      }))}
                    />
                    <SelectInput
                      name={`${at}.resultKey`}
                      label="Результат услуги"
                      emptyLabel="Без результата"
                      options={resultOptions}
                    />
                  </div>
                )}
                <ListEditor
                  name={`${at}.actions`}
                  title="Действия"
                  itemLabel="Действие"
                  summary={(j) => stage?.actions[j]?.label ?? ''}
                  empty={final ? 'Завершающий этап: действий нет.' : 'Действия не заданы.'}
                  make={() => ({
                    key: '',
                    label: '',
                    to: '',
                    roles: [],
                    decision: null,
                    signature: false,
                    reason: false,
                    grounds: null,
                  })}
                  render={(j) => {
                    const action = `${at}.actions.${j}`;
                    return (
                      <>
                        <div className="form-grid">
                          <TextInput
                            name={`${action}.label`}
                            label="Надпись на кнопке"
                            required
                            maxLength={200}
                          />
                          <TextInput name={`${action}.key`} label="Ключ" required maxLength={60} />
                          <SelectInput
                            name={`${action}.to`}
                            label="Следующий этап"
                            options={[{ value: '', label: 'Выберите этап' }, ...stageOptions]}
                          />
                          <SelectInput
                            name={`${action}.decision`}
                            label="Решение"
                            emptyLabel="Без решения"
                            options={[
                              { value: 'grant', label: 'О предоставлении' },
                              { value: 'refuse', label: 'Об отказе' },
                            ]}
                          />
                          <SelectInput
                            name={`${action}.grounds`}
                            label="Основания"
                            emptyLabel="Не требуются"
                            options={[
                              { value: 'intake', label: 'Отказа в приёме документов' },
                              { value: 'service', label: 'Отказа в предоставлении услуги' },
                            ]}
                          />
                        </div>
                        <CheckboxGroup
                          name={`${action}.roles`}
                          label="Кто выполняет (пусто — ответственный за этап)"
                          options={ROLE_OPTIONS}
                        />
                        <div className="form-grid">
                          <CheckboxInput
                            name={`${action}.signature`}
                            label="Подписание квалифицированной подписью"
                          />
                          <CheckboxInput name={`${action}.reason`} label="Требуется причина" />
                        </div>
                      </>
                    );
                  }}
                />
                <ListEditor
                  name={`${at}.documents`}
                  title="Документы этапа"
                  itemLabel="Документ"
                  summary={(j) => stage?.documents[j]?.name ?? ''}
                  empty="Этап не создаёт документов."
                  make={() => ({ key: '', name: '', documentType: '', resultKey: null })}
                  render={(j) => {
                    const doc = `${at}.documents.${j}`;
                    return (
                      <>
                        <TextInput name={`${doc}.name`} label="Документ" required maxLength={1000} />
                        <div className="form-grid">
                          <TextInput name={`${doc}.key`} label="Ключ" required maxLength={60} />
                          <TextInput
                            name={`${doc}.documentType`}
                            label="Вид документа (код)"
                            required
                            maxLength={60}
                            list={REFERENCE_LISTS.documentTypes}
                          />
                          <SelectInput
                            name={`${doc}.resultKey`}
                            label="Является результатом"
                            emptyLabel="Нет"
                            options={resultOptions}
                          />
                        </div>
                      </>
                    );
                  }}
                />
                <ListEditor
                  name={`${at}.interagencyRequests`}
                  title="Межведомственные запросы"
                  itemLabel="Запрос"
                  summary={(j) => stage?.interagencyRequests[j]?.name ?? ''}
                  empty="Запросов нет."
                  make={() => ({
                    key: '',
                    name: '',
                    agency: '',
                    requestKind: '',
                    documentKey: null,
                    // 210-ФЗ ст. 7.2 ч. 3: an inter-agency answer is due within five working days.
                    answerTerm: TERM(),
                    mode: 'parallel',
                  })}
                  render={(j) => {
                    const request = `${at}.interagencyRequests.${j}`;
                    return (
                      <>
                        <TextInput name={`${request}.name`} label="Запрос" required maxLength={1000} />
                        <div className="form-grid">
                          <TextInput name={`${request}.key`} label="Ключ" required maxLength={60} />
                          <TextInput
                            name={`${request}.agency`}
                            label="Орган (код)"
                            required
                            maxLength={60}
                            list={REFERENCE_LISTS.agencies}
                          />
                          <TextInput
                            name={`${request}.requestKind`}
                            label="Вид сведений СМЭВ (код)"
                            required
                            maxLength={60}
                            list={REFERENCE_LISTS.requestKinds}
                          />
                          <SelectInput
                            name={`${request}.documentKey`}
                            label="Получаемые сведения"
                            emptyLabel="Не указаны"
                            options={interagencyOptions}
                          />
                          <SelectInput
                            name={`${request}.mode`}
                            label="Порядок"
                            options={REQUEST_MODES.map((mode) => ({
                              value: mode,
                              label: REQUEST_MODE_TITLES[mode],
                            }))}
                          />
                        </div>
                        <Optional name={`${request}.answerTerm`} label="Срок ответа установлен" make={TERM}>
                          <TermInput name={`${request}.answerTerm`} label="Срок ответа" />
                        </Optional>
                      </>
                    );
                  }}
                />
                <ListEditor
                  name={`${at}.intraRequests`}
                  title="Внутриведомственные запросы"
                  itemLabel="Внутренний запрос"
                  summary={(j) => stage?.intraRequests[j]?.name ?? ''}
                  empty="Запросов нет."
                  make={() => ({
                    key: '',
                    name: '',
                    unitRef: unitOptions[0]?.value ?? '',
                    answerTerm: TERM(),
                  })}
                  render={(j) => {
                    const request = `${at}.intraRequests.${j}`;
                    return (
                      <>
                        <TextInput name={`${request}.name`} label="Запрос" required maxLength={1000} />
                        <div className="form-grid">
                          <TextInput name={`${request}.key`} label="Ключ" required maxLength={60} />
                          <SelectInput
                            name={`${request}.unitRef`}
                            label="Подразделение"
                            options={unitChoice}
                          />
                        </div>
                        <Optional name={`${request}.answerTerm`} label="Срок ответа установлен" make={TERM}>
                          <TermInput name={`${request}.answerTerm`} label="Срок ответа" />
                        </Optional>
                      </>
                    );
                  }}
                />
              </>
            );
          }}
        />
      </section>
    </div>
  );
}
