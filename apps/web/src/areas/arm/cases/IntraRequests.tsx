import type { IntraRequestItem } from '@uslugi/contracts';
import { useState } from 'react';
import { DataTable } from '../../../components/DataTable';
import { Notice } from '../../../components/Notice';
import { formatDate, formatDateTime } from '../../../lib/format';
import { AnswerDialog } from './AnswerDialog';
import { useIntraRequests } from './api';

/**
 * Intra-agency requests of other units' cases awaiting my unit's answer: the addressed unit answers
 * here («Внести ответ») without opening the case itself.
 */
export function IntraRequests() {
  const { data } = useIntraRequests();
  const [answering, setAnswering] = useState<IntraRequestItem | null>(null);
  const [answered, setAnswered] = useState(false);
  if (!data || (data.items.length === 0 && !answered)) return null;
  return (
    <section className="panel panel-flush" aria-labelledby="intra-requests-title">
      <h2 className="panel-title panel-pad" id="intra-requests-title">
        Запросы моему подразделению
      </h2>
      {answered && <Notice kind="success">Ответ внесён.</Notice>}
      <DataTable<IntraRequestItem>
        caption="Внутриведомственные запросы, ожидающие ответа"
        rows={data.items}
        rowKey={(row) => row.id}
        empty="Запросов, ожидающих ответа, нет."
        data-testid="intra-requests"
        columns={[
          { header: 'Дело', cell: (row) => `№ ${row.registrationNumber}, ${row.serviceName}` },
          {
            header: 'Запрос',
            cell: (row) => (
              <>
                {row.name}
                {row.question && <div className="muted">{row.question}</div>}
              </>
            ),
          },
          { header: 'Направлен', cell: (row) => (row.sentAt ? formatDateTime(row.sentAt) : '—') },
          { header: 'Ответить до', cell: (row) => (row.dueDate ? formatDate(row.dueDate) : '—') },
          {
            header: 'Действия',
            hiddenHeader: true,
            cell: (row) => (
              <button type="button" className="btn" onClick={() => setAnswering(row)}>
                Внести ответ
              </button>
            ),
          },
        ]}
      />
      {answering && (
        <AnswerDialog
          caseId={answering.caseId}
          request={{
            id: answering.id,
            name: answering.name,
            addressee: answering.toUnit.name,
            question: answering.question,
          }}
          onDone={() => {
            setAnswering(null);
            setAnswered(true);
          }}
          onClose={() => setAnswering(null)}
        />
      )}
    </section>
  );
}
