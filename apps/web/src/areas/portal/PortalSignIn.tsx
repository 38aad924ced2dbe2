import { useEffect, useState } from 'react';
import { esiaPortalSignInUrl, listPortalMunicipalities } from '../../api/endpoints';
import type { PortalMunicipality } from '@uslugi/contracts';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../lib/form-errors';

const REMEMBERED = 'portal.municipalityId';

/**
 * «Войти через Госуслуги» for applicants. The portal serves several municipalities: the applicant
 * signs in on one of them (remembered in this browser), where the sign-in is journaled.
 */
export function PortalSignIn({ returnTo = '/profile' }: { returnTo?: string }) {
  const [municipalities, setMunicipalities] = useState<PortalMunicipality[] | null>(null);
  const [selected, setSelected] = useState<string>(() => localStorage.getItem(REMEMBERED) ?? '');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    listPortalMunicipalities().then(
      (list) => {
        setMunicipalities(list);
        setSelected((current) => (list.some((m) => m.id === current) ? current : (list[0]?.id ?? '')));
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);

  if (error) return <Notice kind="error">{error}</Notice>;
  if (!municipalities) return <p className="muted">Загрузка…</p>;
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
              setSelected(e.target.value);
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
