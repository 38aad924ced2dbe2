import { formatTerm } from '@uslugi/contracts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { usePortalServices } from '../../../api/queries';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import {
  MunicipalityChoice,
  inMunicipality,
  useCatalogMunicipality,
  useMunicipalityName,
} from './catalog-municipality';
import './services.css';

/** «Услуги»: what the chosen municipality offers, searched by name. */
export function ServicesPage() {
  const { id: municipalityId } = useCatalogMunicipality();
  const name = useMunicipalityName(municipalityId);
  const { data, error, isPending } = usePortalServices(municipalityId);
  const [search, setSearch] = useState('');

  if (!municipalityId) {
    return (
      <main className="content content-narrow">
        <h1>Услуги</h1>
        <MunicipalityChoice />
      </main>
    );
  }
  const words = search.trim().toLocaleLowerCase('ru').split(/\s+/).filter(Boolean);
  const items = (data?.items ?? []).filter((item) => {
    const haystack = `${item.name} ${item.shortName}`.toLocaleLowerCase('ru');
    // A sub-service is listed on its service's page, and found by a search.
    return words.length === 0 ? item.parentId === null : words.every((word) => haystack.includes(word));
  });
  return (
    <main className="content content-narrow">
      <h1>Услуги</h1>
      <p className="services-municipality">
        <span data-testid="catalog-municipality-name">{name ?? 'Муниципальное образование'}</span>{' '}
        <Link to="/services?choose">Выбрать другое</Link>
      </p>
      <div className="field services-search">
        <div className="field-label">
          <label htmlFor="services-search">Поиск по названию услуги</label>
        </div>
        <input
          id="services-search"
          type="search"
          value={search}
          maxLength={200}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {isPending && !error && <p className="muted">Загрузка…</p>}
      {data && (
        <>
          <p className="muted" role="status">
            {words.length > 0 ? `Найдено услуг: ${items.length}` : `Услуг: ${items.length}`}
          </p>
          {items.length === 0 ? (
            <p>
              {words.length > 0
                ? 'Услуг с таким названием нет. Измените запрос.'
                : 'Муниципальное образование пока не предоставляет услуг через портал.'}
            </p>
          ) : (
            <ul className="card-list services-list" data-testid="portal-services">
              {items.map((item) => (
                <li key={item.id} className="panel">
                  <Link
                    className="card-link"
                    to={inMunicipality(`/services/${item.id}`, municipalityId)}
                    data-testid="portal-service-link"
                  >
                    {item.name}
                  </Link>
                  <p className="muted">
                    Срок: {formatTerm(item.term)} · {item.free ? 'Бесплатно' : 'Платно'}
                  </p>
                  {item.responsibleUnit && <p className="muted">{item.responsibleUnit}</p>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </main>
  );
}
