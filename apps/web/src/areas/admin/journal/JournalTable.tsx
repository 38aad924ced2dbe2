import type { JournalEntry } from '@uslugi/contracts';
import { useState } from 'react';
import { DataTable } from '../../../components/DataTable';
import { formatDateTime, shorten } from '../../../lib/format';

function Details({ entry }: { entry: JournalEntry }) {
  return (
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
  );
}

export function JournalTable({ entries }: { entries: JournalEntry[] }) {
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <DataTable
      caption="Записи журнала"
      data-testid="journal-table"
      rows={entries}
      rowKey={(entry) => entry.id}
      empty="Записей не найдено."
      details={(entry) => openId === entry.id && <Details entry={entry} />}
      columns={[
        { header: 'Время', className: 'nowrap', cell: (entry) => formatDateTime(entry.recordedAt) },
        { header: 'Кто', cell: (entry) => entry.actorName },
        { header: 'Действие', cell: (entry) => entry.actionTitle },
        {
          header: 'Объект',
          cell: (entry) => (
            <>
              {entry.objectTypeTitle}{' '}
              <code className="muted" title={entry.objectId}>
                {shorten(entry.objectId, 8)}
              </code>
            </>
          ),
        },
        {
          header: 'Хеш',
          cell: (entry) => <code title={entry.hash}>{shorten(entry.hash, 12)}</code>,
        },
        {
          header: 'Подробности',
          hiddenHeader: true,
          className: 'cell-actions',
          cell: (entry) => {
            const open = openId === entry.id;
            return (
              <button
                type="button"
                className="btn btn-small btn-link"
                aria-expanded={open}
                onClick={() => setOpenId(open ? null : entry.id)}
              >
                {open ? 'Скрыть' : 'Подробнее'}
              </button>
            );
          },
        },
      ]}
    />
  );
}
