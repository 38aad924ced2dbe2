import type { Supervision } from '@uslugi/contracts';
import { Notice } from '../../../components/Notice';
import { errorMessage } from '../../../lib/errors';
import { useSupervision } from '../cases/api';
import { ChartWithTable } from './charts';
import { onTimeShare, Totals } from './HeadDashboardPage';
import '../cases/cases.css';

type Unit = Supervision['units'][number];

/** The municipality's leadership (004 item 11): every unit's cases and terms side by side. */
export function SupervisionPage() {
  const { data, error } = useSupervision();
  return (
    <>
      <div className="page-header">
        <h1>Сроки по подразделениям</h1>
      </div>
      {error && <Notice kind="error">{errorMessage(error)}</Notice>}
      {!data && !error && <p className="muted">Загрузка…</p>}
      {data && (
        <>
          <Totals totals={data.totals} />
          <section className="panel" aria-labelledby="units-title">
            <h2 className="panel-title" id="units-title">
              Подразделения
            </h2>
            <ChartWithTable<Unit & { onTime: string }>
              title="Дела по подразделениям"
              rows={data.units.map((unit) => ({
                ...unit,
                onTime: onTimeShare(unit.closedLast30Days, unit.closedOnTimeLast30Days),
              }))}
              category="unitName"
              categoryHeader="Подразделение"
              series={[
                { key: 'open', name: 'В работе', color: '#1f4f8f' },
                { key: 'dueSoon', name: 'Срок истекает', color: '#c98a00' },
                { key: 'overdue', name: 'Просрочено', color: '#b3261e' },
                { key: 'closedLast30Days', name: 'Завершено за 30 дней', color: '#1e6b3a' },
              ]}
              empty="Дел пока нет."
              data-testid="units-chart"
            />
          </section>
        </>
      )}
    </>
  );
}
