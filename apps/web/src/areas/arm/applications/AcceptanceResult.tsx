import type { Acceptance } from '@uslugi/contracts';
import { formatDate, formatDateTime } from '../../../lib/format';
import { documentUrl, useReceiptOf } from './api';
import './applications.css';

/**
 * What «Принять» answers: the application is legally accepted (000 п. 3.2, 3.3) — its registration
 * number, the date and time, the last day of the service's term and the receipt to hand over.
 */
export function AcceptanceResult({ acceptance }: { acceptance: Acceptance }) {
  const later = useReceiptOf(acceptance.applicationId, acceptance.receiptDocumentId);
  const receiptId = acceptance.receiptDocumentId ?? later.data ?? null;
  return (
    <section className="panel acceptance" role="status" data-testid="acceptance-result">
      <h2>Заявление принято и зарегистрировано</h2>
      <dl className="arm-facts">
        <div>
          <dt>Регистрационный номер</dt>
          <dd data-testid="registration-number">{acceptance.registrationNumber}</dd>
        </div>
        <div>
          <dt>Дата и время регистрации</dt>
          <dd>{formatDateTime(acceptance.registeredAt)}</dd>
        </div>
        <div>
          <dt>Срок</dt>
          <dd>срок предоставления услуги — до {formatDate(acceptance.dueDate)}</dd>
        </div>
      </dl>
      <p>
        {receiptId ? (
          <a href={documentUrl(receiptId)} download data-testid="receipt-link">
            Скачать расписку в получении документов
          </a>
        ) : (
          <span data-testid="receipt-pending">Расписка в получении документов формируется…</span>
        )}
      </p>
    </section>
  );
}
