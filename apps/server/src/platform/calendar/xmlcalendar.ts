import { daysInMonth, MAX_YEAR, MIN_YEAR } from './dates.js';
import type { XmlAttribute, XmlToken } from './xml-tokens.js';
import { xmlError, XmlTokenizer } from './xml-tokens.js';

/**
 * The "xmlcalendar" format (github.com/xmlcalendar/data), the public machine-readable form of the
 * production calendar:
 * `<calendar year=…><holidays><holiday id title/></holidays><days><day d="MM.DD" t=… [h] [f]/></days></calendar>`.
 */

/** 1 — day off; 2 — shortened working day (ТК РФ ст. 95); 3 — working Saturday or Sunday. */
export type XmlDayType = 1 | 2 | 3;

export interface XmlHoliday {
  id: string;
  title: string;
}

export interface XmlDay {
  /** `MM.DD`, month first. */
  d: string;
  t: XmlDayType;
  /** Id of a declared holiday; only on a day off. */
  h?: string;
  /** `MM.DD` of the same year the day off was moved from; only on a day off. */
  f?: string;
}

export interface XmlCalendar {
  year: number;
  lang?: string;
  /** Publication date as the file states it, free text (e.g. `2025.09.30`). */
  date?: string;
  country?: string;
  holidays: XmlHoliday[];
  days: XmlDay[];
}

export interface ParseXmlCalendarOptions {
  /** Refuse a file whose `year` attribute differs (e.g. the year its path or manifest names). */
  expectedYear?: number;
}

const OPTIONAL_CALENDAR_ATTRIBUTES = ['lang', 'date', 'country'] as const;
const HOLIDAY_ID = /^[A-Za-z0-9_-]+$/;
const MONTH_DAY = /^(\d\d)\.(\d\d)$/;

