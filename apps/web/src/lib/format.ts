const dateTimeFormat = new Intl.DateTimeFormat('ru-RU', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

export function shorten(value: string, length = 12): string {
  return value.length > length ? `${value.slice(0, length)}…` : value;
}

/** Brings 11 typed digits to the canonical "XXX-XXX-XXX YY"; anything else is left for the server to judge. */
export function normalizeSnils(input: string): string {
  const trimmed = input.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length !== 11) return trimmed;
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}`;
}

const WEEKDAYS = ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'];

/** `2026-05-27` → `27.05.2026`. */
export function formatDate(isoDate: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDate)
    ? `${isoDate.slice(8, 10)}.${isoDate.slice(5, 7)}.${isoDate.slice(0, 4)}`
    : isoDate;
}

/** The day of the week of a `YYYY-MM-DD` date, in words. */
export function weekdayName(isoDate: string): string {
  return WEEKDAYS[new Date(`${isoDate}T00:00:00Z`).getUTCDay()] ?? '';
}

/** Today's date `YYYY-MM-DD` in Moscow time, as the server counts municipal dates. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Moscow',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/**
 * A browser's user-agent string as people name it: «Chrome 156, Windows», «Safari 18, iOS»,
 * «Яндекс Браузер 25, Android»; «Неизвестный браузер» when nothing is recognised.
 */
export function formatUserAgent(userAgent: string | null | undefined): string {
  if (!userAgent?.trim()) return 'Неизвестный браузер';
  const browser = browserOf(userAgent);
  const system = systemOf(userAgent);
  if (!browser) return system ? `Неизвестный браузер, ${system}` : 'Неизвестный браузер';
  return system ? `${browser}, ${system}` : browser;
}

/** The brands that put their own token before the engine's (Edge, Opera, Yandex say Chrome too). */
const BROWSERS: Array<{ name: string; token: RegExp }> = [
  { name: 'Яндекс Браузер', token: /YaBrowser\/(\d+)/ },
  { name: 'Edge', token: /Edg(?:e|A|iOS)?\/(\d+)/ },
  { name: 'Opera', token: /(?:OPR|Opera|OPiOS)\/(\d+)/ },
  { name: 'Firefox', token: /(?:Firefox|FxiOS)\/(\d+)/ },
  { name: 'Chromium', token: /Chromium\/(\d+)/ },
  { name: 'Chrome', token: /(?:Chrome|CriOS)\/(\d+)/ },
];

function browserOf(userAgent: string): string | null {
  for (const { name, token } of BROWSERS) {
    const match = token.exec(userAgent);
    if (match) return `${name} ${match[1]}`;
  }
  // Safari names its version in Version/ and says Safari/ last; other WebKit browsers say more.
  const safari = /Version\/(\d+)(?:\.\d+)*.*Safari\//.exec(userAgent);
  if (safari) return `Safari ${safari[1]}`;
  return null;
}

function systemOf(userAgent: string): string | null {
  if (/iPhone|iPad|iPod/.test(userAgent)) return 'iOS';
  if (/Android/.test(userAgent)) return 'Android';
  if (/Windows/.test(userAgent)) return 'Windows';
  if (/Macintosh|Mac OS X/.test(userAgent)) return 'macOS';
  if (/CrOS/.test(userAgent)) return 'ChromeOS';
  if (/Linux|X11/.test(userAgent)) return 'Linux';
  return null;
}
