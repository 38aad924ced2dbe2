import { defineModule } from '../../platform/module.js';
import { orgRoutes } from './routes.js';

/** The municipality's organisation: units, positions, employees, their roles and СНИЛС changes. */
export const orgModule = defineModule({
  name: 'org',
  tables: ['employees', 'orgUnits', 'positions', 'employeeRoles', 'employeeSnilsChanges'],
  routes: orgRoutes,
  journalTitles: {
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
      'installation_admin.granted': 'Назначение администратора установки',
      'installation_admin.revoked': 'Снятие роли администратора установки',
    },
    objectTypes: {
      org_unit: 'Подразделение',
      position: 'Должность',
      employee: 'Сотрудник',
      installation_admin: 'Администратор установки',
    },
  },
});

export {
  employeeCard,
  employeeNames,
  employeePlaces,
  orgUnitDirectory,
  orgUnitNames,
  ownUnitAndBelow,
  type EmployeeCard,
} from './employee-card.js';
export {
  InstallationAdminError,
  setInstallationAdmin,
  type InstallationAdminChange,
} from './installation-admins.js';
export {
  admitEsiaIdentity,
  judgeEsiaIdentity,
  journalBindingRefusal,
  type BindingRefusal,
  type EsiaIdentity,
  type SignInMeta,
  type StaffRefusal,
} from './esia-binding.js';
export { employeesOfOwnUnitAndBelow } from './unit-employees.js';
export {
  employeesOfUnitAndBelow,
  ownUnitAndAbove,
  unitAndBelow,
  worksInUnitOrBelow,
} from './unit-ancestors.js';
export { employeeEmails, employeesWithRole, employeeUnit, unitHeads } from './unit-heads.js';
