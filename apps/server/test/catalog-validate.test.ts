import { afterAll, describe, expect, it } from 'vitest';
import {
  PROBLEM_CODES,
  validateDefinition,
  validityYears,
  type DefinitionContext,
  type ProblemCode,
  type ServiceDefinition,
  type Stage,
} from '@uslugi/contracts';
import { catalogDefinitions, fixtureDefinition } from './catalog-support.js';

const tested = new Set<ProblemCode>();

/** The problems of one code after a change to the fixture, remembering the code as tested. */
function problemsAfter(
  code: ProblemCode,
  change: (def: ServiceDefinition) => void,
  context?: DefinitionContext,
) {
  const def = fixtureDefinition();
  change(def);
  const problems = validateDefinition(def, context);
  tested.add(code);
  return { all: problems, found: problems.filter((p) => p.code === code) };
}

const stage = (def: ServiceDefinition, key: string): Stage => {
  const found = def.techMap.stages.find((s) => s.key === key);
  if (!found) throw new Error(`no stage ${key}`);
  return found;
};

describe('validateDefinition', () => {
  it('finds nothing wrong with the fixture map', () => {
    expect(validateDefinition(fixtureDefinition())).toEqual([]);
  });

  it('finds nothing wrong with each sample service of data/catalog (none is fine)', () => {
    for (const { name, definition } of catalogDefinitions().data) {
      expect(validateDefinition(definition), name).toEqual([]);
    }
  });

  it('duplicate_key: stages, actions, documents, grounds, results, fields, requests', () => {
    const { found } = problemsAfter('duplicate_key', (def) => {
      def.techMap.stages.push({ ...structuredClone(stage(def, 'withdrawn')), name: 'Копия' });
      const intake = stage(def, 'intake');
      intake.actions.push({ ...intake.actions[0]!, label: 'Ещё раз' });
      def.card.applicantDocuments.push({ ...def.card.applicantDocuments[0]!, key: 'egrn' });
      def.card.serviceRefusalGrounds.push({ ...def.card.serviceRefusalGrounds[0]! });
      def.card.results.push({ ...def.card.results[1]! });
      def.form.sections[1]!.fields.push({ ...def.form.sections[0]!.fields[3]! });
      stage(def, 'decision').intraRequests.push({ ...stage(def, 'review').intraRequests[0]! });
    });
    const messages = found.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Технологическая схема: ключ этапа «withdrawn» повторяется',
        'Этап «Приём и регистрация заявления»: ключ действия «accept» повторяется',
        'Карточка услуги: ключ документа «egrn» повторяется',
        'Карточка услуги: ключ основания для отказа в предоставлении услуги «no_rights» повторяется',
        'Карточка услуги: ключ результата «refusal» повторяется',
        'Форма заявления: ключ поля «phone» повторяется',
        'Технологическая схема: ключ запроса «ask_property» повторяется',
      ]),
    );
    expect(found).toHaveLength(7);
  });

  it('duplicate_key: the same ground key in the intake and the service lists is two grounds', () => {
    const { found } = problemsAfter('duplicate_key', (def) => {
      def.card.serviceRefusalGrounds[0]!.key = def.card.intakeRefusalGrounds[0]!.key;
    });
    expect(found).toEqual([]);
  });

  it('unknown_start', () => {
    const { found, all } = problemsAfter('unknown_start', (def) => {
      def.techMap.start = 'nowhere';
    });
    expect(found).toEqual([
      {
        code: 'unknown_start',
        part: 'map',
        stageKey: null,
        message: 'Технологическая схема: начальный этап «nowhere» не найден',
      },
    ]);
    // Without a start, reachability is not judged stage by stage.
    expect(all.filter((p) => p.code === 'unreachable_stage')).toEqual([]);
  });

  it('unknown_target', () => {
    const { found } = problemsAfter('unknown_target', (def) => {
      stage(def, 'decision').actions[0]!.to = 'expertise';
    });
    expect(found).toEqual([
      {
        code: 'unknown_target',
        part: 'decision',
        stageKey: 'decision',
        message:
          'Этап «Подготовка решения»: действие «Подготовить справку» ведёт к несуществующему этапу «expertise»',
      },
    ]);
  });

  it('unreachable_stage: a stage no action leads to', () => {
    const { found } = problemsAfter('unreachable_stage', (def) => {
      // Only the withdrawal led to «Заявление отозвано».
      for (const s of def.techMap.stages) s.actions = s.actions.filter((a) => a.key !== 'withdraw');
    });
    expect(found.map((p) => p.message)).toEqual([
      'Этап «Заявление отозвано»: недостижим от начального этапа',
    ]);
  });

  it('unreachable_stage: the stages after an unreachable one are unreachable too', () => {
    const { found } = problemsAfter('unreachable_stage', (def) => {
      stage(def, 'decision').actions = stage(def, 'decision').actions.filter((a) => a.key !== 'refuse');
    });
    expect(found.map((p) => p.stageKey)).toEqual(['approve_refusal', 'issue_refusal', 'refused']);
  });

  it('dead_end: a stage without actions, and a loop that never reaches a final stage', () => {
    const { found } = problemsAfter('dead_end', (def) => {
      stage(def, 'issue_refusal').actions = [];
    });
    expect(found.map((p) => p.message)).toEqual([
      'Этап «Выдача отказа»: нет ни одного действия, а этап не завершающий',
    ]);

    const loop = problemsAfter('dead_end', (def) => {
      const issue = stage(def, 'issue');
      // «Результат выдан» leads back to the same stage: no way out of it.
      issue.actions = [{ ...issue.actions[0]!, to: 'issue' }];
    });
    expect(loop.found.map((p) => p.stageKey)).toEqual(['issue']);
    expect(loop.found[0]!.message).toBe(
      'Этап «Выдача справки»: от этапа не достичь ни одного завершающего этапа',
    );
  });

  it('final_with_actions', () => {
    const { found } = problemsAfter('final_with_actions', (def) => {
      stage(def, 'granted').actions.push({ ...stage(def, 'issue').actions[0]!, key: 'again', to: 'intake' });
    });
    expect(found.map((p) => p.message)).toEqual([
      'Этап «Услуга предоставлена»: у завершающего этапа не может быть действий',
    ]);
  });

  it('missing_term and missing_responsible on a stage that is not final', () => {
    const term = problemsAfter('missing_term', (def) => {
      stage(def, 'review').term = null;
    });
    expect(term.found.map((p) => p.message)).toEqual([
      'Этап «Межведомственные запросы и рассмотрение»: не указан срок',
    ]);
    const responsible = problemsAfter('missing_responsible', (def) => {
      stage(def, 'issue').responsible = null;
    });
    expect(responsible.found.map((p) => p.message)).toEqual([
      'Этап «Выдача справки»: не указан ответственный',
    ]);
  });

  it('final_without_result: no outcome; granted or refused without a result; an outcome on a working stage', () => {
    const { found } = problemsAfter('final_without_result', (def) => {
      stage(def, 'granted').resultKey = null;
      stage(def, 'withdrawn').outcome = null;
      stage(def, 'decision').outcome = 'granted';
    });
    expect(found.map((p) => p.message)).toEqual([
      'Этап «Подготовка решения»: исход и результат указываются только у завершающего этапа',
      'Этап «Услуга предоставлена»: не указан результат предоставления услуги',
      'Этап «Заявление отозвано»: не указан исход',
    ]);
  });

  it('final_without_result: an intake refusal and a withdrawal need no result of the service', () => {
    const { found } = problemsAfter('final_without_result', (def) => {
      stage(def, 'intake_refused').resultKey = null;
      stage(def, 'withdrawn').resultKey = null;
    });
    expect(found).toEqual([]);
  });

  it('unknown_result: a key not in the card, and an outcome against the result kind', () => {
    const { found } = problemsAfter('unknown_result', (def) => {
      stage(def, 'granted').resultKey = 'permit';
      stage(def, 'refused').resultKey = 'certificate';
      stage(def, 'intake_refused').resultKey = 'certificate';
      stage(def, 'decision').documents[0]!.resultKey = 'permit';
    });
    expect(found.map((p) => p.message)).toEqual([
      'Этап «Подготовка решения»: документ «Проект справки»: результата «permit» нет в карточке услуги',
      'Этап «Услуга предоставлена»: результата «permit» нет в карточке услуги',
      'Этап «Отказано в предоставлении услуги»: исход «Отказано в предоставлении услуги» не соответствует положительному результату «Справка о тестовом объекте»',
      'Этап «Отказано в приёме документов»: исход «Отказано в приёме документов» не соответствует положительному результату «Справка о тестовом объекте»',
    ]);
  });

  it('unknown_result: a granted stage with a negative result', () => {
    const { found } = problemsAfter('unknown_result', (def) => {
      stage(def, 'granted').resultKey = 'refusal';
    });
    expect(found.map((p) => p.stageKey)).toEqual(['granted']);
    expect(found[0]!.message).toContain('не соответствует отрицательному результату');
  });

  it('request_without_answer_term: inter-agency and intra requests', () => {
    const { found } = problemsAfter('request_without_answer_term', (def) => {
      stage(def, 'review').interagencyRequests[1]!.answerTerm = null;
      stage(def, 'review').intraRequests[0]!.answerTerm = null;
    });
    expect(found.map((p) => p.message)).toEqual([
      'Этап «Межведомственные запросы и рассмотрение»: запрос «Запрос выписки из ЕГРН о правах»: не указан срок ответа',
      'Этап «Межведомственные запросы и рассмотрение»: запрос «Запрос сведений о муниципальном имуществе»: не указан срок ответа',
    ]);
  });

  it('unknown_document: a request obtains a document the card does not list as inter-agency', () => {
    const { found } = problemsAfter('unknown_document', (def) => {
      // An applicant's document is not obtained by request.
      stage(def, 'review').interagencyRequests[0]!.documentKey = 'application';
    });
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe(
      'Этап «Межведомственные запросы и рассмотрение»: запрос «Запрос выписки из ЕГРН»: документа «application» нет среди документов, получаемых по межведомственным запросам',
    );
  });

  it('decision_without_grounds: a refusal whose card list is empty, and a refusal without a list', () => {
    const { found } = problemsAfter('decision_without_grounds', (def) => {
      def.card.intakeRefusalGrounds = [];
      stage(def, 'decision').actions[1]!.grounds = null;
    });
    expect(found.map((p) => p.message)).toEqual([
      'Этап «Приём и регистрация заявления»: действие «Отказать в приёме документов»: в карточке нет оснований для отказа в приёме документов',
      'Этап «Подготовка решения»: действие «Подготовить отказ»: для отказа не выбран перечень оснований',
    ]);
    const service = problemsAfter('decision_without_grounds', (def) => {
      def.card.serviceRefusalGrounds = [];
    });
    expect(service.found.map((p) => p.stageKey)).toEqual(['decision']);
  });

  it('retention_below_validity: in years, rounding up', () => {
    expect(validityYears({ amount: 18, unit: 'months' })).toBe(2);
    expect(validityYears({ amount: 24, unit: 'months' })).toBe(2);
    expect(validityYears({ amount: 366, unit: 'days' })).toBe(2);
    expect(validityYears({ amount: 365, unit: 'days' })).toBe(1);
    const { found } = problemsAfter('retention_below_validity', (def) => {
      def.card.results[0]!.validity = { amount: 121, unit: 'months' };
    });
    expect(found.map((p) => p.message)).toEqual([
      'Карточка услуги: срок хранения 10 лет меньше срока действия результата «Справка о тестовом объекте» (11 лет)',
    ]);
    const exact = problemsAfter('retention_below_validity', (def) => {
      def.card.results[0]!.validity = { amount: 10, unit: 'years' };
    });
    expect(exact.found).toEqual([]);
  });

  it('unknown_condition_field: an unknown field, a later field, the field itself', () => {
    const { found } = problemsAfter('unknown_condition_field', (def) => {
      const fields = def.form.sections[1]!.fields;
      fields[1]!.showIf = { field: 'nothing', equals: null, oneOf: null, filled: true };
      fields[2]!.showIf = { field: 'files', equals: null, oneOf: null, filled: true };
      fields[3]!.showIf = { field: 'area', equals: null, oneOf: null, filled: true };
    });
    expect(found.map((p) => p.message)).toEqual([
      'Форма заявления: поле «Иная цель»: условие показа ссылается на несуществующее поле «nothing»',
      'Форма заявления: поле «Кадастровый номер»: условие показа ссылается на поле, расположенное не выше этого',
      'Форма заявления: поле «Площадь, кв. м»: условие показа ссылается на поле, расположенное не выше этого',
    ]);
  });

  it('choice_without_options', () => {
    const { found } = problemsAfter('choice_without_options', (def) => {
      def.form.sections[1]!.fields[0]!.options = [];
    });
    expect(found.map((p) => p.message)).toEqual([
      'Форма заявления: поле «Цель получения справки»: нет вариантов выбора',
    ]);
    const absent = problemsAfter('choice_without_options', (def) => {
      def.form.sections[1]!.fields[0]!.options = null;
    });
    expect(absent.found).toHaveLength(1);
  });

  it('invalid_pattern', () => {
    const { found } = problemsAfter('invalid_pattern', (def) => {
      def.form.sections[1]!.fields[6]!.validation!.pattern = '[A-Z';
    });
    expect(found.map((p) => p.message)).toEqual([
      'Форма заявления: поле «Код объекта»: шаблон проверки не является регулярным выражением',
    ]);
  });

  it('no_intake_stage: the map must start at intake', () => {
    const { found } = problemsAfter('no_intake_stage', (def) => {
      stage(def, 'intake').kind = 'work';
    });
    expect(found.map((p) => p.message)).toEqual([
      'Этап «Приём и регистрация заявления»: начальный этап должен быть приёмом и регистрацией заявления',
    ]);
  });

  it('no_approval_by_signature', () => {
    const { found } = problemsAfter('no_approval_by_signature', (def) => {
      for (const s of def.techMap.stages) for (const a of s.actions) a.signature = false;
    });
    expect(found).toHaveLength(1);
    expect(found[0]!.part).toBe('map');
  });

  it('unknown_unit and unknown_reference only when the context can tell', () => {
    const units = new Set(['general']);
    const references: Record<string, Set<string>> = {
      document_types: new Set(['application', 'power_of_attorney', 'egrn_extract', 'egrul_extract', 'other']),
      agencies: new Set(['rosreestr']),
      smev_request_kinds: new Set(['egrn_object', 'egrn_rights', 'egrul']),
    };
    const context: DefinitionContext = {
      unitExists: (ref) => units.has(ref),
      referenceExists: (directory, code) => references[directory]!.has(code),
    };
    const unit = problemsAfter(
      'unknown_unit',
      (def) => {
        stage(def, 'issue').responsible!.unitRef = 'archive';
      },
      context,
    );
    expect(unit.found.map((p) => p.message)).toEqual([
      'Этап «Межведомственные запросы и рассмотрение»: запрос «Запрос сведений о муниципальном имуществе»: подразделение не найдено',
      'Этап «Выдача справки»: подразделение ответственного не найдено',
    ]);

    const reference = problemsAfter('unknown_reference', () => {}, context);
    expect(reference.found.map((p) => p.message)).toEqual([
      'Карточка услуги: документ «Сведения из ЕГРЮЛ»: орган (организация) с кодом «fns» не найден в справочнике',
      'Карточка услуги: результат «Решение об отказе в предоставлении услуги»: вид документа с кодом «refusal_decision» не найден в справочнике',
      'Этап «Межведомственные запросы и рассмотрение»: запрос «Запрос сведений из ЕГРЮЛ»: орган (организация) с кодом «fns» не найден в справочнике',
      'Этап «Подписание отказа»: документ «Решение об отказе»: вид документа с кодом «refusal_decision» не найден в справочнике',
    ]);
    // Without a context the same definition is clean.
    expect(validateDefinition(fixtureDefinition())).toEqual([]);
  });

  it('unknown_unit: the responsible unit of the card', () => {
    const { found } = problemsAfter('unknown_unit', () => {}, { unitExists: () => false });
    expect(found.map((p) => p.part)).toEqual(['card', 'review', 'issue']);
  });

  it('names every stage problem by the stage name and key', () => {
    const { all } = problemsAfter('missing_term', (def) => {
      for (const s of def.techMap.stages) if (s.kind !== 'final') s.term = null;
    });
    for (const p of all) {
      const s = fixtureDefinition().techMap.stages.find((x) => x.key === p.stageKey)!;
      expect(p.part).toBe(s.key);
      expect(p.message.startsWith(`Этап «${s.name}»: `)).toBe(true);
    }
  });

  afterAll(() => {
    // Every problem code is produced by one test at least.
    expect([...tested].sort()).toEqual([...PROBLEM_CODES].sort());
  });
});
