import { Fragment, type ReactNode } from 'react';
import './data-table.css';

export interface Column<T> {
  /** The header; for a column of buttons, a header read only by screen readers. */
  header: string;
  hiddenHeader?: boolean;
  cell: (row: T) => ReactNode;
  className?: string;
}

interface DataTableProps<T> {
  /** What the table lists, said to screen readers (and shown with `showCaption`). */
  caption: string;
  showCaption?: boolean;
  columns: readonly (Column<T> | false | null | undefined)[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Shown in place of the rows when there are none, in Russian. */
  empty: string;
  rowProps?: (row: T) => { className?: string; 'data-testid'?: string };
  /** A row under a row (opened details), spanning the whole table. */
  details?: (row: T) => ReactNode;
  'data-testid'?: string;
}

/** A table of records: a caption, a header row, the rows, and a Russian empty state. */
export function DataTable<T>(props: DataTableProps<T>) {
  const columns = props.columns.filter((column): column is Column<T> => Boolean(column));
  // A table wider than its place scrolls inside its own box (focusable, so the keyboard scrolls it too):
  // no column is cut off and the page itself never scrolls sideways.
  return (
    <div className="table-scroll" role="region" aria-label={props.caption} tabIndex={0}>
      <table className="table" data-testid={props['data-testid']}>
        <caption className={props.showCaption ? 'table-caption' : 'visually-hidden'}>{props.caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.hiddenHeader ? (
                  <span className="visually-hidden">{column.header}</span>
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted table-empty">
                {props.empty}
              </td>
            </tr>
          )}
          {props.rows.map((row) => {
            const details = props.details?.(row);
            return (
              <Fragment key={props.rowKey(row)}>
                <tr {...props.rowProps?.(row)}>
                  {columns.map((column) => (
                    <td key={column.header} className={column.className}>
                      {column.cell(row)}
                    </td>
                  ))}
                </tr>
                {details && (
                  <tr className="row-details">
                    <td colSpan={columns.length}>{details}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
