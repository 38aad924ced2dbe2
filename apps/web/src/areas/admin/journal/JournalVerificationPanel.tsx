import { useVerifyJournal } from '../../../api/queries';
import { Notice } from '../../../components/Notice';
import { formatDateTime } from '../../../lib/format';
import { errorMessage } from '../../../lib/errors';

function seconds(ms: number): string {
  return `${(ms / 1000).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} с`;
}

/**
 * «Проверить целостность журнала» for the technical operator: the same check as
 * `npm run journal:verify`, run by the working server, so it needs no downtime.
 */
export function JournalVerificationPanel() {
  // The check is journaled: the mutation refreshes the journal, so its entry shows in the list below.
  const verify = useVerifyJournal();
  const running = verify.isPending;
  const result = verify.data ?? null;
  const error = verify.error ? errorMessage(verify.error) : null;

  const broken = result?.firstBroken;
  return (
    <section
      className="panel"
      aria-labelledby="journal-verification-title"
      data-testid="journal-verification"
    >
      <h2 id="journal-verification-title">Целостность журнала</h2>
      <p className="muted">
        Проверяются цепочки записей всей установки, печати и их подписи ГОСТ — без остановки системы. Проверка
        записывается в журнал.
      </p>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={running} onClick={() => verify.mutate()}>
          {running ? 'Проверка…' : 'Проверить целостность журнала'}
        </button>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {result && (
        <div data-testid="journal-verification-result">
          <Notice kind={result.ok ? 'success' : 'error'}>{result.summary}</Notice>
          <dl className="facts">
            <dt>Проверено</dt>
            <dd>
              записей: {result.entries}, потоков: {result.streams}, печатей: {result.seals}, из них с
              проверенной подписью: {result.signedSeals}
            </dd>
            <dt>Проверка</dt>
            <dd>
              начата {formatDateTime(result.startedAt)}, заняла {seconds(result.durationMs)}
            </dd>
            {broken?.entryId && (
              <>
                <dt>Запись журнала</dt>
                <dd>№ {broken.entryId}</dd>
              </>
            )}
            {broken?.stream && (
              <>
                <dt>Поток</dt>
                <dd className="break">
                  <code>{broken.stream}</code>
                  {broken.seq !== null && `, номер в потоке ${broken.seq}`}
                </dd>
              </>
            )}
            {broken?.sealId && (
              <>
                <dt>Печать</dt>
                <dd>№ {broken.sealId}</dd>
              </>
            )}
          </dl>
        </div>
      )}
    </section>
  );
}
