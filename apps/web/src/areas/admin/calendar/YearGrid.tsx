import type { CalendarDay, CalendarYear } from '@uslugi/contracts';
import { formatDate } from '../../../lib/format';

const MONTHS = [
  'Январь',
  'Февраль',
  'Март',
  'Апрель',
  'Май',
  'Июнь',
  'Июль',
  'Август',
  'Сентябрь',
  'Октябрь',
  'Ноябрь',
  'Декабрь',
];
const WEEKDAYS = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'];

/** The colour class of a day: the legend below the grid names each. */
export function dayClass(day: CalendarDay): string {
  const classes = ['day'];
  const type = day.reason.type;
  if (day.kind === 'dayoff') classes.push(type === 'weekend' ? 'day-weekend' : 'day-holiday');
  else if (type === 'working_weekend') classes.push('day-working-weekend');
  else if (day.kind === 'short') classes.push('day-short');
  if (type === 'local') classes.push('day-local');
  if (day.provisional) classes.push('day-provisional');
  return classes.join(' ');
}

/** Monday-first position of the month's first day. */
function leadingBlanks(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function MonthGrid({ month, days, today }: { month: number; days: CalendarDay[]; today: string }) {
  const first = days[0];
  if (!first) return null;
  const cells: (CalendarDay | null)[] = [...Array<null>(leadingBlanks(first.date)).fill(null), ...days];
  const weeks: (CalendarDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const offDays = days.filter((day) => day.kind === 'dayoff').length;
  return (
    <table className="month">
      <caption>
        {MONTHS[month]}{' '}
        <span className="muted month-summary">
          раб. {days.length - offDays}, вых. {offDays}
        </span>
      </caption>
      <thead>
        <tr>
          {WEEKDAYS.map((weekday) => (
            <th key={weekday} scope="col">
              {weekday}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, index) => (
          <tr key={index}>
            {Array.from({ length: 7 }, (_, column) => {
              const day = week[column];
              if (!day) return <td key={column} />;
              const label = `${formatDate(day.date)}: ${day.reasonText}${day.provisional ? ' (предварительно)' : ''}`;
              return (
                <td
                  key={column}
                  className={day.date === today ? `${dayClass(day)} day-today` : dayClass(day)}
                  title={label}
                  aria-label={label}
                  data-date={day.date}
                  data-kind={day.kind}
                >
                  {Number(day.date.slice(8, 10))}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Twelve month grids, Monday to Sunday; each day's reason on hover. */
export function YearGrid({ calendar, today }: { calendar: CalendarYear; today: string }) {
  const byMonth = MONTHS.map((_, month) =>
    calendar.days.filter((day) => Number(day.date.slice(5, 7)) === month + 1),
  );
  return (
    <div className="year-grid" data-testid="calendar-grid" data-year={calendar.year}>
      {byMonth.map((days, month) => (
        <MonthGrid key={month} month={month} days={days} today={today} />
      ))}
    </div>
  );
}

const LEGEND = [
  { className: 'day', label: 'Рабочий день' },
  { className: 'day day-weekend', label: 'Выходной день' },
  { className: 'day day-holiday', label: 'Нерабочий праздничный или перенесённый выходной день' },
  { className: 'day day-short', label: 'Сокращённый (предпраздничный) день' },
  { className: 'day day-working-weekend', label: 'Рабочий день вместо выходного (перенос)' },
  { className: 'day day-local', label: 'Решение муниципального образования' },
  { className: 'day day-provisional', label: 'Предварительно: календарь не утверждён' },
];

/** The colours, then every special day of the year with its reason. */
export function CalendarLegend({ calendar }: { calendar: CalendarYear }) {
  const special = calendar.days.filter(
    (day) => day.reason.type !== 'workday' && day.reason.type !== 'weekend',
  );
  return (
    <div className="calendar-legend" data-testid="calendar-legend">
      <ul className="legend-swatches">
        {LEGEND.map((item) => (
          <li key={item.label}>
            <span className={`legend-swatch ${item.className}`} aria-hidden="true" />
            {item.label}
          </li>
        ))}
      </ul>
      <h3>Особые дни {calendar.year} года</h3>
      {special.length === 0 ? (
        <p className="muted">Особых дней нет: только субботы и воскресенья.</p>
      ) : (
        <ul className="special-days">
          {special.map((day) => (
            <li key={day.date}>
              <span className={`legend-swatch ${dayClass(day)}`} aria-hidden="true" />
              <span className="nowrap">{formatDate(day.date)}</span> — {day.reasonText}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
