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
    'employee.snils_change_requested': 'Запрос на изменение СНИЛС сотрудника',
    'employee.snils_change_confirmed': 'Подтверждение изменения СНИЛС сотрудника',
    'employee.snils_change_rejected': 'Отклонение изменения СНИЛС сотрудника',
    'employee.snils_change_cancelled': 'Отзыв запроса на изменение СНИЛС сотрудника',
    'employee.esia_bound': 'Привязка сотрудника к учётной записи Госуслуг',
  },
  objectTypes: {
    org_unit: 'Подразделение',
    position: 'Должность',
    employee: 'Сотрудник',
  },
});
