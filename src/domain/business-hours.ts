/**
 * Business hours in a site's time zone: when the lead response SLA clock runs. A lead that arrives
 * on Friday evening is due on Monday morning, not overnight. Pure: the time zone arithmetic uses
 * only `Intl` (no clock, no I/O), and every instant is epoch ms.
 */
export interface BusinessHours {
  /** IANA time zone, e.g. Europe/Berlin. */
  timeZone: string;
  /** ISO weekdays the team works: 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Local hour the day starts (0–23) and ends (1–24, after start). */
  startHour: number;
  endHour: number;
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { timeZone: 'UTC', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 };

const HOUR = 3_600_000;
/** Far more days than any SLA spans; a safety stop for settings with almost no working time. */
const MAX_DAYS = 4_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether the name is a time zone this runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localTime(ms: number, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** The zone's offset from UTC at an instant, in ms (local = UTC + offset). */
function offsetAt(ms: number, timeZone: string): number {
  const t = localTime(ms, timeZone);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant a local wall-clock time names (the later reading when a DST change repeats or skips it). */
function instantOf(year: number, month: number, day: number, hour: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour);
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
}

function isoWeekday(year: number, month: number, day: number): number {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

interface Window {
  start: number;
  end: number;
  /** The next local day's midnight. */
  nextDay: number;
}

/** The working window of the local day that contains `ms` (start = end when it is not a working day). */
function windowOf(ms: number, hours: BusinessHours): Window {
  const t = localTime(ms, hours.timeZone);
  const next = new Date(Date.UTC(t.year, t.month - 1, t.day + 1));
  const nextDay = instantOf(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, hours.timeZone);
  if (!hours.days.includes(isoWeekday(t.year, t.month, t.day))) return { start: nextDay, end: nextDay, nextDay };
  const start = instantOf(t.year, t.month, t.day, hours.startHour, hours.timeZone);
  const end = hours.endHour >= 24 ? nextDay : instantOf(t.year, t.month, t.day, hours.endHour, hours.timeZone);
  return { start, end, nextDay };
}

function hasWorkingTime(hours: BusinessHours): boolean {
  return hours.days.length > 0 && hours.endHour > hours.startHour;
}

/**
 * The instant `hoursToAdd` business hours after `from`. With no working time configured the clock
 * runs around the clock, so an SLA is never infinite.
 */
export function addBusinessHours(from: number, hoursToAdd: number, hours: BusinessHours): number {
  let remaining = hoursToAdd * HOUR;
  if (remaining <= 0) return from;
  if (!hasWorkingTime(hours)) return from + remaining;
  let cursor = from;
  for (let day = 0; day < MAX_DAYS; day += 1) {
    const window = windowOf(cursor, hours);
    if (cursor < window.end) {
      const begin = Math.max(cursor, window.start);
      const available = window.end - begin;
      if (remaining <= available) return begin + remaining;
      remaining -= available;
    }
    // Guard against a zone whose midnight does not move the cursor forward.
    cursor = Math.max(window.nextDay, cursor + HOUR);
  }
  return from + hoursToAdd * HOUR;
}

/** Business hours between two instants (0 when `to` is not after `from`), to one decimal place. */
export function businessHoursBetween(from: number, to: number, hours: BusinessHours): number {
  if (to <= from) return 0;
  if (!hasWorkingTime(hours)) return Math.round(((to - from) / HOUR) * 10) / 10;
  let total = 0;
  let cursor = from;
  for (let day = 0; day < MAX_DAYS && cursor < to; day += 1) {
    const window = windowOf(cursor, hours);
    const begin = Math.max(cursor, window.start);
    const end = Math.min(to, window.end);
    if (end > begin) total += end - begin;
    cursor = Math.max(window.nextDay, cursor + HOUR);
  }
  return Math.round((total / HOUR) * 10) / 10;
}

