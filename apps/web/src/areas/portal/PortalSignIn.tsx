import { useState } from 'react';
import { esiaPortalSignInUrl } from '../../api/endpoints';
import { usePortalMunicipalities } from '../../api/queries';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../lib/errors';

const REMEMBERED = 'portal.municipalityId';

/**
 * «Войти через Госуслуги» for applicants. The portal serves several municipalities: the applicant
 * signs in on one of them (remembered in this browser), where the sign-in is journaled.
 */
export function PortalSignIn({ returnTo = '/profile' }: { returnTo?: string }) {
  const { data: municipalities, error } = usePortalMunicipalities();
  const [chosen, setChosen] = useState<string>(() => localStorage.getItem(REMEMBERED) ?? '');

  if (error) return <Notice kind="error">{errorMessage(error)}</Notice>;
  if (!municipalities) return <p className="muted">Загрузка…</p>;
  // The remembered choice while it is still offered, else the first municipality.
  const selected = municipalities.some((m) => m.id === chosen) ? chosen : (municipalities[0]?.id ?? '');
  return (
    <div className="toolbar">
      {municipalities.length > 1 && (
        <div className="field">
          <div className="field-label">
            <label htmlFor="portal-municipality">Муниципальное образование</label>
          </div>
          <select
            id="portal-municipality"
            value={selected}
            onChange={(e) => {
              setChosen(e.target.value);
              localStorage.setItem(REMEMBERED, e.target.value);
            }}
          >
            {municipalities.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <a
        className="btn btn-primary"
        href={selected ? esiaPortalSignInUrl(selected, returnTo) : undefined}
        aria-disabled={!selected}
        data-testid="portal-esia-sign-in"
      >
        Войти через Госуслуги
      </a>
    </div>
  );
}
