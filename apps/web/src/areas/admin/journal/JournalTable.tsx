import { Fragment, useState } from 'react';
import type { JournalEntry } from '@uslugi/contracts';
import { formatDateTime, shorten } from '../../../lib/format';

export function JournalTable({ entries }: { entries: JournalEntry[] }) {
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <table className="table" data-testid="journal-table">
      <thead>
        <tr>
          <th scope="col">Время</th>
          <th scope="col">Кто</th>
          <th scope="col">Действие</th>
          <th scope="col">Объект</th>
          <th scope="col">Хеш</th>
          <th scope="col">
            <span className="visually-hidden">Подробности</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.length === 0 && (
          <tr>
            <td colSpan={6} className="muted">
              Записей не найдено.
            </td>
          </tr>
        )}
        {entries.map((entry) => {
          const open = openId === entry.id;
          return (
            <Fragment key={entry.id}>
              <tr>
                <td className="nowrap">{formatDateTime(entry.recordedAt)}</td>
                <td>{entry.actorName}</td>
                <td>{entry.actionTitle}</td>
                <td>
                  {entry.objectTypeTitle}{' '}
                  <code className="muted" title={entry.objectId}>
                    {shorten(entry.objectId, 8)}
                  </code>
                </td>
                <td>
                  <code title={entry.hash}>{shorten(entry.hash, 12)}</code>
                </td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="btn btn-small btn-link"
                    aria-expanded={open}
                    onClick={() => setOpenId(open ? null : entry.id)}
                  >
                    {open ? 'Скрыть' : 'Подробнее'}
                  </button>
                </td>
              </tr>
              {open && (
                <tr className="row-details">
                  <td colSpan={6}>
                    <dl className="facts">
                      <dt>Номер записи</dt>
                      <dd>
                        <code>{entry.id}</code>
                      </dd>
                      <dt>Идентификатор объекта</dt>
                      <dd>
                        <code>{entry.objectId}</code>
                      </dd>
                      <dt>Хеш</dt>
                      <dd>
                        <code className="break">{entry.hash}</code>
                      </dd>
                      <dt>Содержание</dt>
                      <dd>
                        <pre className="payload">{JSON.stringify(entry.payload, null, 2)}</pre>
                      </dd>
                    </dl>
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
