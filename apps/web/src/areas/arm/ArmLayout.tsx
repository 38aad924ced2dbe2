import { useSession } from '../../auth/session-context';
import { SideLayout } from '../../components/SideLayout';
import { hasPermission } from '../../lib/roles';

export function ArmLayout() {
  const { user } = useSession();
  const links = [
    { to: '/arm', label: 'Главная', end: true },
    ...(hasPermission(user, 'applicants.read') ? [{ to: '/arm/applicants', label: 'Заявители' }] : []),
    ...(hasPermission(user, 'catalog.read') ? [{ to: '/arm/catalog', label: 'Каталог услуг' }] : []),
    ...(hasPermission(user, ['consultations.conduct', 'consultations.supervise'])
      ? [{ to: '/arm/consultations', label: 'Консультации' }]
      : []),
    ...(hasPermission(user, 'documents.read') ? [{ to: '/arm/documents', label: 'Документы' }] : []),
    ...(hasPermission(user, 'intake.accept') ? [{ to: '/arm/intake', label: 'Приём документов' }] : []),
    ...(hasPermission(user, 'applications.read') ? [{ to: '/arm/applications', label: 'Заявления' }] : []),
    ...(hasPermission(user, 'cases.read') ? [{ to: '/arm/cases', label: 'Дела' }] : []),
    ...(hasPermission(user, 'cases.supervise') ? [{ to: '/arm/dashboard', label: 'Контроль сроков' }] : []),
    ...(hasPermission(user, 'cases.lead')
      ? [{ to: '/arm/supervision', label: 'Сроки по подразделениям' }]
      : []),
    ...(hasPermission(user, 'smev.monitor') ? [{ to: '/arm/smev', label: 'Запросы СМЭВ' }] : []),
    ...(hasPermission(user, 'journal.extract')
      ? [{ to: '/arm/journal-extracts', label: 'Выписки из журнала' }]
      : []),
  ];
  return <SideLayout title="Рабочее место" links={links} />;
}
