import { describe, expect, it } from 'vitest';
import { diffDefinitions, type ServiceDefinition, type Stage } from '@uslugi/contracts';
import { catalogDefinitions, fixtureDefinition } from './catalog-support.js';

const stage = (def: ServiceDefinition, key: string): Stage => def.techMap.stages.find((s) => s.key === key)!;

function changed(change: (def: ServiceDefinition) => void) {
  const before = fixtureDefinition();
  const after = fixtureDefinition();
  change(after);
  return diffDefinitions(before, after);
}

describe('diffDefinitions', () => {
  it('finds nothing between a definition and its copy', () => {
    expect(diffDefinitions(fixtureDefinition(), fixtureDefinition())).toEqual([]);
    for (const { name, definition } of catalogDefinitions().data) {
      expect(diffDefinitions(definition, structuredClone(definition)), name).toEqual([]);
    }
  });

  it('card: term, fee, retention, name, channels, applicants', () => {
    const changes = changed((def) => {
      def.card.term = { amount: 30, unit: 'calendar_days' };
      def.card.fee = { amountRub: 350, basis: 'НК РФ ст. 333.33' };
      def.card.retentionYears = 21;
      def.card.name = 'Новое имя';
      def.card.channels = ['paper'];
      def.card.applicantCategories = def.card.applicantCategories.slice(0, 1);
    });
    expect(changes.map((c) => c.title)).toEqual([
      'Карточка: наименование «Выдача справки о тестовом объекте (пример для проверки технологической схемы)» → «Новое имя»',
      'Карточка: срок предоставления 20 рабочих дней → 30 календарных дней',
      'Карточка: плата бесплатно → 350 руб. (НК РФ ст. 333.33)',
      'Карточка: срок хранения 10 лет → 21 год',
      'Карточка: способы подачи Лично или почтой, на бумаге, Через портал муниципальных услуг → Лично или почтой, на бумаге',
      'Карточка: заявители Физическое лицо (допускается представитель), Юридическое лицо (допускается представитель), Индивидуальный предприниматель → Физическое лицо (допускается представитель)',
    ]);
    expect(changes.every((c) => c.area === 'card' && c.kind === 'changed')).toBe(true);
    expect(changes[1]).toMatchObject({
      key: 'card.term',
      before: '20 рабочих дней',
      after: '30 календарных дней',
    });
  });

  it('card: grounds and results added, removed, changed', () => {
    const changes = changed((def) => {
      def.card.serviceRefusalGrounds[0]!.text = 'Заявитель не является правообладателем объекта';
      def.card.serviceRefusalGrounds.pop();
      def.card.intakeRefusalGrounds.push({
        key: 'pencil',
        text: 'Документы исполнены карандашом',
        clause: 'п. 2.8',
      });
      def.card.results[0]!.validity = { amount: 3, unit: 'years' };
    });
    expect(changes.map((c) => [c.kind, c.key, c.title])).toEqual([
      [
        'added',
        'card.intakeGrounds:pencil',
        'Основание для отказа в приёме документов добавлено: «Документы исполнены карандашом»',
      ],
      [
        'removed',
        'card.serviceGrounds:false_data',
        'Основание для отказа в предоставлении услуги исключено: «Представлены недостоверные сведения»',
      ],
      [
        'changed',
        'card.serviceGrounds:no_rights',
        'Основание для отказа в предоставлении услуги изменено: «Заявитель не обладает правами на объект» → «Заявитель не является правообладателем объекта»',
      ],
      [
        'changed',
        'card.result:certificate',
        'Результат «Справка о тестовом объекте»: Справка о тестовом объекте (положительный, действует 18 месяцев) → Справка о тестовом объекте (положительный, действует 3 года)',
      ],
    ]);
  });

  it('documents: added, removed, required and condition changed', () => {
    const changes = changed((def) => {
      def.card.applicantDocuments[1]!.required = true;
      def.card.applicantDocuments.push({
        key: 'plan',
        name: 'Технический план',
        documentType: 'technical_plan',
        required: true,
        condition: '',
        clause: 'п. 2.6.1',
      });
      def.card.interagencyDocuments = def.card.interagencyDocuments.filter((d) => d.key !== 'egrul');
    });
    expect(changes.every((c) => c.area === 'documents')).toBe(true);
    expect(changes.map((c) => c.title)).toEqual([
      'Документ «Доверенность»: обязателен: нет → да',
      'Документ заявителя добавлен: «Технический план»',
      'Документ, получаемый по межведомственному запросу, исключён: «Сведения из ЕГРЮЛ»',
    ]);
  });

  it('stages: added, removed, term, responsible, actions, requests', () => {
    const changes = changed((def) => {
      stage(def, 'review').term = { amount: 5, unit: 'working_days' };
      stage(def, 'issue').responsible = { role: 'operator', unitRef: null };
      stage(def, 'approve').actions.pop();
      stage(def, 'decision').actions[0]!.label = 'Подготовить проект справки';
      stage(def, 'review').interagencyRequests[0]!.mode = 'parallel';
      stage(def, 'review').intraRequests = [];
      def.techMap.stages = def.techMap.stages.filter((s) => s.key !== 'withdrawn');
      def.techMap.stages.push({
        ...structuredClone(stage(def, 'issue')),
        key: 'archive',
        name: 'Передача в архив',
      });
    });
    const titles = changes.map((c) => c.title);
    expect(changes.every((c) => c.area === 'stages')).toBe(true);
    expect(titles).toEqual([
      'Этап «Заявление отозвано» исключён',
      'Этап «Межведомственные запросы и рассмотрение»: срок 7 рабочих дней → 5 рабочих дней',
      'Этап «Межведомственные запросы и рассмотрение»: запрос «Запрос выписки из ЕГРН»: порядок Этап ждёт ответа → Параллельно',
      'Этап «Межведомственные запросы и рассмотрение»: исключён запрос «Запрос сведений о муниципальном имуществе»',
      'Этап «Подготовка решения»: действие «Подготовить проект справки»: надпись «Подготовить справку» → «Подготовить проект справки»',
      'Этап «Подписание справки»: исключено действие «Вернуть на доработку (руководитель)»',
      'Этап «Выдача справки»: ответственный Сотрудник (general) → Оператор системы',
      'Этап «Передача в архив» добавлен',
    ]);
    const retarget = changed((def) => {
      stage(def, 'issue').actions[0]!.to = 'refused';
      stage(def, 'issue').actions[0]!.roles = ['head'];
      stage(def, 'issue').actions[0]!.reason = true;
    });
    expect(retarget.map((c) => c.title)).toEqual([
      'Этап «Выдача справки»: действие «Результат выдан»: ведёт к «Услуга предоставлена» → «Отказано в предоставлении услуги»',
      'Этап «Выдача справки»: действие «Результат выдан»: роли ответственный за этап → Руководитель подразделения',
      'Этап «Выдача справки»: действие «Результат выдан»: условия нет → с причиной',
    ]);
    expect(changes.find((c) => c.key === 'stage:review.term')).toMatchObject({
      kind: 'changed',
      before: '7 рабочих дней',
      after: '5 рабочих дней',
    });
  });

  it('form: fields added, removed, label, required, type', () => {
    const changes = changed((def) => {
      const fields = def.form.sections[1]!.fields;
      fields[0]!.label = 'Цель';
      fields[2]!.required = false;
      fields[3]!.type = 'text';
      def.form.sections[0]!.fields = def.form.sections[0]!.fields.filter((f) => f.key !== 'email');
      fields.push({ ...fields[2]!, key: 'second', label: 'Второй кадастровый номер' });
    });
    expect(changes.every((c) => c.area === 'form')).toBe(true);
    expect(changes.map((c) => [c.kind, c.key, c.title])).toEqual([
      ['removed', 'field:email', 'Поле «Электронная почта» исключено'],
      ['changed', 'field:purpose.label', 'Поле «Цель»: надпись «Цель получения справки» → «Цель»'],
      ['changed', 'field:cadastral.required', 'Поле «Кадастровый номер»: обязательное: да → нет'],
      ['changed', 'field:area.type', 'Поле «Площадь, кв. м»: тип Число → Строка'],
      ['added', 'field:second', 'Поле «Второй кадастровый номер» добавлено'],
    ]);
  });

  it('a stage moved in the list but unchanged is no change; keys match parts, not positions', () => {
    const changes = changed((def) => {
      def.techMap.stages.reverse();
      def.form.sections[1]!.fields.reverse();
    });
    expect(changes).toEqual([]);
  });
});
