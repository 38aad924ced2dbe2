import { CertificateRevokeSchema, type SigningCertificate } from '@uslugi/contracts';
import { useRevokeCertificate } from '../../../api/queries';
import { Dialog } from '../../../components/Dialog';
import { Form, FormActions, FormAlert, SubmitButton } from '../../../components/form/Form';
import { TextField } from '../../../components/form/Field';
import { useApiForm } from '../../../lib/use-api-form';

interface RevokeDialogProps {
  certificate: SigningCertificate;
  onRevoked: () => void;
  onClose: () => void;
}

/** Asks for the reason of revocation: the journal keeps it; the CRL lists the certificate from now on. */
export function RevokeDialog({ certificate, onRevoked, onClose }: RevokeDialogProps) {
  const revoke = useRevokeCertificate();
  const api = useApiForm({
    schema: CertificateRevokeSchema,
    defaultValues: { reason: '' },
    toRequest: (values: { reason: string }) => ({ reason: values.reason.trim() }),
    submit: ({ reason }) => revoke.mutateAsync({ id: certificate.id, reason }),
    onSuccess: onRevoked,
  });

  return (
    <Dialog title="Отзыв сертификата" onClose={onClose}>
      <Form api={api}>
        <p>
          Сертификат сотрудника <strong>{certificate.employeeName}</strong> № {certificate.serialNumber} будет
          отозван. Подписи, сделанные до отзыва, остаются действительными; подписывать им больше нельзя.
        </p>
        <TextField<{ reason: string }>
          id="revoke-reason"
          name="reason"
          label="Причина отзыва"
          required
          multiline
        />
        <FormAlert error={api.general} />
        <FormActions>
          <SubmitButton api={api} className="btn btn-danger">
            Отозвать
          </SubmitButton>
          <button type="button" className="btn" onClick={onClose} disabled={api.pending}>
            Отмена
          </button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
