import { REGISTRY_AUTHORITY_KIND_TITLES, type ApplicantRecord, type Authority } from '@uslugi/contracts';
import { useEffect, useId, useState } from 'react';
import { AuthorityDialog } from './AuthorityDialog';
import { ApplicantPicker } from './ApplicantPicker';
import { useApplicantCard, useAuthorities, useAuthorityCheck } from './api';

export interface RepresentativeChoice {
  representative: ApplicantRecord;
  authority: Authority;
  /** Why these grounds do not let the representative act in this service today; null when they do. */
  problem: string | null;
}

export interface RepresentativePickerProps {
  /** The represented applicant (a registry record). */
  applicantId: string;
  /** The service applied for: the grounds are checked for it. */
  serviceId: string;
  value: RepresentativeChoice | null;
  /** The representative with one authority between them, and the check's problem (the caller blocks intake). */
  onChange: (choice: RepresentativeChoice | null) => void;
}

function ruDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

function authorityLabel(a: Authority): string {
  const parts: string[] = [REGISTRY_AUTHORITY_KIND_TITLES[a.kind]];
  if (a.documentNumber) parts.push(`№ ${a.documentNumber}`);
  if (a.documentDate) parts.push(`от ${ruDate(a.documentDate)}`);
  if (a.validUntil) parts.push(`до ${ruDate(a.validUntil)}`);
  return parts.join(' ');
}

/**
 * The applicant's representative and the grounds they act on (000 item 3.2: «убедиться в наличии у
 * представителя заявителя законных оснований»): a registry record of an individual and one of the
 * authorities between the two, or a new one; the server's check for the service is shown in red and
 * reported with the choice.
 */
export function RepresentativePicker({ applicantId, serviceId, value, onChange }: RepresentativePickerProps) {
  const id = useId();
  const [representative, setRepresentative] = useState<ApplicantRecord | null>(value?.representative ?? null);
  const [authorityId, setAuthorityId] = useState<string | null>(value?.authority.id ?? null);
  const [adding, setAdding] = useState(false);
  const authorities = useAuthorities(applicantId);
  const applicant = useApplicantCard(applicantId);
  const between = (authorities.data?.items ?? []).filter(
    (a) => a.applicantId === applicantId && a.representativeId === representative?.id && a.revokedAt === null,
  );
  const chosen = between.find((a) => a.id === authorityId) ?? null;
  const check = useAuthorityCheck(chosen?.id ?? null, serviceId);
  const problem = check.data ? check.data.problem : null;

  // Reports the choice once the check has answered (and again when it changes).
  useEffect(() => {
    if (!representative || !chosen) return;
    if (!check.data) return;
    if (value?.authority.id === chosen.id && value.problem === check.data.problem) return;
    onChange({ representative, authority: chosen, problem: check.data.problem });
  }, [representative?.id, chosen?.id, check.data]);

  function pickRepresentative(record: ApplicantRecord | null) {
    setRepresentative(record);
    setAuthorityId(null);
    onChange(null);
  }

  function pickAuthority(idValue: string) {
    setAuthorityId(idValue);
    if (value) onChange(null);
  }

  return (
    <div className="representative-picker" data-testid="representative-picker">
      <ApplicantPicker
        label="Представитель заявителя"
        kinds={['individual']}
        value={representative}
        onChange={pickRepresentative}
      />
      {representative && (
        <fieldset className="form-group">
          <legend id={`${id}-legend`}>Основание представительства</legend>
          {authorities.isLoading && <p className="muted">Загрузка…</p>}
          {authorities.isSuccess && between.length === 0 && (
            <p className="muted">Оснований между этим представителем и заявителем в реестре нет.</p>
          )}
          {between.length > 0 && (
            <ul className="authority-options">
              {between.map((a) => (
                <li key={a.id}>
                  <label>
                    <input
                      type="radio"
                      name={`${id}-authority`}
                      value={a.id}
                      checked={authorityId === a.id}
                      onChange={() => pickAuthority(a.id)}
                    />{' '}
                    {authorityLabel(a)}
                  </label>
                </li>
              ))}
            </ul>
          )}
          {chosen && check.isFetching && <p className="muted">Проверка основания…</p>}
          {chosen && problem && (
            <p className="authority-problem" role="alert" data-testid="authority-problem">
              {problem}
            </p>
          )}
          {chosen && check.data?.ok && (
            <p className="notice notice-success" role="status">
              Основание действует для этой услуги
            </p>
          )}
          {check.isError && <p className="authority-problem">Проверка не выполнена: {check.error.message}</p>}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setAdding(true)}
            disabled={!applicant.data}
          >
            Добавить основание
          </button>
        </fieldset>
      )}
      {adding && applicant.data && representative && (
        <AuthorityDialog
          applicant={applicant.data.record}
          representative={representative}
          onClose={() => setAdding(false)}
          onSaved={(authority) => {
            setAdding(false);
            setAuthorityId(authority.id);
          }}
        />
      )}
    </div>
  );
}
