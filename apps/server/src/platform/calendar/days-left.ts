/**
 * What a term's due date means today, in working days.
 * `ahead` — working days in (today, due]; `due_today`; `overdue` — working days in (due, today], which is 0
 * on a day off right after the due date (the term has still run out).
 */
export type DaysLeft =
  | { status: 'ahead'; workingDays: number }
  | { status: 'due_today'; workingDays: 0 }
  | { status: 'overdue'; workingDays: number };

/** Russian plural form: 1, 21 → one; 2–4, 22–24 → few; 0, 5–20, 25 → many. */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  const lastTwo = Math.abs(n) % 100;
  const last = lastTwo % 10;
  if (last === 1 && lastTwo !== 11) return one;
  if (last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14)) return few;
  return many;
}

function workingDays(n: number): string {
  return `${n} ${pluralRu(n, 'рабочий день', 'рабочих дня', 'рабочих дней')}`;
}

/** «осталось 3 рабочих дня», «срок истекает сегодня», «срок истёк 2 рабочих дня назад». */
export function formatDaysLeft(left: DaysLeft): string {
  switch (left.status) {
    case 'ahead':
      return `осталось ${workingDays(left.workingDays)}`;
    case 'due_today':
      return 'срок истекает сегодня';
    case 'overdue':
      return left.workingDays === 0 ? 'срок истёк' : `срок истёк ${workingDays(left.workingDays)} назад`;
  }
}
