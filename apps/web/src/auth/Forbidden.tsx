import { ROLE_PERMISSIONS, ROLES, type Permission, type Role, type SessionUser } from '@uslugi/contracts';
import { Link, useLocation } from 'react-router-dom';
import { ADMIN_AREA, hasPermission, roleTitles } from '../lib/roles';
import './Forbidden.css';

/** The sections by address, longest first: the name an employee sees in the menu. */
const SECTIONS: readonly [string, string][] = [
  ['/arm/documents', 'Документы'],
  ['/arm', 'Рабочее место сотрудника'],
  ['/admin/org-units', 'Подразделения'],
  ['/admin/employees', 'Сотрудники'],
  ['/admin/calendar', 'Производственный календарь'],
  ['/admin/pki', 'Электронная подпись'],
  ['/admin/system', 'Сведения о системе'],
  ['/admin/journal', 'Журнал операций'],
  ['/admin', 'Администрирование'],
];

export function sectionOf(pathname: string): string {
  return (
    SECTIONS.find(([prefix]) => pathname === prefix || pathname.startsWith(`${prefix}/`))?.[1] ?? 'Раздел'
  );
}

/** The roles any of which opens what `permission` guards. */
export function rolesGranting(permission: Permission | readonly Permission[]): Role[] {
  const wanted: readonly Permission[] = typeof permission === 'string' ? [permission] : permission;
  return ROLES.filter((role) => ROLE_PERMISSIONS[role].some((p) => wanted.includes(p)));
}

/** Where the user works: the way back from a page they may not open. */
export function homeOf(user: SessionUser | null): { to: string; label: string } {
  if (hasPermission(user, 'arm.access')) return { to: '/arm', label: 'Вернуться на рабочее место' };
  if (hasPermission(user, ADMIN_AREA)) return { to: '/admin', label: 'Вернуться в администрирование' };
  return { to: '/', label: 'Перейти на портал' };
}

interface ForbiddenProps {
  user: SessionUser | null;
  /** What the page requires (any of a list). */
  permission: Permission | readonly Permission[];
}

/**
 * «Недостаточно прав» said in full: which section, which roles open it, what the user holds, whom to ask,
 * and the way back. Someone who may not sign here is told where signing is done.
 */
export function Forbidden({ user, permission }: ForbiddenProps) {
  const { pathname } = useLocation();
  const section = sectionOf(pathname);
  const granting = rolesGranting(permission);
  const home = homeOf(user);
  const installationOnly = granting.length > 0 && granting.every((role) => role === 'installation_admin');
  const signsElsewhere = pathname.startsWith('/arm') && !hasPermission(user, 'documents.sign');
  const signers = rolesGranting('documents.sign');
  return (
    <section className="forbidden panel" aria-labelledby="forbidden-title" data-testid="forbidden">
      <h1 id="forbidden-title">Недостаточно прав</h1>
      <p>
        Раздел «{section}» открыт сотрудникам с {granting.length === 1 ? 'ролью' : 'одной из ролей'}:{' '}
        {roleTitles(granting)}.{user && user.roles.length > 0 && <> Ваши роли: {roleTitles(user.roles)}.</>}
      </p>
      <p>
        {installationOnly
          ? 'Эту роль назначает администратор установки.'
          : 'Если раздел нужен вам для работы, обратитесь к оператору системы вашего муниципального образования.'}
      </p>
      {signsElsewhere && (
        <p data-testid="forbidden-signing">
          Документы подписываются в разделе «Документы» рабочего места сотрудника, сертификатом электронной
          подписи и его PIN-кодом. Подписывать может сотрудник с одной из ролей: {roleTitles(signers)}; если у
          вас есть сертификат, но нет этих ролей, попросите оператора назначить вам роль «Сотрудник».
        </p>
      )}
      <p>
        <Link className="btn" to={home.to}>
          {home.label}
        </Link>
      </p>
    </section>
  );
}
