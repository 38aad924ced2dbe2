import { CertificateRevokeSchema, type SigningCertificate } from '@uslugi/contracts';
import { useRevokeCertificate } from '../../../api/queries';
import { ReasonDialog } from '../../../components/ReasonDialog';

interface RevokeDialogProps {
  certificate: SigningCertificate;
  onRevoked: () => void;
  onClose: () => void;
}

/** Asks for the reason of revocation: the journal keeps it; the CRL lists the certificate from now on. */
export function RevokeDialog({ certificate, onRevoked, onClose }: RevokeDialogProps) {
  const revoke = useRevokeCertificate();
  return (
    <ReasonDialog
      title="Отзыв сертификата"
      schema={CertificateRevokeSchema}
      label="Причина отзыва"
      fieldId="revoke-reason"
      submitLabel="Отозвать"
      send={(reason) => revoke.mutateAsync({ id: certificate.id, reason })}
      onDone={onRevoked}
      onClose={onClose}
    >
      <p>
        Сертификат сотрудника <strong>{certificate.employeeName}</strong> № {certificate.serialNumber} будет
        отозван. Подписи, сделанные до отзыва, остаются действительными; подписывать им больше нельзя.
      </p>
    </ReasonDialog>
  );
}
