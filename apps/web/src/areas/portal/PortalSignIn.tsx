import { useState } from 'react';
import { esiaPortalSignInUrl } from '../../api/endpoints';
import { usePortalMunicipalities } from '../../api/queries';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../lib/errors';

/** The applicant's own choice of a municipality in this browser. */
const CHOSEN = 'portal.municipalityId';
/** The municipality of the region in the applicant's ESIA address, learnt at their last sign-in. */
const HOME = 'portal.homeMunicipalityId';

function stored(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode): the choice holds for this page only.
  }
}

/** Remembers the applicant's choice: the next sign-in in this browser offers it first. */
export const rememberMunicipality = (id: string) => store(CHOSEN, id);
/** Remembers the municipality of the applicant's region, offered first while they have chosen none. */
export const rememberHomeMunicipality = (id: string) => store(HOME, id);

/**
 * «Войти через Госуслуги» for applicants. The portal serves several municipalities: the applicant
 * signs in on one of them, where the sign-in is journaled. Offered first: the applicant's own choice,
 * else the municipality of their region (by the ESIA address of an earlier sign-in), else the first.
 */
export function PortalSignIn({ returnTo = '/profile' }: { returnTo?: string }) {
  const { data: municipalities, error } = usePortalMunicipalities();
  const [chosen, setChosen] = useState<string>(() => stored(CHOSEN) || stored(HOME));

  if (error) return <Notice kind="error">{errorMessage(error)}</Notice>;
  if (!municipalities) return <p className="muted">Загрузка…</p>;
  // The remembered one while it is still offered, else the first municipality.
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
              rememberMunicipality(e.target.value);
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
