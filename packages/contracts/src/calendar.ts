import { z } from 'zod';
import { isoDate, line, text } from './text.js';

/** The years the work calendar answers for (apps/server/src/platform/calendar/dates.ts). */
export const CALENDAR_MIN_YEAR = 1900;
export const CALENDAR_MAX_YEAR = 2199;
/** Longest term the API computes: ten years of days is past any term a regulation sets. */
export const TERM_MAX_AMOUNT = 3650;

/** A calendar date in the years the work calendar answers for. */
const calendarDate = isoDate({
  min: `${CALENDAR_MIN_YEAR}-01-01`,
  max: `${CALENDAR_MAX_YEAR}-12-31`,
  message: `Дата вне лет, на которые ведётся календарь (${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR})`,
});

export const DayKindSchema = z.enum(['working', 'short', 'dayoff']);
export type DayKind = z.infer<typeof DayKindSchema>;

export const TermUnitSchema = z.enum(['working_days', 'calendar_days']);
export type TermUnit = z.infer<typeof TermUnitSchema>;

export const TermRuleSchema = z.enum(['exact', 'next_working_day_if_off']);
export type TermRule = z.infer<typeof TermRuleSchema>;

export const CalendarLayerSchema = z.enum(['federal', 'regional']);
export type CalendarLayerCode = z.infer<typeof CalendarLayerSchema>;

export const CalendarParamsSchema = z.object({
  municipalityId: z.uuid().describe('Муниципальное образование'),
});

export const CalendarDaysQuerySchema = z.object({
  year: z.coerce.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR).describe('Год'),
});

export const DayReasonTypeSchema = z.enum([
  'workday',
  'weekend',
  'holiday',
  'transfer',
  'nonworking',
  'working_weekend',
  'preholiday',
  'local',
]);

export const CalendarDaySchema = z.object({
  date: z.string(),
  kind: DayKindSchema,
  reason: z.object({
    type: DayReasonTypeSchema,
    /** The holiday's or the municipality's title. */
    title: z.string().optional(),
    /** Where a transferred day off came from. */
    from: z.string().optional(),
  }),
  /** The reason as a person reads it: «Нерабочий праздничный день: Курбан-байрам». */
  reasonText: z.string(),
  provisional: z.boolean(),
});
export type CalendarDay = z.infer<typeof CalendarDaySchema>;

export const CalendarYearSchema = z.object({
  year: z.number().int(),
  provisional: z.boolean(),
  days: z.array(CalendarDaySchema),
});
export type CalendarYear = z.infer<typeof CalendarYearSchema>;

const termAmount = (label: string) =>
  z.coerce.number().int().min(1).max(TERM_MAX_AMOUNT).optional().describe(label);

export const TermQuerySchema = z
  .object({
    from: calendarDate.describe('Дата начала отсчёта'),
    workingDays: termAmount('Количество рабочих дней'),
    calendarDays: termAmount('Количество календарных дней'),
    rule: TermRuleSchema.optional().describe('Правило окончания срока'),
  })
  .superRefine((query, ctx) => {
    if ((query.workingDays === undefined) === (query.calendarDays === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['workingDays'],
        message: 'Укажите количество либо рабочих, либо календарных дней',
      });
    }
    if (query.rule !== undefined && query.workingDays !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['rule'],
        message: 'Правило окончания применяется только к срокам в календарных днях',
      });
    }
  });
export type TermQuery = z.input<typeof TermQuerySchema>;

export const TermResultSchema = z.object({
  from: z.string(),
  dueDate: z.string(),
  /** The term crosses a year without a confirmed calendar: an estimate. */
  provisional: z.boolean(),
  /** For calendar days only; a term in working days has none. */
  rule: TermRuleSchema.nullable(),
  unit: TermUnitSchema,
  amount: z.number().int(),
  /** As seen today: «осталось 3 рабочих дня», «срок истёк». */
  daysLeftText: z.string().optional(),
});
export type TermResult = z.infer<typeof TermResultSchema>;

export const LocalDaySchema = z.object({
  id: z.string(),
  date: z.string(),
  kind: DayKindSchema,
  title: z.string(),
});
export type LocalDay = z.infer<typeof LocalDaySchema>;

export const LocalDayParamsSchema = CalendarParamsSchema.extend({
  id: z.uuid().describe('Идентификатор'),
});

