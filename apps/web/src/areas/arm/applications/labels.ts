/** 1 день, 2 дня, 5 дней. */
export function plural(n: number, one: string, few: string, many: string): string {
  const abs = Math.abs(n) % 100;
  const last = abs % 10;
  if (abs > 10 && abs < 20) return many;
  if (last === 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}

const workingDays = (n: number) => `${n} ${plural(n, 'рабочий день', 'рабочих дня', 'рабочих дней')}`;

/** The working days left of a term: «осталось 5 рабочих дней», «последний день», «просрочено на 2 рабочих дня». */
export function daysLeftText(days: number | null): string {
  if (days === null) return '—';
  if (days > 0) return `${plural(days, 'остался', 'осталось', 'осталось')} ${workingDays(days)}`;
  if (days === 0) return 'последний день срока';
  return `просрочено на ${workingDays(-days)}`;
}

/** 004 item 7: the facts were entered later than one working day after the procedure. */
export const LATE_ENTRY = 'Внесено с опозданием';