/** True when `MM.DD` is a real date in the year. */
export function isValidMonthDay(monthDay: string, year: number): boolean {
  const match = MONTH_DAY.exec(monthDay);
  if (!match) return false;
  const month = Number(match[1]);
  const day = Number(match[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function checkAttributes(token: XmlToken & { type: 'open' }, allowed: readonly string[]): void {
  for (const [name, attribute] of token.attributes) {
    if (!allowed.includes(name))
      throw xmlError(attribute.line, `неизвестный атрибут ${name} у <${token.name}>`);
  }
}

function required(token: XmlToken & { type: 'open' }, name: string): XmlAttribute {
  const attribute = token.attributes.get(name);
  if (!attribute) throw xmlError(token.line, `у <${token.name}> нет атрибута ${name}`);
  return attribute;
}

class CalendarParser {
  private readonly tokens: XmlTokenizer;
  private readonly open: { name: string; line: number }[] = [];

  constructor(text: string) {
    this.tokens = new XmlTokenizer(text);
  }

  private next(): XmlToken | null {
    const token = this.tokens.next();
    if (token === null) {
      const unclosed = this.open.at(-1);
      if (unclosed) throw xmlError(unclosed.line, `тег <${unclosed.name}> не закрыт`);
    }
    return token;
  }

  private unexpected(token: XmlToken | null, expected: string): never {
    if (token === null) throw xmlError(this.tokens.lineAt(Number.POSITIVE_INFINITY), `ожидался ${expected}`);
    const found = token.type === 'open' ? `<${token.name}>` : `</${token.name}>`;
    throw xmlError(token.line, `ожидался ${expected}, а найден ${found}`);
  }

  /** Reads the end tag of an element whose start tag was not self-closing. */
  private close(name: string): void {
    const token = this.next();
    if (token?.type !== 'close' || token.name !== name) this.unexpected(token, `</${name}>`);
    this.open.pop();
  }

  /** Reads the children of an open container, each a leaf `<child …/>`. */
  private children(
    container: XmlToken & { type: 'open' },
    child: string,
    visit: (token: XmlToken & { type: 'open' }) => void,
  ): void {
    if (container.selfClosing) return;
    this.open.push({ name: container.name, line: container.line });
    for (;;) {
      const token = this.next();
      if (token?.type === 'close' && token.name === container.name) break;
      if (token?.type !== 'open' || token.name !== child)
        this.unexpected(token, `<${child}> или </${container.name}>`);
      visit(token);
      if (!token.selfClosing) {
        this.open.push({ name: child, line: token.line });
        this.close(child);
      }
    }
    this.open.pop();
  }

  parse(options: ParseXmlCalendarOptions): XmlCalendar {
    const root = this.next();
    if (root?.type !== 'open' || root.name !== 'calendar') this.unexpected(root, '<calendar>');
    checkAttributes(root, ['year', ...OPTIONAL_CALENDAR_ATTRIBUTES]);
    const yearAttribute = required(root, 'year');
    const year = /^\d{4}$/.test(yearAttribute.value) ? Number(yearAttribute.value) : Number.NaN;
    if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
      throw xmlError(yearAttribute.line, `неверный год year="${yearAttribute.value}"`);
    }
    if (options.expectedYear !== undefined && year !== options.expectedYear) {
      throw xmlError(
        yearAttribute.line,
        `год year="${year}" не совпадает с ожидаемым ${options.expectedYear}`,
      );
    }
    const calendar: XmlCalendar = { year, holidays: [], days: [] };
    for (const name of OPTIONAL_CALENDAR_ATTRIBUTES) {
      const attribute = root.attributes.get(name);
      if (attribute) calendar[name] = attribute.value;
    }
    if (root.selfClosing) throw xmlError(root.line, 'нет раздела <days>');
    this.open.push({ name: 'calendar', line: root.line });

    let section = this.next();
    if (section?.type === 'open' && section.name === 'holidays') {
      checkAttributes(section, []);
      this.children(section, 'holiday', (token) => this.holiday(token, calendar));
      section = this.next();
    }
    if (section?.type !== 'open' || section.name !== 'days') this.unexpected(section, '<days>');
    checkAttributes(section, []);
    const seen = new Set<string>();
    this.children(section, 'day', (token) => this.day(token, calendar, seen));
    this.close('calendar');
    const trailing = this.next();
    if (trailing !== null) throw xmlError(trailing.line, 'после </calendar> допустимы только комментарии');
    return calendar;
  }

  private holiday(token: XmlToken & { type: 'open' }, calendar: XmlCalendar): void {
    checkAttributes(token, ['id', 'title']);
    const id = required(token, 'id');
    const title = required(token, 'title');
    if (!HOLIDAY_ID.test(id.value))
      throw xmlError(id.line, `неверный идентификатор праздника id="${id.value}"`);
    if (calendar.holidays.some((holiday) => holiday.id === id.value)) {
      throw xmlError(id.line, `праздник id="${id.value}" объявлен повторно`);
    }
    if (title.value.trim() === '') throw xmlError(title.line, `у праздника id="${id.value}" пустое название`);
    calendar.holidays.push({ id: id.value, title: title.value });
  }

  private day(token: XmlToken & { type: 'open' }, calendar: XmlCalendar, seen: Set<string>): void {
    checkAttributes(token, ['d', 't', 'h', 'f']);
    const d = required(token, 'd');
    const t = required(token, 't');
    const h = token.attributes.get('h');
    const f = token.attributes.get('f');
    if (!isValidMonthDay(d.value, calendar.year)) throw xmlError(d.line, `неверная дата "${d.value}"`);
    if (seen.has(d.value)) throw xmlError(d.line, `день "${d.value}" указан повторно`);
    seen.add(d.value);
    if (t.value !== '1' && t.value !== '2' && t.value !== '3') {
      throw xmlError(t.line, `неизвестный тип дня t="${t.value}"`);
    }
    const day: XmlDay = { d: d.value, t: Number(t.value) as XmlDayType };
    if (h) {
      if (day.t !== 1) throw xmlError(h.line, 'праздник h допустим только у нерабочего дня (t="1")');
      if (!calendar.holidays.some((holiday) => holiday.id === h.value)) {
        throw xmlError(h.line, `праздник h="${h.value}" не объявлен в <holidays>`);
      }
      day.h = h.value;
    }
    if (f) {
      if (day.t !== 1) throw xmlError(f.line, 'перенос f допустим только у нерабочего дня (t="1")');
      if (!isValidMonthDay(f.value, calendar.year))
        throw xmlError(f.line, `неверная дата переноса f="${f.value}"`);
      day.f = f.value;
    }
    calendar.days.push(day);
  }
}

/** Parses an xmlcalendar file; a malformed one is refused with a Russian message naming the line. */
export function parseXmlCalendar(text: string, options: ParseXmlCalendarOptions = {}): XmlCalendar {
  return new CalendarParser(text).parse(options);
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"\t\n\r]/g, (char) => `&#${char.charCodeAt(0)};`);
}

function attributes(pairs: [string, string | number | undefined][]): string {
  return pairs
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
}

/** Writes a calendar in the layout of the upstream files; `parseXmlCalendar` reads it back to equal data. */
export function writeXmlCalendar(calendar: XmlCalendar): string {
  const { year, lang, date, country } = calendar;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<calendar${attributes([
      ['year', year],
      ['lang', lang],
      ['date', date],
      ['country', country],
    ])}>`,
    '    <holidays>',
    ...calendar.holidays.map(
      (holiday) =>
        `        <holiday${attributes([
          ['id', holiday.id],
          ['title', holiday.title],
        ])}/>`,
    ),
    '    </holidays>',
    '    <days>',
    ...calendar.days.map(
      (day) =>
        `        <day${attributes([
          ['d', day.d],
          ['t', day.t],
          ['h', day.h],
          ['f', day.f],
        ])}/>`,
    ),
    '    </days>',
    '</calendar>',
    '',
  ];
  return lines.join('\n');
}
