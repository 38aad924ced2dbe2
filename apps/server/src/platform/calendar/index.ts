export type { IsoDate } from './dates.js';
export { MAX_YEAR, MIN_YEAR } from './dates.js';
export type { DaysLeft } from './days-left.js';
export { formatDaysLeft, pluralRu } from './days-left.js';
export { LABOUR_CODE_HOLIDAYS, TATARSTAN_FIXED_HOLIDAYS } from './fallback.js';
export type { BundledRegion, CalendarManifest } from './bundled.js';
export {
  BUNDLED_CALENDAR_DIR,
  federalDaysOf,
  loadBundledCalendar,
  loadBundledLayers,
  readBundledManifest,
} from './bundled.js';
export type {
  CalendarDayRule,
  CalendarLayer,
  CalendarYearFile,
  DayInfo,
  DayKind,
  DayReason,
  FixedHoliday,
  LocalDay,
  ResolvedDay,
} from './types.js';
export type { YearExportOptions } from './export.js';
export { yearToXmlCalendar } from './export.js';
export { regionalOwnDays } from './layers.js';
export type { WorkCalendarOptions } from './work-calendar.js';
export { WorkCalendar } from './work-calendar.js';
export type { ParseXmlCalendarOptions, XmlCalendar, XmlDay, XmlDayType, XmlHoliday } from './xmlcalendar.js';
export { parseXmlCalendar, writeXmlCalendar } from './xmlcalendar.js';
