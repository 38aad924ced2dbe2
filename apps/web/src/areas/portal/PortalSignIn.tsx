import { useState } from 'react';
import { esiaPortalSignInUrl } from '../../api/endpoints';
import { usePortalMunicipalities } from '../../api/queries';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../lib/errors';

const REMEMBERED = 'portal.municipalityId';

/** The municipality the applicant worked in last (their choice, or the one the server found for them). */
export function rememberMunicipality(id: string): void {
  try {
    localStorage.setItem(REMEMBERED, id);
  } catch {
    // Storage refused: the server still remembers it by the applicant's last session.
  }
}

function rememberedMunicipality(): string {
  try {
    return localStorage.getItem(REMEMBERED) ?? '';
  } catch {
    return '';
  }
}

/**
 * «Войти через Госуслуги» for applicants. The portal serves several municipalities: the applicant
 * signs in on one of them, where the sign-in is journaled. Without a choice the server takes the one
 * the applicant worked in last, else the one whose region is in the address Госуслуги give (Казань for
 * Республика Татарстан); the choice is remembered in this browser.
 */
export function PortalSignIn({ returnTo = '/profile' }: { returnTo?: string }) {
  const { data: municipalities, error } = usePortalMunicipalities();
  const [chosen, setChosen] = useState<string>(rememberedMunicipality);

  if (error) return <Notice kind="error">{errorMessage(error)}</Notice>;
  if (!municipalities) return <p className="muted">Загрузка…</p>;
  // The remembered choice while it is still offered, else «by the address in Госуслуги» (no id).
  const selected = municipalities.some((m) => m.id === chosen) ? chosen : '';
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
              if (e.target.value) rememberMunicipality(e.target.value);
            }}
          >
            <option value="">По адресу регистрации в Госуслугах</option>
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
        href={esiaPortalSignInUrl(selected || undefined, returnTo)}
        data-testid="portal-esia-sign-in"
      >
        Войти через Госуслуги
      </a>
    </div>
  );
}
