import { DocumentSignSchema } from '@uslugi/contracts';
import type { DocumentSignature, SigningCertificate, StoredDocument } from '@uslugi/contracts';
import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { useSignDocument } from '../../../api/queries';
import { Dialog } from '../../../components/Dialog';
import { Form, FormFooter } from '../../../components/form/Form';
import { TextField } from '../../../components/form/Field';
import { formatDateTime } from '../../../lib/format';
import { useApiForm } from '../../../lib/use-api-form';

interface SignDialogProps {
  document: StoredDocument;
  certificate: SigningCertificate;
  onSigned: (signature: DocumentSignature) => void;
  onClose: () => void;
  /** Opens «Сменить PIN-код»: a key the operator issued signs only after the owner set their own PIN. */
  onChangePin: () => void;
}

/** «Подписать»: the employee confirms with the PIN of their key; a wrong PIN signs nothing. */
export function SignDialog({ document, certificate, onSigned, onClose, onChangePin }: SignDialogProps) {
  const sign = useSignDocument();
  const [pinNotSet, setPinNotSet] = useState(!certificate.ownPinSet);
  const api = useApiForm({
    schema: DocumentSignSchema,
    defaultValues: { pin: '' },
    toRequest: (values: { pin: string }) => values,
    submit: async ({ pin }) => {
      try {
        return await sign.mutateAsync({ id: document.id, pin });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'pin_not_set') setPinNotSet(true);
        throw error;
      }
    },
    onSuccess: onSigned,
    clearOnError: ['pin'],
  });

  return (
    <Dialog title="Подписать документ" onClose={onClose}>
      <Form api={api} data-testid="sign-form">
        <p>
          Документ <strong>{document.title}</strong> будет подписан усиленной электронной подписью (ГОСТ Р
          34.10-2012).
        </p>
        <dl className="facts">
          <dt>Сертификат</dt>
          <dd>
            {certificate.subject.fullName}
            {certificate.subject.title ? `, ${certificate.subject.title}` : ''}
          </dd>
          <dt>Действует до</dt>
          <dd>{formatDateTime(certificate.notAfter)}</dd>
        </dl>
        {pinNotSet && (
          <div className="notice notice-warn" data-testid="pin-not-set">
            Ключ подписывает только после того, как вы зададите собственный PIN-код вместо полученного от
            оператора.{' '}
            <button type="button" className="btn-link" onClick={onChangePin}>
              Сменить PIN-код
            </button>
          </div>
        )}
        <TextField<{ pin: string }>
          id="sign-pin"
          name="pin"
          label="PIN-код ключа"
          type="password"
          inputMode="numeric"
          hint="После трёх неверных PIN-кодов подряд ключ блокируется на 15 минут"
        />
        <FormFooter api={api} pendingLabel="Подписание…" submit="Подписать" onCancel={onClose} />
      </Form>
    </Dialog>
  );
}
