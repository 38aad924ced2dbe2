import { Link, useSearchParams } from 'react-router-dom';
import { usePortalMunicipalities } from '../../../api/queries';
import { useSession } from '../../../auth/session-context';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';

/** The applicant's own choice of a municipality in this browser (the sign-in offers it first too). */
const CHOSEN = 'portal.municipalityId';

function remembered(): string {
  try {
    return localStorage.getItem(CHOSEN) ?? '';
  } catch {
    return '';
  }
}

export function rememberCatalogMunicipality(id: string): void {
  try {
    localStorage.setItem(CHOSEN, id);
  } catch {
    // Storage refused (private mode): the choice stays in the page's address.
  }
}

/**
 * Whose services the catalog shows: the municipality named in the address, else the signed-in
 * applicant's, else the one chosen earlier in this browser; null when none (the visitor chooses).
 */
export function useCatalogMunicipality(): { id: string | null; choosing: boolean } {
  const [params] = useSearchParams();
  const { applicant } = useSession();
  if (params.has('choose')) return { id: null, choosing: true };
  const id = params.get('municipalityId') || applicant?.municipality.id || remembered() || null;
  return { id, choosing: false };
}

/** The address of a catalog page in a municipality. */
export const inMunicipality = (path: string, municipalityId: string) =>
  `${path}?${new URLSearchParams({ municipalityId }).toString()}`;

/** «Выберите муниципальное образование»: the list a visitor without a choice sees first. */
export function MunicipalityChoice() {
  const { data, error } = usePortalMunicipalities();
  if (error) return <Notice kind="error">{errorMessage(error)}</Notice>;
  if (!data) return <p className="muted">Загрузка…</p>;
  return (
    <section className="panel" aria-labelledby="choose-municipality">
      <h2 id="choose-municipality">Выберите муниципальное образование</h2>
      <p className="muted">Услуги предоставляет орган местного самоуправления по месту обращения.</p>
      <ul className="municipality-list">
        {data.map((m) => (
          <li key={m.id}>
            <Link
              to={inMunicipality('/services', m.id)}
              onClick={() => rememberCatalogMunicipality(m.id)}
              data-testid="catalog-municipality"
            >
              {m.name}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The municipality's name, from the list the portal offers. */
export function useMunicipalityName(id: string | null): string | null {
  const { data } = usePortalMunicipalities();
  return data?.find((m) => m.id === id)?.name ?? null;
}
