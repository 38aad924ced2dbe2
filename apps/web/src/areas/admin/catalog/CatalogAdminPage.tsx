import type { ServiceListItem } from '@uslugi/contracts';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useCatalogServices } from '../../../api/queries';
import { useSession } from '../../../auth/session-context';
import { DataTable } from '../../../components/DataTable';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { hasPermission } from '../../../lib/roles';
import { AddServiceDialog } from './AddServiceDialog';
import { ImportDialog } from './ImportDialog';
import { serviceState } from './state';
import './catalog.css';

type Notice = { kind: 'success' | 'error'; text: string; serviceId?: string } | null;

/** Matches the code or either name, whatever the case. */
function matches(service: ServiceListItem, query: string) {
  const q = query.toLocaleLowerCase('ru');
  return [service.code, service.name, service.shortName].some((text) =>
    text.toLocaleLowerCase('ru').includes(q),
  );
}

/** /admin/catalog «Услуги»: the municipality's services, their versions and publication. */
export function CatalogAdminPage() {
  const { user } = useSession();
  const canManage = hasPermission(user, 'catalog.manage');
  const services = useCatalogServices();
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<'add' | 'import' | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const rows = useMemo(() => {
    const all = services.data?.items ?? [];
    const q = query.trim();
    return q ? all.filter((service) => matches(service, q)) : all;
  }, [services.data, query]);

  return (
    <>
      <div className="page-header">
        <h1>Услуги</h1>
        <div className="toolbar">
          <label htmlFor="catalog-search" className="visually-hidden">
            Поиск услуг
          </label>
          <input
            id="catalog-search"
            type="search"
            className="search"
            placeholder="Поиск: код или наименование"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          {canManage && (
            <>
              <button type="button" className="btn btn-primary" onClick={() => setDialog('add')}>
                Добавить услугу
              </button>
              <button type="button" className="btn" onClick={() => setDialog('import')}>
                Загрузить из файла
              </button>
            </>
          )}
        </div>
      </div>
      {notice && (
        <Notice kind={notice.kind}>
          {notice.text}{' '}
          {notice.serviceId && <Link to={`/admin/catalog/${notice.serviceId}`}>Открыть услугу</Link>}
        </Notice>
      )}
      {services.error && <Notice kind="error">{errorMessage(services.error)}</Notice>}
      <section className="panel panel-flush" aria-label="Список услуг">
        {!services.data && !services.error ? (
          <p className="muted panel-pad">Загрузка…</p>
        ) : (
          <DataTable<ServiceListItem>
            caption="Услуги муниципального образования"
            data-testid="catalog-table"
            columns={[
              { header: 'Код', cell: (s) => <code>{s.code}</code>, className: 'nowrap' },
              {
                header: 'Наименование',
                cell: (s) => (
                  <>
                    <Link to={`/admin/catalog/${s.id}`}>{s.shortName || s.name}</Link>
                    {s.parentId && <div className="muted">Подуслуга</div>}
                  </>
                ),
              },
              { header: 'Ответственное подразделение', cell: (s) => s.responsibleUnit?.name ?? '—' },
              {
                header: 'Состояние',
                cell: (s) => (
                  <div className="badges">
                    {serviceState(s).map((badge) => (
                      <span key={badge.text} className={`badge badge-${badge.tone}`}>
                        {badge.text}
                      </span>
                    ))}
                  </div>
                ),
              },
            ]}
            rows={rows}
            rowKey={(s) => s.id}
            empty={query.trim() ? 'Ничего не найдено.' : 'Услуги ещё не заведены.'}
          />
        )}
      </section>
      {dialog === 'add' && (
        <AddServiceDialog
          onClose={() => setDialog(null)}
          onCreated={(id, name) => {
            setDialog(null);
            setNotice({
              kind: 'success',
              text: `Услуга «${name}» добавлена с черновиком версии 1.`,
              serviceId: id,
            });
          }}
        />
      )}
      {dialog === 'import' && (
        <ImportDialog
          onClose={() => setDialog(null)}
          onImported={(result, name) => {
            setDialog(null);
            setNotice({
              kind: 'success',
              text: result.created
                ? `Услуга «${name}» загружена из файла как новая, с черновиком версии 1.`
                : `Услуга «${name}» уже была в реестре: описание из файла сохранено как черновик новой версии.`,
              serviceId: result.serviceId,
            });
          }}
        />
      )}
    </>
  );
}
