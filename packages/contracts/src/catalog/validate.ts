import type { DefinitionProblem, ProblemCode, ServiceDefinition } from './definition.js';
import { isFinal, reachable, reachesFinal, stageOf } from './engine.js';
import type { Validity } from './service.js';
import { OUTCOME_TITLES } from './tech-map.js';
import type { Stage } from './tech-map.js';

/** The reference directories a definition names codes of. */
export type DefinitionDirectory = 'document_types' | 'agencies' | 'smev_request_kinds';

/**
 * What the validator may ask of the world around a definition; a check whose question is absent is
 * skipped (the web validates without the municipality's units, the server with them).
 */
export interface DefinitionContext {
  unitExists?: (ref: string) => boolean;
  referenceExists?: (directory: DefinitionDirectory, code: string) => boolean;
}

const DIRECTORY_TITLES: Record<DefinitionDirectory, string> = {
  document_types: 'вид документа',
  agencies: 'орган (организация)',
  smev_request_kinds: 'вид сведений СМЭВ',
};

/** Years a validity lasts, rounded up (a result valid 18 months needs 2 years of retention). */
export function validityYears(validity: Validity): number {
  switch (validity.unit) {
    case 'years':
      return validity.amount;
    case 'months':
      return Math.ceil(validity.amount / 12);
    case 'days':
      return Math.ceil(validity.amount / 365);
  }
}

/**
 * Everything wrong with a definition that would stop a case along its map or contradict its card.
 * Publishing refuses a definition with any problem; the editor lists them by stage. Each message is
 * Russian and names the stage (or the part) by its name.
 */
