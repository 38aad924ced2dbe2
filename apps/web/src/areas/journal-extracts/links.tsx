import type { ExtractScopeKindName } from '@uslugi/contracts';
import { Link, useLocation } from 'react-router-dom';
import { useSession } from '../../auth/session-context';
import { hasPermission } from '../../lib/roles';

/** The page of extracts in the area the user is in: the administration or the workplace. */
export function journalExtractsPath(pathname: string): string {
  return pathname === '/admin' || pathname.startsWith('/admin/')
    ? '/admin/journal/extracts'
    : '/arm/journal-extracts';
}

interface JournalExtractLinkProps {
  scope: Exclude<ExtractScopeKindName, 'period'>;
  objectId: string;
  /** What the extract is about, in words, shown in the form («Дело № 00012/2026», a name). */
  label: string;
}

/**
 * «Выписка из журнала» on a card: opens the form of extracts with the object filled in. Only for who may
 * make extracts (`journal.extract`).
 */
export function JournalExtractLink({ scope, objectId, label }: JournalExtractLinkProps) {
  const { user } = useSession();
  const { pathname } = useLocation();
  if (!hasPermission(user, 'journal.extract')) return null;
  const search = new URLSearchParams({ scope, objectId, label });
  return (
    <Link className="btn" to={`${journalExtractsPath(pathname)}?${search.toString()}`}>
      Выписка из журнала
    </Link>
  );
}
