import type { HeadDashboard } from '@uslugi/contracts';
import { Link } from 'react-router-dom';
import { DataTable } from '../../../components/DataTable';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useDashboard } from '../cases/api';
import { TermText } from '../cases/TermText';
import { ChartWithTable } from './charts';
import '../cases/cases.css';

type Load = HeadDashboard['load'][number];
type Violations = HeadDashboard['violationsByDay'][number];

/** Share of cases closed on time, in words. */
export function onTimeShare(closed: number, onTime: number): string {
  return closed === 0 ? '—' : `${Math.round((onTime / closed) * 100)} %`;
}

export function Totals({
  totals,
}: {
  totals: Omit<HeadDashboard['totals'], 'unassigned'> & { unassigned?: number };
}) {
  const items: Array<[string, number | string]> = [
    ['В работе', totals.open],
    ...(totals.unassigned !== undefined
      ? ([['Без исполнителя', totals.unassigned]] as Array<[string, number]>)
      : []),
    ['Срок истекает', totals.dueSoon],
    ['Просрочено', totals.overdue],
    ['Завершено за 30 дней', totals.closedLast30Days],
    ['Из них в срок', onTimeShare(totals.closedLast30Days, totals.closedOnTimeLast30Days)],
  ];
  return (
    <ul className="dashboard-totals" data-testid="dashboard-totals">
      {items.map(([label, value]) => (
        <li key={label}>
          <b>{value}</b>
          {label}
        </li>
      ))}
    </ul>
  );
}

/**
 * The head's control of terms (004 items 6, 10, 11; item 7 for late entries): the unit's open stages
 * and their terms, the overdue cases, each employee's load and the violations day by day.
 */
export function HeadDashboardPage() {
  const { data, error } = useDashboard();
  return (
    <>
      <div className="page-header">
        <h1>Контроль сроков{data?.unit ? `: ${data.unit.name}` : ''}</h1>
      </div>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {!data && !error && <p className="muted">Загрузка…</p>}
      {data && (
        <>
          <Totals totals={data.totals} />
          <section className="panel" aria-labelledby="stage-terms-title">
            <h2 className="panel-title" id="stage-terms-title">
              Сроки по этапам
            </h2>
            <DataTable
              caption="Открытые этапы и их сроки"
              rows={data.stageTerms}
              rowKey={(row) => `${row.serviceName}/${row.stageKey}`}
              empty="Открытых этапов нет."
              data-testid="stage-terms"
              columns={[
                { header: 'Услуга', cell: (row) => row.serviceName },
                { header: 'Этап', cell: (row) => row.stageName },
                { header: 'В работе', cell: (row) => row.open, className: 'num' },
                { header: 'Срок истекает', cell: (row) => row.dueSoon, className: 'num' },
                {
                  header: 'Просрочено',
                  cell: (row) => (row.overdue > 0 ? <b className="case-term-overdue">{row.overdue}</b> : 0),
                  className: 'num',
                },
              ]}
            />
          </section>
          <section className="panel" aria-labelledby="overdue-title">
            <h2 className="panel-title" id="overdue-title">
              Просроченные дела
            </h2>
            <DataTable
              caption="Просроченные дела"
              rows={data.overdueCases}
              rowKey={(row) => row.id}
              empty="Просроченных дел нет."
              data-testid="overdue-cases"
              columns={[
                {
                  header: 'Номер',
                  cell: (row) => <Link to={`/arm/cases/${row.id}`}>№ {row.registrationNumber}</Link>,
                },
                { header: 'Услуга', cell: (row) => row.service.shortName || row.service.name },
                { header: 'Этап', cell: (row) => row.stage.name },
                { header: 'Исполнитель', cell: (row) => row.executor?.name ?? 'не назначен' },
                {
                  header: 'Срок',
                  cell: (row) => (
                    <TermText term={row.stageTerm?.state === 'overdue' ? row.stageTerm : row.term} withDate />
                  ),
                },
              ]}
            />
          </section>
          <section className="panel" aria-labelledby="load-title">
            <h2 className="panel-title" id="load-title">
              Нагрузка сотрудников
            </h2>
            <ChartWithTable<Load>
              title="Дела в работе по сотрудникам"
              rows={data.load}
              category="name"
              categoryHeader="Сотрудник"
              series={[
                { key: 'open', name: 'В работе', color: '#1f4f8f' },
                { key: 'dueSoon', name: 'Срок истекает', color: '#c98a00' },
                { key: 'overdue', name: 'Просрочено', color: '#b3261e' },
                { key: 'closedLast30Days', name: 'Завершено за 30 дней', color: '#1e6b3a' },
              ]}
              empty="В подразделении нет дел в работе."
              data-testid="load-chart"
            />
          </section>
          <section className="panel" aria-labelledby="violations-title">
            <h2 className="panel-title" id="violations-title">
              Нарушения сроков за 30 дней
            </h2>
            <ChartWithTable<Violations>
              title="Нарушения сроков по дням"
              rows={data.violationsByDay}
              category="date"
              categoryHeader="День"
              series={[{ key: 'count', name: 'Нарушений', color: '#b3261e' }]}
              formatCategory={formatDate}
              empty="Нарушений сроков не было."
              data-testid="violations-chart"
            />
          </section>
          <section className="panel" aria-labelledby="late-title">
            <h2 className="panel-title" id="late-title">
              Внесено с опозданием
            </h2>
            <DataTable
              caption="Сведения, внесённые позже одного рабочего дня"
              rows={data.lateEntries}
              rowKey={(row) => `${row.kind}/${row.id}`}
              empty="Опозданий нет."
              columns={[
                { header: 'Что', cell: (row) => row.title },
                { header: 'Сотрудник', cell: (row) => row.employee },
                { header: 'Когда было', cell: (row) => formatDateTime(row.occurredAt) },
                { header: 'Когда внесено', cell: (row) => formatDateTime(row.enteredAt) },
              ]}
            />
          </section>
        </>
      )}
    </>
  );
}
