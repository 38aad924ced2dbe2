import { registerJournalTitles } from '../../platform/journal/titles.js';

registerJournalTitles({
  actions: {
    'org_unit.created': 'Создание подразделения',
    'org_unit.updated': 'Изменение подразделения',
    'position.created': 'Создание должности',
    'employee.created': 'Создание сотрудника',
    'employee.updated': 'Изменение данных сотрудника',
    'employee.blocked': 'Блокировка сотрудника',
    'employee.unblocked': 'Разблокировка сотрудника',
    'employee.roles_assigned': 'Назначение ролей',
  },
  objectTypes: {
    org_unit: 'Подразделение',
    position: 'Должность',
    employee: 'Сотрудник',
  },
});
