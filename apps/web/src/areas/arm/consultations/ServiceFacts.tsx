import type { ConsultationServiceFacts } from '@uslugi/contracts';

/**
 * What to explain (000 item 3.1), from the service's card in force: the documents the applicant brings,
 * those the administration obtains itself (210-ФЗ ст. 7 ч. 1 п. 2: never demanded), the term, the fee
 * and the grounds for refusal.
 */
export function ServiceFacts({ facts }: { facts: ConsultationServiceFacts }) {
  return (
    <section className="panel" aria-labelledby="facts-title" data-testid="consultation-facts">
      <h2 id="facts-title">Что разъяснить заявителю</h2>
      <h3>Документы, которые представляет заявитель</h3>
      {facts.applicantDocuments.length === 0 ? (
        <p className="muted">Не требуются</p>
      ) : (
        <ul>
          {facts.applicantDocuments.map((d) => (
            <li key={d.key}>
              {d.name}
              {!d.required && <span className="muted"> (необязательный)</span>}
              {d.condition && <span className="muted"> — {d.condition}</span>}
            </li>
          ))}
        </ul>
      )}
      {facts.interagencyDocuments.length > 0 && (
        <>
          <h3>Запрашиваются администрацией самостоятельно (не требуются от заявителя)</h3>
          <ul>
            {facts.interagencyDocuments.map((d) => (
              <li key={d.key}>{d.name}</li>
            ))}
          </ul>
        </>
      )}
      <h3>Срок предоставления услуги</h3>
      <p>{facts.termText}</p>
      <h3>Плата</h3>
      <p>{facts.feeText}</p>
      <h3>Основания для отказа в приёме документов</h3>
      {facts.intakeRefusalGrounds.length === 0 ? (
        <p className="muted">Не предусмотрены</p>
      ) : (
        <ul>
          {facts.intakeRefusalGrounds.map((g) => (
            <li key={g.key}>{g.text}</li>
          ))}
        </ul>
      )}
      <h3>Основания для отказа в предоставлении услуги</h3>
      {facts.serviceRefusalGrounds.length === 0 ? (
        <p className="muted">Не предусмотрены</p>
      ) : (
        <ul>
          {facts.serviceRefusalGrounds.map((g) => (
            <li key={g.key}>{g.text}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
