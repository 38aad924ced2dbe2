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
