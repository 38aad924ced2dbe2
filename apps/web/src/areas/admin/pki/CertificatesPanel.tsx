import {
  CertificateIssueSchema,
  PIN_LENGTH_MESSAGE,
  PIN_MAX_LENGTH,
  type Employee,
  type SigningCertificate,
} from '@uslugi/contracts';
import { useState } from 'react';
import { useCertificates, useEmployees, useIssueCertificate } from '../../../api/queries';
import { DataTable } from '../../../components/DataTable';
import { Form, FormFooter } from '../../../components/form/Form';
import { SelectField, TextField } from '../../../components/form/Field';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useApiForm } from '../../../lib/use-api-form';
import { RevokeDialog } from './RevokeDialog';
import './pki.css';

const STATUS: Record<SigningCertificate['status'], string> = {
  active: 'действует',
  expired: 'истёк',
  revoked: 'отозван',
};

interface IssueValues {
  employeeId: string;
  pin: string;
  pinRepeat: string;
}

/** Issues a certificate to an employee: the key is made in the system and protected by the PIN set here. */
function IssueForm({
  employees,
  onIssued,
}: {
  employees: Employee[];
  onIssued: (c: SigningCertificate) => void;
}) {
  const issue = useIssueCertificate();
  const api = useApiForm({
    schema: CertificateIssueSchema,
    defaultValues: { employeeId: '', pin: '', pinRepeat: '' } satisfies IssueValues,
    toRequest: ({ employeeId, pin }: IssueValues) => ({ employeeId, pin }),
    check: (values) =>
      values.pin !== values.pinRepeat ? { pinRepeat: 'Повтор PIN-кода: не совпадает с PIN-кодом' } : {},
    submit: (request) => issue.mutateAsync(request),
    onSuccess: (issued) => {
      api.form.reset({ employeeId: api.form.getValues('employeeId'), pin: '', pinRepeat: '' });
      onIssued(issued);
    },
  });
  const employeeId = api.form.watch('employeeId');

  return (
    <Form api={api} className="form issue-form" data-testid="issue-form">
      <h3>Выпустить сертификат</h3>
      <div className="form-grid">
        <SelectField<IssueValues>
          id="issue-employee"
          name="employeeId"
          label="Сотрудник"
          required
          emptyLabel="— выберите —"
          options={employees.filter((e) => !e.blocked).map((e) => ({ value: e.id, label: e.fullName }))}
        />
        <TextField<IssueValues>
          id="issue-pin"
          name="pin"
          label="PIN-код"
          type="password"
          autoComplete="new-password"
          required
          hint={PIN_LENGTH_MESSAGE}
        />
        <TextField<IssueValues>
          id="issue-pin-repeat"
          name="pinRepeat"
          label="Повтор PIN-кода"
          type="password"
          autoComplete="new-password"
          required
          maxLength={PIN_MAX_LENGTH}
        />
      </div>
      <p className="muted">
        Сообщите PIN-код сотруднику лично: система его не хранит. До первой подписи сотрудник должен задать
        собственный PIN-код («Сменить PIN-код» в разделе «Документы»): ваш PIN-код подходит только для этого.
      </p>
      <FormFooter api={api} submitDisabled={!employeeId} submit="Выпустить" />
    </Form>
  );
}

function CertificateState({ certificate: c }: { certificate: SigningCertificate }) {
  return (
    <>
      {STATUS[c.status]}
      {c.revokedAt && (
        <div className="muted">
          {formatDateTime(c.revokedAt)}: {c.revocationReason}
        </div>
      )}
      {c.lockedUntil && <div className="muted">ключ заблокирован до {formatDateTime(c.lockedUntil)}</div>}
      {c.status === 'active' && !c.ownPinSet && (
        <div className="muted">сотрудник ещё не задал собственный PIN-код</div>
      )}
    </>
  );
}

export function CertificatesPanel({ canManage }: { canManage: boolean }) {
  const certificates = useCertificates();
  const employees = useEmployees('', canManage);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [revoking, setRevoking] = useState<SigningCertificate | null>(null);

  return (
    <section className="panel" aria-labelledby="certificates-title">
      <h2 id="certificates-title">Сертификаты сотрудников</h2>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {certificates.error && <Notice kind="error">{errorMessage(certificates.error)}</Notice>}
      {!certificates.data ? (
        !certificates.error && <p className="muted">Загрузка…</p>
      ) : (
        <DataTable
          caption="Сертификаты сотрудников"
          data-testid="certificates-table"
          rows={certificates.data}
          rowKey={(c) => c.id}
          empty="Сертификатов нет."
          columns={[
            {
              header: 'Сотрудник',
              cell: (c) => (
                <>
                  {c.employeeName}
                  {c.subject.title && <div className="muted">{c.subject.title}</div>}
                </>
              ),
            },
            { header: 'Серийный номер', className: 'break', cell: (c) => <code>{c.serialNumber}</code> },
            {
              header: 'Действует',
              className: 'nowrap',
              cell: (c) => `${formatDateTime(c.notBefore)} — ${formatDateTime(c.notAfter)}`,
            },
            { header: 'Состояние', cell: (c) => <CertificateState certificate={c} /> },
            canManage && {
              header: 'Действия',
              hiddenHeader: true,
              className: 'cell-actions',
              cell: (c) =>
                c.status !== 'revoked' && (
                  <button
                    type="button"
                    className="btn btn-small btn-danger-outline"
                    onClick={() => setRevoking(c)}
                  >
                    Отозвать
                  </button>
                ),
            },
          ]}
        />
      )}
      {revoking && (
        <RevokeDialog
          certificate={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setRevoking(null);
            setNotice({
              kind: 'success',
              text: 'Сертификат отозван и внесён в список отозванных сертификатов.',
            });
          }}
        />
      )}
      {canManage && (
        <IssueForm
          employees={employees.data ?? []}
          onIssued={(issued) => {
            setNotice({ kind: 'success', text: `Сертификат ${issued.employeeName} выпущен.` });
          }}
        />
      )}
    </section>
  );
}
