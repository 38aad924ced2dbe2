import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DataTable, type Column } from '../../../components/DataTable';

export interface Series<T> {
  key: keyof T & string;
  name: string;
  color: string;
}

interface ChartWithTableProps<T> {
  title: string;
  rows: readonly T[];
  /** The category of each bar (an employee, a day). */
  category: keyof T & string;
  categoryHeader: string;
  series: readonly Series<T>[];
  empty: string;
  /** Stacks the series in one bar (parts of a whole: open = ok + due soon + overdue). */
  stacked?: boolean;
  formatCategory?: (value: string) => string;
  'data-testid'?: string;
}

/**
 * A bar chart drawn by recharts with the same figures as a table beside it: the picture is for the
 * eye, the table for screen readers and for reading exact numbers.
 */
export function ChartWithTable<T extends Record<string, unknown>>(props: ChartWithTableProps<T>) {
  const format = props.formatCategory ?? ((value: string) => value);
  // recharts types its keys loosely (a string path into the row); the rows are plain records.
  const rows: Record<string, unknown>[] = [...props.rows];
  const categoryKey: string = props.category;
  const seriesKey = (series: Series<T>): string => series.key;
  const columns: Column<T>[] = [
    { header: props.categoryHeader, cell: (row) => format(String(row[props.category])) },
    ...props.series.map((series) => ({
      header: series.name,
      cell: (row: T): ReactNode => String(row[series.key] ?? 0),
      className: 'num',
    })),
  ];
  return (
    <figure className="chart-pair" data-testid={props['data-testid']}>
      <div
        className="chart-box"
        role="img"
        aria-label={`${props.title}: диаграмма, те же данные — в таблице`}
      >
        {props.rows.length === 0 ? (
          <p className="muted">{props.empty}</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 260 }}>
            <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey={categoryKey} tickFormatter={(value: string) => format(String(value))} />
              <YAxis allowDecimals={false} />
              <Tooltip labelFormatter={(value) => (typeof value === 'string' ? format(value) : '')} />
              <Legend />
              {props.series.map((series) => (
                <Bar
                  key={series.key}
                  dataKey={seriesKey(series)}
                  name={series.name}
                  fill={series.color}
                  stackId={props.stacked ? 'total' : undefined}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
      <figcaption>
        <DataTable<T>
          caption={props.title}
          showCaption
          rows={props.rows}
          rowKey={(row) => String(row[props.category])}
          empty={props.empty}
          columns={columns}
        />
      </figcaption>
    </figure>
  );
}
