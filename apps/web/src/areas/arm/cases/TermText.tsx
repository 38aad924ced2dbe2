import type { TermStanding } from '@uslugi/contracts';
import { formatDate } from '../../../lib/format';

/**
 * Where a term stands, in the server's words («осталось 3 рабочих дня», «срок истёк 2 рабочих дня
 * назад»), highlighted when it is about to end or has ended (004 items 10, 11).
 */
export function TermText({ term, withDate = false }: { term: TermStanding; withDate?: boolean }) {
  return (
    <span className={`case-term case-term-${term.state}`} data-term-state={term.state}>
      {withDate && <>до {formatDate(term.dueDate)} — </>}
      {term.text}
    </span>
  );
}
