import { CONSULTATION_STATES, CONSULTATION_STATE_TITLES, type Consultation } from '@uslugi/contracts';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useEmployees } from '../../../api/queries';
import { useSession } from '../../../auth/session-context';
import { DataTable } from '../../../components/DataTable';
import { Notice } from '../../../components/Notice';
import { errorWithFields } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { hasPermission } from '../../../lib/roles';
import { useConsultations, type ConsultationFilters } from './api';
import { RegisterConsultationDialog, useServiceOptions } from './RegisterConsultationDialog';
import { UnfinishedConsultations } from './UnfinishedConsultations';
import './consultations.css';

interface FilterValues {
  employeeId: string;
  serviceId: string;
  state: string;
  from: string;
  to: string;
  lateOnly: boolean;
}

const EMPTY: FilterValues = { employeeId: '', serviceId: '', state: '', from: '', to: '', lateOnly: false };

function filtersOf(values: FilterValues): ConsultationFilters {
  const value = (v: string) => (v === '' ? undefined : v);
  return {
    employeeId: value(values.employeeId),
    serviceId: value(values.serviceId),
    state: value(values.state),
    from: value(values.from),
    to: value(values.to),
    lateOnly: values.lateOnly ? 'true' : undefined,
  };
}

/** The list's filters: by employee (for a head), service, state, period, late entries only. */
function Filters({
  supervises,
  onApply,
}: {
  supervises: boolean;
  onApply: (f: ConsultationFilters) => void;
}) {
  const [values, setValues] = useState<FilterValues>(EMPTY);
  const employees = useEmployees('', supervises);
  const services = useServiceOptions();
  const set = (patch: Partial<FilterValues>) => setValues((v) => ({ ...v, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(filtersOf(values));
  };
  return (
    <form className="consultation-filters" onSubmit={submit} aria-label="Отбор консультаций">
      {supervises && (
        <div className="field">
          <label htmlFor="filter-employee">Сотрудник</label>
          <select
            id="filter-employee"
            value={values.employeeId}
            onChange={(e) => set({ employeeId: e.target.value })}
          >
            <option value="">Все</option>
            {(employees.data ?? []).map((e) => (
              <option key={e.id} value={e.id}>
                {e.fullName}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="filter-service">Услуга</label>
        <select
          id="filter-service"
          value={values.serviceId}
          onChange={(e) => set({ serviceId: e.target.value })}
        >
          <option value="">Все</option>
          {services.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-state">Состояние</label>
        <select id="filter-state" value={values.state} onChange={(e) => set({ state: e.target.value })}>
          <option value="">Все</option>
          {CONSULTATION_STATES.map((s) => (
            <option key={s} value={s}>
              {CONSULTATION_STATE_TITLES[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-from">С даты</label>
        <input
          id="filter-from"
          type="date"
          value={values.from}
          onChange={(e) => set({ from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-to">По дату</label>
        <input id="filter-to" type="date" value={values.to} onChange={(e) => set({ to: e.target.value })} />
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.lateOnly}
          onChange={(e) => set({ lateOnly: e.target.checked })}
        />{' '}
        Только внесённые с опозданием
      </label>
      <button type="submit" className="btn">
        Показать
      </button>
    </form>
  );
}

/**
 * «Консультации»: «Зарегистрировать консультацию», the employee's unfinished ones, and the list — their
 * own, or for a head (004 items 7, 10) those of their unit and the units below it, with filters.
 */
export function ConsultationsPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const conducts = hasPermission(user, 'consultations.conduct');
  const supervises = hasPermission(user, 'consultations.supervise');
  const [registering, setRegistering] = useState(false);
  const [filters, setFilters] = useState<ConsultationFilters>({});
  // The keyset pages visited: each entry is the cursor the page was asked with.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const before = cursors[cursors.length - 1] ?? null;
  const list = useConsultations(filters, before);
  const apply = (next: ConsultationFilters) => {
    setFilters(next);
    setCursors([null]);
  };
  return (
    <>
      <h1>Консультации</h1>
      {conducts && (
        <div className="form-actions">
          <button type="button" className="btn btn-primary" onClick={() => setRegistering(true)}>
            Зарегистрировать консультацию
          </button>
        </div>
      )}
      <UnfinishedConsultations />
      <section className="panel" aria-labelledby="list-title">
        <h2 id="list-title">{supervises ? 'Консультации подразделения' : 'Мои консультации'}</h2>
        <Filters supervises={supervises} onApply={apply} />
        {list.isError && <Notice kind="error">{errorWithFields(list.error)}</Notice>}
        <DataTable<Consultation>
          caption="Консультации"
          data-testid="consultations-table"
          rows={list.data?.items ?? []}
          rowKey={(c) => c.id}
          empty={list.isPending ? 'Загрузка…' : 'Консультаций нет'}
          columns={[
            {
              header: 'Начало',
              cell: (c) => <Link to={`/arm/consultations/${c.id}`}>{formatDateTime(c.startedAt)}</Link>,
            },
            supervises && { header: 'Сотрудник', cell: (c) => c.employee.name },
            { header: 'Услуга', cell: (c) => c.service.name },
            { header: 'Предмет', cell: (c) => c.subject.name },
            { header: 'Заявитель', cell: (c) => c.applicant?.name ?? '—' },
            {
              header: 'Состояние',
              cell: (c) => (
                <>
                  {CONSULTATION_STATE_TITLES[c.state]}
                  {c.lateEntry && <div className="badge-late">Внесено с опозданием</div>}
                </>
              ),
            },
          ]}
        />
        <div className="form-actions">
          {cursors.length > 1 && (
            <button type="button" className="btn" onClick={() => setCursors((c) => c.slice(0, -1))}>
              Назад
            </button>
          )}
          {list.data?.next && (
            <button
              type="button"
              className="btn"
              onClick={() => setCursors((c) => [...c, list.data?.next ?? null])}
            >
              Дальше
            </button>
          )}
        </div>
      </section>
      {registering && (
        <RegisterConsultationDialog
          onRegistered={(c) => {
            setRegistering(false);
            void navigate(`/arm/consultations/${c.id}`);
          }}
          onClose={() => setRegistering(false)}
        />
      )}
    </>
  );
}
