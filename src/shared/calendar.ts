// Days and times as the units live them: in their time zone (⚙ TIME_ZONE, default Asia/Shanghai), whatever the
// machine's or the browser's zone. Calendar days are ISO strings (YYYY-MM-DD); day maths is on those, never on local
// Date fields. "Now" comes from an injectable clock, so every date rule can be tested on a fixed day.

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (tests). */
export const fixedClock = (instant: Date | string): Clock => {
  const at = new Date(instant);
  return { now: () => new Date(at.getTime()) };
};

/** A clock running from a given instant at real speed (browser tests that need a particular hour of the day). */
export const clockFrom = (instant: Date | string): Clock => {
  const offset = new Date(instant).getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
};

let activeClock: Clock = systemClock;
let activeZone = DEFAULT_TIME_ZONE;

/** Installs the process's clock and zone (the server at start; a test with its fixed day). */
export function installClock(clock: Clock, timeZone: string = activeZone): void {
  if (!isTimeZone(timeZone)) throw new Error(`unknown time zone ${timeZone}`);
  activeClock = clock;
  activeZone = timeZone;
}

export const now = (): Date => activeClock.now();
export const timeZone = (): string => activeZone;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(instant: Date, zone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(instant)) parts[part.type] = part.value;
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
}

/** The calendar day of an instant in the zone. */
export function dayIn(instant: Date, zone: string = activeZone): string {
  const p = partsIn(instant, zone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `YYYY-MM-DD HH:mm` (or with seconds) of an instant in the zone. */
export function dateTimeIn(instant: Date | string, zone: string = activeZone, withSeconds = false): string {
  const p = partsIn(new Date(instant), zone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${withSeconds ? `:${p.second}` : ''}`;
}

/** Today in the units' zone, by the clock. */
export const today = (): string => dayIn(now());

/** The instant a calendar day begins in the zone (for comparing stored timestamps with days). */
export function startOfDay(day: string, zone: string = activeZone): Date {
  // the zone's offset at noon of that day (offsets change at night, if ever)
  const noon = new Date(`${day}T12:00:00Z`);
  const p = partsIn(noon, zone);
  const offsetMs =
    Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - noon.getTime();
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetMs);
}

/** The first instant after the day ends (an "as of the end of day d" bound). */
export const endOfDay = (day: string, zone: string = activeZone): Date => startOfDay(addDays(day, 1), zone);

const DAY_MS = 86_400_000;
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + Math.round(days) * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
/** The last day of a month `YYYY-MM`. */
export const monthEnd = (month: string): string =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
/** `YYYY-MM` shifted by n months. */
export function shiftMonth(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How the zone is named beside a time where it could be read otherwise. */
export function zoneLabel(zone: string, lang: 'zh' | 'en'): string {
  if (zone === 'Asia/Shanghai' || zone === 'Asia/Chongqing' || zone === 'PRC') return lang === 'zh' ? '北京时间' : 'Beijing time';
  return zone;
}

/** Whole months from `from` to `to` (YYYY-MM). */
export const monthsBetween = (from: string, to: string): number =>
  Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - (Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)));

/** A wall-clock time of a day in the zone as an ISO timestamp with its offset: `2026-12-05T17:00:00+08:00`. */
export function zonedTime(day: string, time: string, zone: string = activeZone): string {
  const offsetMinutes = Math.round((Date.parse(`${day}T00:00:00Z`) - startOfDay(day, zone).getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${day}T${time}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** `now` under a name that does not clash with the many local `now`s of the server's code. */
export const clockNow = now;

/** The year of a calendar day (`YYYY-MM-DD`). */
export const calendarYear = (day: string): number => Number(day.slice(0, 4));
