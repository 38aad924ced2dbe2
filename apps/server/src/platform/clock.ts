/** The source of "now"; tests inject a fixed one so nothing depends on the real date. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

// Municipalities do not carry their own time zone yet; the journal's periods use Moscow time too.
const MOSCOW_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Moscow',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date `YYYY-MM-DD` in the municipality's time zone (Moscow time for now). */
export function todayOf(clock: Clock): string {
  return MOSCOW_DATE.format(clock());
}

function moscow(at: Date, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', ...options }).format(at);
}

/** ДД.ММ.ГГГГ of an instant in Moscow time, as documents write dates. */
export function moscowDate(at: Date): string {
  return moscow(at, { day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** ЧЧ:ММ of an instant in Moscow time. */
export function moscowTime(at: Date): string {
  return moscow(at, { hour: '2-digit', minute: '2-digit' });
}

/** A date `YYYY-MM-DD` as ДД.ММ.ГГГГ. */
export function ruDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}.${m}.${y}`;
}
