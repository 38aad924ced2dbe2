import type { Permission } from '@uslugi/contracts';
import { useSession } from '../../auth/session-context';
import { SideLayout, type SideLink } from '../../components/SideLayout';
import { hasPermission } from '../../lib/roles';

export const ADMIN_SECTIONS: (SideLink & { permission: readonly Permission[]; description: string })[] = [
  {
    to: '/admin/org-units',
    label: 'Подразделения',
    permission: ['org.read', 'org.manage'],
    description: 'Структурные подразделения и их руководители.',
  },
  {
    to: '/admin/employees',
    label: 'Сотрудники',
    permission: ['employees.read', 'employees.manage'],
    description: 'Учётные записи должностных лиц, роли, блокировка.',
  },
  {
    to: '/admin/catalog',
    label: 'Услуги',
    permission: ['catalog.read', 'catalog.manage'],
    description: 'Реестр услуг: карточки, технологические схемы, формы заявлений, версии и публикация.',
  },
  {
    to: '/admin/templates',
    label: 'Шаблоны документов',
    permission: ['templates.manage'],
    description: 'Шаблоны DOCX расписок, уведомлений, проектов решений и результатов; поля шаблонов.',
  },
  {
    to: '/admin/calendar',
    label: 'Производственный календарь',
    permission: ['calendar.manage', 'admin.access'],
    description: 'Выходные, переносы и сокращённые дни; решения муниципального образования; загрузка года.',
  },
  {
    to: '/admin/reference',
    label: 'Справочники',
    permission: ['reference.manage', 'reference.read'],
    description:
      'Виды документов, органы, виды сведений СМЭВ, основания для отказа, ОКТМО, коды подразделений.',
  },
  {
    to: '/admin/pki',
    label: 'Электронная подпись',
    permission: ['pki.read', 'pki.manage'],
    description: 'Сертификаты сотрудников, отзыв, доверенные удостоверяющие центры.',
  },
  {
    to: '/admin/intake-settings',
    label: 'Регистрационные номера',
    permission: ['intake.settings'],
    description: 'Формат регистрационных номеров заявлений.',
  },
  {
    to: '/admin/case-settings',
    label: 'Контроль сроков',
    permission: ['cases.settings'],
    description: 'За сколько рабочих дней предупреждать об истечении срока предоставления услуги.',
  },
  {
    to: '/admin/smev',
    label: 'Обмен через СМЭВ',
    permission: ['smev.monitor'],
    description: 'Межведомственные запросы по органам, просроченные ответы, ошибки; журнал сообщений СМЭВ.',
  },
  {
    to: '/admin/system',
    label: 'Сведения о системе',
    permission: ['admin.access'],
    description: 'Криптопровайдер ГОСТ, база данных, удостоверяющий центр установки.',
  },
  {
    to: '/admin/journal',
    label: 'Журнал операций',
    // Not lit on its sub-page of extracts, which has its own link.
    end: true,
    permission: ['journal.read'],
    description: 'Электронный журнал учёта операций.',
  },
  {
    to: '/admin/journal/extracts',
    label: 'Выписки из журнала',
    permission: ['journal.extract'],
    description:
      'Выписки из журнала операций для суда и органов контроля: PDF и подписанный файл для проверки.',
  },
];

export function AdminLayout() {
  const { user } = useSession();
  const links = ADMIN_SECTIONS.filter((section) => hasPermission(user, section.permission));
  return <SideLayout title="Администрирование" links={links} />;
}