export const LocalDaysQuerySchema = z.object({
  year: z.coerce.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR).optional().describe('Год'),
});

const localTitle = line().min(1).max(200).describe('Наименование');
const localKind = DayKindSchema.describe('Вид дня');

export const LocalDayCreateSchema = z.strictObject({
  date: calendarDate.describe('Дата'),
  kind: localKind,
  title: localTitle,
});
export type LocalDayCreate = z.input<typeof LocalDayCreateSchema>;

export const LocalDayUpdateSchema = z.strictObject({
  kind: localKind.optional(),
  title: localTitle.optional(),
});
export type LocalDayUpdate = z.input<typeof LocalDayUpdateSchema>;

export const CalendarImportSchema = z.strictObject({
  layer: CalendarLayerSchema.describe('Календарь'),
  xml: text({ trim: false }).min(1).max(500_000).describe('Файл календаря'),
  provisional: z.boolean().default(false).describe('Предварительный календарь'),
});
export type CalendarImportInput = z.input<typeof CalendarImportSchema>;

const dayBrief = z.object({ kind: DayKindSchema, reasonText: z.string() });

export const CalendarImportPreviewSchema = z.object({
  layer: CalendarLayerSchema,
  year: z.number().int(),
  provisional: z.boolean(),
  /** What the file replaces for this municipality: the file shipped with the system, an earlier import, nothing. */
  replaces: z.enum(['bundled', 'imported', 'none']),
  daysInFile: z.number().int(),
  /**
   * A regional file: how many of its days are the region's own. The others repeat the federal calendar and
   * are taken from the federal layer, so a later federal import decides them. Null for a federal file.
   */
  regionalDaysInFile: z.number().int().nullable(),
  /** Whether the municipality's year was provisional before and after the import. */
  provisionalBefore: z.boolean(),
  provisionalAfter: z.boolean(),
  /** The municipality's dates (its own decisions included) whose kind or reason changes. */
  differences: z.array(z.object({ date: z.string(), before: dayBrief, after: dayBrief })),
});
export type CalendarImportPreview = z.infer<typeof CalendarImportPreviewSchema>;

export const CalendarExportLayerSchema = z.enum(['effective', 'federal', 'regional']);
export type CalendarExportLayer = z.infer<typeof CalendarExportLayerSchema>;

export const CalendarExportQuerySchema = z.object({
  year: z.coerce.number().int().min(CALENDAR_MIN_YEAR).max(CALENDAR_MAX_YEAR).describe('Год'),
  /**
   * `effective` — the municipality's calendar as terms are computed on it (federal + regional + its own
   * days); `federal` — the federal file it uses for the year; `regional` — the region's own days of that year.
   */
  layer: CalendarExportLayerSchema.default('effective').describe('Что выгрузить'),
});
export type CalendarExportQuery = z.input<typeof CalendarExportQuerySchema>;

export const CalendarWarningSchema = z.object({
  code: z.enum(['year_missing', 'year_provisional']),
  year: z.number().int(),
  layer: CalendarLayerSchema,
  message: z.string(),
});
export type CalendarWarning = z.infer<typeof CalendarWarningSchema>;

export const CalendarStatusSchema = z.object({
  /** The municipality's region calendar, e.g. `tatarstan`; null: federal only. */
  region: z.string().nullable(),
  regionName: z.string(),
  /** The municipality's date today (Europe/Moscow). */
  today: z.string(),
  /** Years every layer has a file for; `provisionalYears` is the part of them still provisional. */
  loadedYears: z.array(z.number().int()),
  provisionalYears: z.array(z.number().int()),
  layers: z.array(
    z.object({
      layer: CalendarLayerSchema,
      title: z.string(),
      years: z.array(
        z.object({
          year: z.number().int(),
          origin: z.enum(['bundled', 'imported']),
          provisional: z.boolean(),
          source: z.string().nullable(),
          importedAt: z.string().nullable(),
        }),
      ),
    }),
  ),
  warnings: z.array(CalendarWarningSchema),
});
export type CalendarStatus = z.infer<typeof CalendarStatusSchema>;

export const NotificationSchema = z.object({
  id: z.string(),
  text: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type StaffNotification = z.infer<typeof NotificationSchema>;

export const NotificationListSchema = z.object({
  unread: z.number().int(),
  items: z.array(NotificationSchema),
});
export type NotificationList = z.infer<typeof NotificationListSchema>;
