// Dates and times on every page in the units' zone (sent by the server with /me), never the browser's: an officer in
// a browser set to UTC sees the same 2026-12-01 04:05 as one in Yangzhou.
import dayjs, { type Dayjs } from 'dayjs';
import { dateTimeIn, systemClock, timeZone, installClock, zoneLabel } from '../shared/calendar.ts';
import { todayIso } from '../shared/projects/dates.ts';
import { currentLang, translate } from './i18n/index.tsx';

export function setTimeZone(zone: string): void {
  if (zone !== timeZone()) installClock(systemClock, zone);
}

/** `YYYY-MM-DD HH:mm` in the units' zone. */
export const formatDateTime = (iso: string | null | undefined, withSeconds = false): string =>
  iso ? dateTimeIn(iso, timeZone(), withSeconds) : '—';

/** The zone named after a column title where a time could be read as the browser's: 时间（北京时间）. */
export const inZone = (title: string): string => translate(currentLang(), 'inZone', { title, zone: zoneLabel(timeZone(), currentLang()) });

/** Today in the units' zone, as a day for date pickers and defaults. */
export const todayDay = (): Dayjs => dayjs(todayIso());
export const thisYear = (): number => Number(todayIso().slice(0, 4));