export function validateDefinition(
  def: ServiceDefinition,
  context: DefinitionContext = {},
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const { card, techMap: map, form } = def;

  const add = (code: ProblemCode, part: string, stageKey: string | null, message: string) =>
    problems.push({ code, part, stageKey, message });
  const atStage = (stage: Stage, code: ProblemCode, message: string) =>
    add(code, stage.key, stage.key, `Этап «${stage.name}»: ${message}`);
  const atCard = (code: ProblemCode, message: string) =>
    add(code, 'card', null, `Карточка услуги: ${message}`);
  const atForm = (code: ProblemCode, message: string) =>
    add(code, 'form', null, `Форма заявления: ${message}`);

  const duplicates = (keys: readonly string[]): string[] => {
    const seen = new Set<string>();
    const twice = new Set<string>();
    for (const key of keys) (seen.has(key) ? twice : seen).add(key);
    return [...twice];
  };

  // ── Card ─────────────────────────────────────────────────────────────────────────────────────
  for (const key of duplicates([
    ...card.applicantDocuments.map((d) => d.key),
    ...card.interagencyDocuments.map((d) => d.key),
  ])) {
    atCard('duplicate_key', `ключ документа «${key}» повторяется`);
  }
  for (const key of duplicates(card.intakeRefusalGrounds.map((g) => g.key))) {
    atCard('duplicate_key', `ключ основания для отказа в приёме документов «${key}» повторяется`);
  }
  for (const key of duplicates(card.serviceRefusalGrounds.map((g) => g.key))) {
    atCard('duplicate_key', `ключ основания для отказа в предоставлении услуги «${key}» повторяется`);
  }
  for (const key of duplicates(card.results.map((r) => r.key))) {
    atCard('duplicate_key', `ключ результата «${key}» повторяется`);
  }

  // Regulation 004 item 6: the records are kept no shorter than the result is valid.
  const longest = card.results
    .filter((r) => r.validity !== null)
    .map((r) => ({ result: r, years: validityYears(r.validity!) }))
    .sort((a, b) => b.years - a.years)[0];
  if (longest && card.retentionYears < longest.years) {
    atCard(
      'retention_below_validity',
      `срок хранения ${card.retentionYears} лет меньше срока действия результата «${longest.result.name}» (${longest.years} лет)`,
    );
  }

  const referenceExists = context.referenceExists;
  const checkReference = (directory: DefinitionDirectory, code: string, where: (message: string) => void) => {
    if (referenceExists && !referenceExists(directory, code)) {
      where(`${DIRECTORY_TITLES[directory]} с кодом «${code}» не найден в справочнике`);
    }
  };
  const cardReference = (what: string) => (message: string) =>
    atCard('unknown_reference', `${what}: ${message}`);
  for (const d of card.applicantDocuments) {
    checkReference('document_types', d.documentType, cardReference(`документ «${d.name}»`));
  }
  for (const d of card.interagencyDocuments) {
    const where = cardReference(`документ «${d.name}»`);
    checkReference('document_types', d.documentType, where);
    checkReference('agencies', d.agency, where);
    checkReference('smev_request_kinds', d.requestKind, where);
  }
  for (const r of card.results) {
    checkReference('document_types', r.documentType, cardReference(`результат «${r.name}»`));
  }
  if (context.unitExists && !context.unitExists(card.responsibleUnitRef)) {
    atCard('unknown_unit', 'ответственное подразделение не найдено');
  }

  // ── Technological map ────────────────────────────────────────────────────────────────────────
  for (const key of duplicates(map.stages.map((s) => s.key))) {
    add('duplicate_key', 'map', null, `Технологическая схема: ключ этапа «${key}» повторяется`);
  }
  const requestKeys = map.stages.flatMap((s) => [
    ...s.interagencyRequests.map((r) => r.key),
    ...s.intraRequests.map((r) => r.key),
  ]);
  for (const key of duplicates(requestKeys)) {
    add('duplicate_key', 'map', null, `Технологическая схема: ключ запроса «${key}» повторяется`);
  }

  const start = stageOf(map, map.start);
  if (!start) {
    add('unknown_start', 'map', null, `Технологическая схема: начальный этап «${map.start}» не найден`);
  } else if (start.kind !== 'intake') {
    // A case begins with the intake and registration of its application.
    atStage(start, 'no_intake_stage', 'начальный этап должен быть приёмом и регистрацией заявления');
  }

  const resultsByKey = new Map(card.results.map((r) => [r.key, r]));
  const documentKeys = new Set(card.interagencyDocuments.map((d) => d.key));
  const seen = start ? reachable(map) : new Set<string>();
  const toFinal = reachesFinal(map);
  let signed = false;

  for (const stage of map.stages) {
    for (const key of duplicates(stage.actions.map((a) => a.key))) {
      atStage(stage, 'duplicate_key', `ключ действия «${key}» повторяется`);
    }
    for (const key of duplicates(stage.documents.map((d) => d.key))) {
      atStage(stage, 'duplicate_key', `ключ документа «${key}» повторяется`);
    }
    if (start && !seen.has(stage.key)) atStage(stage, 'unreachable_stage', 'недостижим от начального этапа');

    if (isFinal(stage)) {
      if (stage.actions.length > 0)
        atStage(stage, 'final_with_actions', 'у завершающего этапа не может быть действий');
      if (!stage.outcome) {
        atStage(stage, 'final_without_result', 'не указан исход');
      } else if (stage.outcome === 'granted' || stage.outcome === 'refused') {
        // 210-ФЗ ст. 14: a service ends with its result, positive or a refusal.
        const result = stage.resultKey === null ? undefined : resultsByKey.get(stage.resultKey);
        if (stage.resultKey === null) {
          atStage(stage, 'final_without_result', 'не указан результат предоставления услуги');
        } else if (!result) {
          atStage(stage, 'unknown_result', `результата «${stage.resultKey}» нет в карточке услуги`);
        } else {
          const expected = stage.outcome === 'granted' ? 'positive' : 'negative';
          if (result.kind !== expected) {
            atStage(
              stage,
              'unknown_result',
              `исход «${OUTCOME_TITLES[stage.outcome]}» не соответствует ${result.kind === 'positive' ? 'положительному' : 'отрицательному'} результату «${result.name}»`,
            );
          }
        }
      } else if (stage.resultKey !== null) {
        const result = resultsByKey.get(stage.resultKey);
        if (!result) {
          atStage(stage, 'unknown_result', `результата «${stage.resultKey}» нет в карточке услуги`);
        } else if (result.kind === 'positive') {
          atStage(
            stage,
            'unknown_result',
            `исход «${OUTCOME_TITLES[stage.outcome]}» не соответствует положительному результату «${result.name}»`,
          );
        }
      }
    } else {
      if (stage.actions.length === 0) {
        atStage(stage, 'dead_end', 'нет ни одного действия, а этап не завершающий');
      } else if (!toFinal.has(stage.key)) {
        atStage(stage, 'dead_end', 'от этапа не достичь ни одного завершающего этапа');
      }
      // Regulation 004 items 4 and 10: each stage has its responsible and its term.
      if (!stage.term) atStage(stage, 'missing_term', 'не указан срок');
      if (!stage.responsible) atStage(stage, 'missing_responsible', 'не указан ответственный');
      if (stage.outcome !== null || stage.resultKey !== null) {
        atStage(stage, 'final_without_result', 'исход и результат указываются только у завершающего этапа');
      }
    }

    if (stage.responsible?.unitRef && context.unitExists && !context.unitExists(stage.responsible.unitRef)) {
      atStage(stage, 'unknown_unit', 'подразделение ответственного не найдено');
    }

    for (const action of stage.actions) {
      if (action.signature) signed = true;
      if (!stageOf(map, action.to)) {
        atStage(
          stage,
          'unknown_target',
          `действие «${action.label}» ведёт к несуществующему этапу «${action.to}»`,
        );
      }
      // 210-ФЗ ст. 14: a refusal rests on the regulation's exhaustive list of grounds.
      if (action.decision === 'refuse' && action.grounds === null) {
        atStage(
          stage,
          'decision_without_grounds',
          `действие «${action.label}»: для отказа не выбран перечень оснований`,
        );
      } else if (action.grounds === 'intake' && card.intakeRefusalGrounds.length === 0) {
        atStage(
          stage,
          'decision_without_grounds',
          `действие «${action.label}»: в карточке нет оснований для отказа в приёме документов`,
        );
      } else if (action.grounds === 'service' && card.serviceRefusalGrounds.length === 0) {
        atStage(
          stage,
          'decision_without_grounds',
          `действие «${action.label}»: в карточке нет оснований для отказа в предоставлении услуги`,
        );
      }
    }

    for (const document of stage.documents) {
      const where = (message: string) =>
        atStage(stage, 'unknown_reference', `документ «${document.name}»: ${message}`);
      checkReference('document_types', document.documentType, where);
      if (document.resultKey !== null && !resultsByKey.has(document.resultKey)) {
        atStage(
          stage,
          'unknown_result',
          `документ «${document.name}»: результата «${document.resultKey}» нет в карточке услуги`,
        );
      }
    }

    for (const request of stage.interagencyRequests) {
      // 210-ФЗ ст. 7.2 ч. 3, regulation 004 item 11: a request is answered within its term.
      if (!request.answerTerm)
        atStage(stage, 'request_without_answer_term', `запрос «${request.name}»: не указан срок ответа`);
      if (request.documentKey !== null && !documentKeys.has(request.documentKey)) {
        atStage(
          stage,
          'unknown_document',
          `запрос «${request.name}»: документа «${request.documentKey}» нет среди документов, получаемых по межведомственным запросам`,
        );
      }
      const where = (message: string) =>
        atStage(stage, 'unknown_reference', `запрос «${request.name}»: ${message}`);
      checkReference('agencies', request.agency, where);
      checkReference('smev_request_kinds', request.requestKind, where);
    }
    for (const request of stage.intraRequests) {
      if (!request.answerTerm)
        atStage(stage, 'request_without_answer_term', `запрос «${request.name}»: не указан срок ответа`);
      if (context.unitExists && !context.unitExists(request.unitRef)) {
        atStage(stage, 'unknown_unit', `запрос «${request.name}»: подразделение не найдено`);
      }
    }
  }

  if (!signed) {
    // The official approves the result by signing it with a qualified signature.
    add(
      'no_approval_by_signature',
      'map',
      null,
      'Технологическая схема: нет ни одного действия, выполняемого подписанием (утверждение результата)',
    );
  }

  // ── Form ─────────────────────────────────────────────────────────────────────────────────────
  for (const key of duplicates(form.sections.map((s) => s.key))) {
    atForm('duplicate_key', `ключ раздела «${key}» повторяется`);
  }
  const fields = form.sections.flatMap((s) => s.fields);
  for (const key of duplicates(fields.map((f) => f.key))) {
    atForm('duplicate_key', `ключ поля «${key}» повторяется`);
  }
  const earlier = new Set<string>();
  const everyKey = new Set(fields.map((f) => f.key));
  for (const field of fields) {
    const name = `поле «${field.label}»`;
    if (field.showIf) {
      const other = field.showIf.field;
      if (!everyKey.has(other)) {
        atForm(
          'unknown_condition_field',
          `${name}: условие показа ссылается на несуществующее поле «${other}»`,
        );
      } else if (!earlier.has(other)) {
        atForm(
          'unknown_condition_field',
          `${name}: условие показа ссылается на поле, расположенное не выше этого`,
        );
      }
    }
    if (field.type === 'choice' && (field.options ?? []).length === 0) {
      atForm('choice_without_options', `${name}: нет вариантов выбора`);
    }
    const pattern = field.validation?.pattern;
    if (pattern) {
      try {
        new RegExp(pattern, 'u');
      } catch {
        atForm('invalid_pattern', `${name}: шаблон проверки не является регулярным выражением`);
      }
    }
    earlier.add(field.key);
  }

  return problems;
}
