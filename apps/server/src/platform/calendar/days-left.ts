/**
 * What a term's due date means today, in working days.
 * `ahead` — working days in (today, due], at least 1; `due_today`; `overdue` — working days in (due, today],
 * which is 0 on a day off right after the due date (the term has still run out).
 * `ends_on_day_off` — the due date is later but a day off with no working day before it: only a term with
 * the `exact` rule (or one awaiting recomputation after a calendar change) ends so; `todayWorking` tells
 * whether today is the last working day to meet it.
 */
export type DaysLeft =
  | { status: 'ahead'; workingDays: number }
  | { status: 'ends_on_day_off'; workingDays: 0; todayWorking: boolean }
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

/**
 * «осталось 3 рабочих дня», «срок истекает сегодня», «срок истёк 2 рабочих дня назад»; a term ending on a
 * day off with no working day left before it: «срок истекает в нерабочий день, сегодня последний рабочий
 * день» or «… рабочих дней до него не осталось» — never «осталось 0 рабочих дней».
 */
export function formatDaysLeft(left: DaysLeft): string {
  switch (left.status) {
    case 'ahead':
      return `осталось ${workingDays(left.workingDays)}`;
    case 'ends_on_day_off':
      return left.todayWorking
        ? 'срок истекает в нерабочий день, сегодня последний рабочий день'
        : 'срок истекает в нерабочий день, рабочих дней до него не осталось';
    case 'due_today':
      return 'срок истекает сегодня';
    case 'overdue':
      return left.workingDays === 0 ? 'срок истёк' : `срок истёк ${workingDays(left.workingDays)} назад`;
  }
}
