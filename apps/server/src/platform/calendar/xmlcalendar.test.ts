import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { BUNDLED_CALENDAR_DIR, readBundledManifest } from './bundled.js';
import { daysInMonth } from './dates.js';
import type { XmlCalendar, XmlDay, XmlDayType } from './xmlcalendar.js';
import { parseXmlCalendar, writeXmlCalendar } from './xmlcalendar.js';

const manifest = await readBundledManifest();

/** A small valid file whose `<day>` lines start at line 7. */
function doc(days: string[], options: { year?: string; tail?: string[] } = {}): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<calendar year="${options.year ?? '2025'}" lang="ru">`,
    '    <holidays>',
    '        <holiday id="1" title="Новогодние каникулы"/>',
    '    </holidays>',
    '    <days>',
    ...days,
    ...(options.tail ?? ['    </days>', '</calendar>']),
  ].join('\n');
}

function refusal(text: string, options?: { expectedYear?: number }): string {
  try {
    parseXmlCalendar(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('validation');
    expect(appError.fields?.[0]?.message).toBe(appError.message);
    return appError.message;
  }
  throw new Error('the file was accepted');
}

describe('parseXmlCalendar', () => {
  it.each(manifest.files.map((file) => file.path))('round-trips the bundled %s', async (file) => {
    const text = await readFile(path.join(BUNDLED_CALENDAR_DIR, file), 'utf8');
    const parsed = parseXmlCalendar(text);
    expect(parseXmlCalendar(writeXmlCalendar(parsed))).toEqual(parsed);
    expect(parsed.days.length).toBeGreaterThan(20);
  });

  it('reads the data of a file', () => {
    const calendar = parseXmlCalendar(
      doc(['        <day d="01.01" t="1" h="1"/>', '        <day d="05.02" t="1" f="01.04"/>']),
    );
    expect(calendar).toEqual({
      year: 2025,
      lang: 'ru',
      holidays: [{ id: '1', title: 'Новогодние каникулы' }],
      days: [
        { d: '01.01', t: 1, h: '1' },
        { d: '05.02', t: 1, f: '01.04' },
      ],
    });
  });

  it('tolerates a BOM, no declaration, comments, CRLF, attribute order, quotes and whitespace', () => {
    const text = [
      '\uFEFF<!-- comment before the root -->',
      '<calendar  date=\'2024.12.01\'\tyear = "2025" >',
      '  <!-- a comment -->',
      '  <holidays><holiday title="Праздник &quot;А&quot; &amp; &#1041;" id="x-1"></holiday></holidays>',
      '  <days>',
      '    <day t="2" d="04.30" />',
      '    <day',
      '      h="x-1" t="1" d="05.01"/>',
      '    <day d="05.02" t="1"></day>',
      '  </days >',
      '</calendar>',
      '<!-- trailing comment -->',
      '',
    ].join('\r\n');
    expect(parseXmlCalendar(text)).toEqual({
      year: 2025,
      date: '2024.12.01',
      holidays: [{ id: 'x-1', title: 'Праздник "А" & Б' }],
      days: [
        { d: '04.30', t: 2 },
        { d: '05.01', t: 1, h: 'x-1' },
        { d: '05.02', t: 1 },
      ],
    });
  });

  it('accepts an empty holidays section or none, and 29 February in a leap year', () => {
    expect(
      parseXmlCalendar('<calendar year="2024"><holidays/><days><day d="02.29" t="3"/></days></calendar>')
        .days,
    ).toEqual([{ d: '02.29', t: 3 }]);
    expect(parseXmlCalendar('<calendar year="2024"><days/></calendar>')).toEqual({
      year: 2024,
      holidays: [],
      days: [],
    });
  });

  it.each([
    [
      'an impossible date',
      ['        <day d="01.01" t="1"/>', '        <day d="02.30" t="1"/>'],
      'Строка 8: неверная дата "02.30"',
    ],
    ['29 February in a common year', ['        <day d="02.29" t="1"/>'], 'Строка 7: неверная дата "02.29"'],
    ['a month 13', ['        <day d="13.01" t="1"/>'], 'Строка 7: неверная дата "13.01"'],
    ['a day-first date', ['        <day d="1.01" t="1"/>'], 'Строка 7: неверная дата "1.01"'],
    ['an unknown day type', ['        <day d="01.09" t="4"/>'], 'Строка 7: неизвестный тип дня t="4"'],
    [
      'an undeclared holiday',
      ['        <day d="01.01" t="1" h="1"/>', '        <day d="06.06" t="1" h="9"/>'],
      'Строка 8: праздник h="9" не объявлен в <holidays>',
    ],
    [
      'a duplicate day',
      ['        <day d="01.01" t="1"/>', '        <day d="01.02" t="1"/>', '        <day d="01.01" t="2"/>'],
      'Строка 9: день "01.01" указан повторно',
    ],
    [
      'a wrong transfer date',
      ['        <day d="05.02" t="1" f="02.30"/>'],
      'Строка 7: неверная дата переноса f="02.30"',
    ],
    [
      'a transfer on a working day',
      ['        <day d="05.02" t="2" f="01.04"/>'],
      'Строка 7: перенос f допустим только у нерабочего дня (t="1")',
    ],
    [
      'a holiday on a working day',
      ['        <day d="05.02" t="3" h="1"/>'],
      'Строка 7: праздник h допустим только у нерабочего дня (t="1")',
    ],
    ['a missing attribute', ['        <day d="05.02"/>'], 'Строка 7: у <day> нет атрибута t'],
    [
      'an unknown attribute',
      ['        <day d="05.02" t="1" x="1"/>'],
      'Строка 7: неизвестный атрибут x у <day>',
    ],
    ['a duplicate attribute', ['        <day d="05.02" t="1" t="2"/>'], 'Строка 7: атрибут t указан дважды'],
    [
      'an unquoted attribute',
      ['        <day d=05.02 t="1"/>'],
      'Строка 7: значение атрибута d должно быть в кавычках',
    ],
    [
      'an unknown element',
      ['        <day d="05.02" t="1"/>', '        <weekday d="05.03"/>'],
      'Строка 8: ожидался <day> или </days>, а найден <weekday>',
    ],
    [
      'text content',
      ['        <day d="05.02" t="1">выходной</day>'],
      'Строка 7: недопустимый текст "выходной"',
    ],
    [
      'a second days section',
      ['        <day d="05.02" t="1"/>', '    </days>', '    <!-- x -->', '    <days>'],
      'Строка 10: ожидался </calendar>, а найден <days>',
    ],
    [
      'a CDATA section',
      ['        <![CDATA[x]]>'],
      'Строка 7: конструкции <!DOCTYPE и <![CDATA[ не поддерживаются',
    ],
    [
      'a processing instruction',
      ['', '        <?php echo 1 ?>'],
      'Строка 8: инструкция обработки допустима только в начале файла',
    ],
    [
      'an unclosed comment',
      ['        <!-- no end', '        <day d="05.02" t="1"/>'],
      'Строка 7: комментарий не закрыт',
    ],
    ['a broken tag', ['        <day d="05.02" t="1"'], 'Строка 8: неверная запись атрибутов в теге <day>'],
    [
      'an unclosed quote',
      ['        <day t="1" d="05.02/>'],
      'Строка 7: не закрыта кавычка в значении атрибута d',
    ],
  ])('refuses %s', (_name, days, message) => {
    expect(refusal(doc(days))).toBe(message);
  });

  it('refuses unclosed and mismatched tags, naming the line of the open tag', () => {
    expect(refusal(doc(['        <day d="01.01" t="1"/>'], { tail: [] }))).toBe(
      'Строка 6: тег <days> не закрыт',
    );
    expect(refusal(doc(['        <day d="01.01" t="1"/>'], { tail: ['    </days>'] }))).toBe(
      'Строка 2: тег <calendar> не закрыт',
    );
    expect(refusal(doc(['        <day d="05.02"', '          t="1"'], { tail: [] }))).toBe(
      'Строка 7: тег <day> не закрыт',
    );
    expect(refusal(doc(['        <day d="01.01" t="1">', '        <day d="01.02" t="1"/>']))).toBe(
      'Строка 8: ожидался </day>, а найден <day>',
    );
    expect(refusal(doc([], { tail: ['    </holidays>', '</calendar>'] }))).toBe(
      'Строка 7: ожидался <day> или </days>, а найден </holidays>',
    );
    expect(
      refusal(doc([], { tail: ['    </days>', '</calendar>', '<calendar year="2026"><days/></calendar>'] })),
    ).toBe('Строка 9: после </calendar> допустимы только комментарии');
  });

  it('refuses a wrong or unexpected year', () => {
    expect(refusal(doc([], { year: '20x5' }))).toBe('Строка 2: неверный год year="20x5"');
    expect(refusal(doc([], { year: '1812' }))).toBe('Строка 2: неверный год year="1812"');
    expect(refusal(doc([]), { expectedYear: 2024 })).toBe(
      'Строка 2: год year="2025" не совпадает с ожидаемым 2024',
    );
    expect(refusal('<calendar lang="ru"><days/></calendar>')).toBe(
      'Строка 1: у <calendar> нет атрибута year',
    );
  });

  it('refuses other roots, other encodings, a DOCTYPE, entities it does not know and an empty file', () => {
    expect(refusal('<?xml version="1.0"?>\n<calendars/>')).toBe(
      'Строка 2: ожидался <calendar>, а найден <calendars>',
    );
    expect(
      refusal('<?xml version="1.0" encoding="windows-1251"?>\n<calendar year="2025"><days/></calendar>'),
    ).toBe('Строка 1: кодировка "windows-1251" не поддерживается, нужна UTF-8');
    expect(refusal('<!DOCTYPE calendar>\n<calendar year="2025"><days/></calendar>')).toBe(
      'Строка 1: конструкции <!DOCTYPE и <![CDATA[ не поддерживаются',
    );
    expect(refusal('<calendar year="2025">\n<holidays>\n<holiday id="1" title="a&nbsp;b"/>')).toBe(
      'Строка 3: неизвестная ссылка на символ "&nbsp;"',
    );
    expect(refusal('<calendar year="2025">\n<holidays>\n<holiday id="1" title="a & b"/>')).toBe(
      'Строка 3: неизвестная ссылка на символ "& b"',
    );
    expect(refusal('\n\n')).toBe('Строка 3: ожидался <calendar>');
    expect(refusal('<calendar year="2025"/>')).toBe('Строка 1: нет раздела <days>');
    expect(refusal('<calendar year="2025">\n<holidays>\n<holiday id="1" title=" "/>')).toBe(
      'Строка 3: у праздника id="1" пустое название',
    );
    expect(
      refusal('<calendar year="2025">\n<holidays>\n<holiday id="1" title="a"/><holiday id="1" title="b"/>'),
    ).toBe('Строка 3: праздник id="1" объявлен повторно');
  });
});

describe('writeXmlCalendar', () => {
  const monthDay = (year: number) =>
    fc
      .integer({ min: 1, max: 12 })
      .chain((month) =>
        fc.integer({ min: 1, max: daysInMonth(year, month) }).map((day) => [month, day] as const),
      )
      .map(([month, day]) => `${String(month).padStart(2, '0')}.${String(day).padStart(2, '0')}`);

  const calendarArbitrary = fc.integer({ min: 2000, max: 2100 }).chain((year) =>
    fc
      .record({
        holidays: fc.uniqueArray(
          fc.record({ id: fc.stringMatching(/^[a-z0-9]{1,4}$/), title: fc.string({ minLength: 1 }) }),
          {
            selector: (holiday) => holiday.id,
            maxLength: 5,
          },
        ),
        days: fc.uniqueArray(fc.record({ d: monthDay(year), t: fc.constantFrom<XmlDayType[]>(1, 2, 3) }), {
          selector: (day) => day.d,
          maxLength: 30,
        }),
        f: fc.array(monthDay(year), { maxLength: 30 }),
        lang: fc.option(fc.string(), { nil: undefined }),
      })
      .map(({ holidays, days, f, lang }): XmlCalendar => {
        const withRefs = days.map((day, i): XmlDay => {
          const holiday = holidays[i % Math.max(1, holidays.length)];
          if (day.t !== 1) return day;
          if (i % 3 === 0 && holiday) return { ...day, h: holiday.id };
          const from = f[i];
          return i % 3 === 1 && from ? { ...day, f: from } : day;
        });
        return { year, ...(lang === undefined ? {} : { lang }), holidays, days: withRefs };
      })
      .filter(({ holidays }) => holidays.every((holiday) => holiday.title.trim() !== '')),
  );

  it('writes what parses back to the same data', () => {
    fc.assert(
      fc.property(calendarArbitrary, (calendar) => {
        expect(parseXmlCalendar(writeXmlCalendar(calendar))).toEqual(calendar);
      }),
    );
  });
});
