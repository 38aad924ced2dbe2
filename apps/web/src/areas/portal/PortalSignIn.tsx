import { useState } from 'react';
import { esiaPortalSignInUrl } from '../../api/endpoints';
import { usePortalMunicipalities } from '../../api/queries';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../lib/errors';

/**
 * «Войти через Госуслуги» for applicants. Nothing is chosen in advance: the server sends the applicant
 * to the municipality they chose before, else to the one of the region in their Госуслуги address,
 * else asks them to choose after the sign-in. A visitor may name one for this sign-in (remembered by
 * the server as their choice); this browser keeps nothing.
 */
export function PortalSignIn({ returnTo = '/profile' }: { returnTo?: string }) {
  const { data: municipalities, error } = usePortalMunicipalities();
  const [chosen, setChosen] = useState('');
  const offered = municipalities?.some((m) => m.id === chosen) ? chosen : '';

  return (
    <div className="toolbar">
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {municipalities && municipalities.length > 1 && (
        <div className="field">
          <div className="field-label">
            <label htmlFor="portal-municipality">Муниципальное образование</label>
          </div>
          <select id="portal-municipality" value={offered} onChange={(e) => setChosen(e.target.value)}>
            <option value="">Определить по адресу из Госуслуг</option>
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
        href={esiaPortalSignInUrl({ municipalityId: offered || undefined, returnTo })}
        data-testid="portal-esia-sign-in"
      >
        Войти через Госуслуги
      </a>
    </div>
  );
}
