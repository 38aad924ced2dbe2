import type { JournalEntry } from '@uslugi/contracts';
import { DataTable } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';
import { describeEntry, type JournalField } from './journal-details';

function FieldList({ fields, className }: { fields: JournalField[]; className?: string }) {
  return (
    <dl className={className ? `journal-fields ${className}` : 'journal-fields'}>
      {fields.map((field, index) => (
        <div key={`${field.label}-${index}`}>
          <dt>{field.label}</dt>
          <dd>
            {field.before !== undefined ? (
              <>
                <span className="journal-before">{field.before}</span>
                <span aria-label="изменено на"> → </span>
                {field.value}
              </>
            ) : (
              field.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The date and the time on lines of their own when the column is narrow. */
function When({ iso }: { iso: string }) {
  const [date, time] = formatDateTime(iso).split(', ');
  return (
    <>
      <span className="nowrap">{date}</span>
      {time && (
        <>
          {' '}
          <span className="nowrap">{time}</span>
        </>
      )}
    </>
  );
}

/** What an entry says, as labelled fields, and its technical data behind a closed disclosure. */
function EntryDetails({ entry }: { entry: JournalEntry }) {
  const { fields, technical } = describeEntry(entry);
  return (
    <>
      {fields.length > 0 && <FieldList fields={fields} />}
      <details className="journal-technical">
        <summary>Технические сведения</summary>
        <FieldList fields={technical} className="journal-fields-technical" />
      </details>
    </>
  );
}

export function JournalTable({ entries }: { entries: JournalEntry[] }) {
  return (
    <DataTable
      caption="Записи журнала"
      data-testid="journal-table"
      rows={entries}
      rowKey={(entry) => entry.id}
      empty="Записей не найдено."
      columns={[
        { header: 'Время', cell: (entry) => <When iso={entry.recordedAt} /> },
        { header: 'Кто', cell: (entry) => entry.actorName },
        { header: 'Действие', cell: (entry) => entry.actionTitle },
        {
          header: 'Объект',
          cell: (entry) => (
            <>
              <span className="journal-object-type">{entry.objectTypeTitle}</span>
              {entry.objectName && (
                <>
                  {' '}
                  <span className="journal-object-name">{entry.objectName}</span>
                </>
              )}
            </>
          ),
        },
        {
          header: 'Сведения',
          className: 'journal-details-cell',
          cell: (entry) => <EntryDetails entry={entry} />,
        },
      ]}
    />
  );
}
