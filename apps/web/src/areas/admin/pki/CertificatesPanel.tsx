import { useEffect, useState, type FormEvent } from 'react';
import { issueCertificate, listCertificates, listEmployees } from '../../../api/endpoints';
import type { Employee, SigningCertificate } from '@uslugi/contracts';
import { FormAlert, SelectField } from '../../../components/fields';
import { Notice } from '../../../components/Notice';
import { formatDateTime } from '../../../lib/format';
import { NO_ERRORS, errorMessage, toFormErrors, type FormErrors } from '../../../lib/form-errors';
import { RevokeDialog } from './RevokeDialog';

const STATUS: Record<SigningCertificate['status'], string> = {
  active: 'действует',
  expired: 'истёк',
  revoked: 'отозван',
};

/** Issues a certificate to an employee: the key is made in the system and protected by the PIN set here. */
function IssueForm({
  employees,
  onIssued,
}: {
  employees: Employee[];
  onIssued: (c: SigningCertificate) => void;
}) {
  const [employeeId, setEmployeeId] = useState('');
  const [pin, setPin] = useState('');
  const [pinRepeat, setPinRepeat] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pin !== pinRepeat) {
      setErrors({ general: null, fields: { pinRepeat: 'Повтор PIN-кода: не совпадает с PIN-кодом' } });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      onIssued(await issueCertificate(employeeId, pin));
      setPin('');
      setPinRepeat('');
    } catch (error) {
      setErrors(toFormErrors(error, ['employeeId', 'pin']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void handleSubmit(event)} data-testid="issue-form">
      <h3>Выпустить сертификат</h3>
      <FormAlert message={errors.general} />
      <div className="form-grid">
        <SelectField
          id="issue-employee"
          label="Сотрудник"
          required
          value={employeeId}
          onChange={setEmployeeId}
          emptyLabel="— выберите —"
          options={employees.filter((e) => !e.blocked).map((e) => ({ value: e.id, label: e.fullName }))}
          error={errors.fields.employeeId}
        />
        <PinField id="issue-pin" label="PIN-код" value={pin} onChange={setPin} error={errors.fields.pin} />
        <PinField
          id="issue-pin-repeat"
          label="Повтор PIN-кода"
          value={pinRepeat}
          onChange={setPinRepeat}
          error={errors.fields.pinRepeat}
        />
      </div>
      <p className="muted">
        Не короче 6 символов. Сообщите PIN-код сотруднику лично: система его не хранит. До первой подписи
        сотрудник должен задать собственный PIN-код («Сменить PIN-код» в разделе «Документы»): ваш PIN-код
        подходит только для этого.
      </p>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !employeeId}>
          Выпустить
        </button>
      </div>
    </form>
  );
}

function PinField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <div className={props.error ? 'field field-invalid' : 'field'}>
      <div className="field-label">
        <label htmlFor={props.id}>{props.label}</label>
      </div>
      <input
        id={props.id}
        type="password"
        autoComplete="new-password"
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.error && <div className="field-error">{props.error}</div>}
    </div>
  );
}

export function CertificatesPanel({ canManage }: { canManage: boolean }) {
  const [certificates, setCertificates] = useState<SigningCertificate[] | null>(null);
  const [employees, setEmployees] = useState<Employee[]>([]);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [revoking, setRevoking] = useState<SigningCertificate | null>(null);

  const reload = () =>
    listCertificates().then(setCertificates, (error: unknown) =>
      setNotice({ kind: 'error', text: errorMessage(error) }),
    );

  useEffect(() => {
    void reload();
    if (canManage) listEmployees().then(setEmployees, () => setEmployees([]));
  }, [canManage]);

  return (
    <section className="panel" aria-labelledby="certificates-title">
      <h2 id="certificates-title">Сертификаты сотрудников</h2>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {certificates === null ? (
        <p className="muted">Загрузка…</p>
      ) : certificates.length === 0 ? (
        <p className="muted">Сертификатов нет.</p>
      ) : (
        <table className="table" data-testid="certificates-table">
          <thead>
            <tr>
              <th scope="col">Сотрудник</th>
              <th scope="col">Серийный номер</th>
              <th scope="col">Действует</th>
              <th scope="col">Состояние</th>
              {canManage && <th scope="col" />}
            </tr>
          </thead>
          <tbody>
            {certificates.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.employeeName}
                  {c.subject.title && <div className="muted">{c.subject.title}</div>}
                </td>
                <td className="break">
                  <code>{c.serialNumber}</code>
                </td>
                <td className="nowrap">
                  {formatDateTime(c.notBefore)} — {formatDateTime(c.notAfter)}
                </td>
                <td>
                  {STATUS[c.status]}
                  {c.revokedAt && (
                    <div className="muted">
                      {formatDateTime(c.revokedAt)}: {c.revocationReason}
                    </div>
                  )}
                  {c.lockedUntil && (
                    <div className="muted">ключ заблокирован до {formatDateTime(c.lockedUntil)}</div>
                  )}
                  {c.status === 'active' && !c.ownPinSet && (
                    <div className="muted">сотрудник ещё не задал собственный PIN-код</div>
                  )}
                </td>
                {canManage && (
                  <td className="cell-actions">
                    {c.status !== 'revoked' && (
                      <button
                        type="button"
                        className="btn btn-small btn-danger-outline"
                        onClick={() => setRevoking(c)}
                      >
                        Отозвать
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
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
            void reload();
          }}
        />
      )}
      {canManage && (
        <IssueForm
          employees={employees}
          onIssued={(issued) => {
            setNotice({ kind: 'success', text: `Сертификат ${issued.employeeName} выпущен.` });
            void reload();
          }}
        />
      )}
    </section>
  );
}
