import { useSession } from '../../../auth/session-context';
import { hasPermission } from '../../../lib/roles';
import { CertificatesPanel } from './CertificatesPanel';
import { TrustStorePanel } from './TrustStorePanel';

/** «Электронная подпись»: employees' certificates and the trusted certification authorities. */
export function PkiPage() {
  const { user } = useSession();
  const canManage = hasPermission(user, 'pki.manage');
  // The trust store is the whole installation's: only its administrator changes it.
  const canManageTrust = hasPermission(user, 'installation.manage');
  return (
    <>
      <h1>Электронная подпись</h1>
      <CertificatesPanel canManage={canManage} />
      <TrustStorePanel canManage={canManageTrust} />
    </>
  );
}
