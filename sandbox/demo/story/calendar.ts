/**
 * Working time for the story: sellers and the delivery lead act on weekdays between 09:00 and 17:00
 * UTC (the working day Relay's hand-off clock counts). Times are epoch milliseconds.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const DAY_START = 9;
const DAY_END = 17;

export function dayOf(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

export function isWorkday(ms: number): boolean {
  const weekday = new Date(ms).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The same time of day `days` working days later (or earlier, when negative). */
export function addWorkdays(ms: number, days: number): number {
  let at = ms;
  const step = days < 0 ? -DAY : DAY;
  for (let moved = 0; moved < Math.abs(days); ) {
    at += step;
    if (isWorkday(at)) moved += 1;
  }
  return at;
}

/** `minutes` into the working day of `day` (a weekday), e.g. 90 → 10:30. */
export function atWork(day: number, minutes: number): number {
  return dayOf(day) + DAY_START * HOUR + Math.max(0, Math.min(minutes, (DAY_END - DAY_START) * HOUR / MINUTE - 1)) * MINUTE;
}

/** The first working moment at or after `ms`. */
export function nextWorkingMoment(ms: number): number {
  let at = ms;
  for (let guard = 0; guard < 14; guard += 1) {
    const start = dayOf(at) + DAY_START * HOUR;
    const end = dayOf(at) + DAY_END * HOUR;
    if (isWorkday(at) && at < end) return Math.max(at, start);
    at = dayOf(at) + DAY;
  }
  return at;
}

/** The last working moment at or before `ms`. */
export function lastWorkingMoment(ms: number): number {
  let at = ms;
  for (let guard = 0; guard < 14; guard += 1) {
    const start = dayOf(at) + DAY_START * HOUR;
    const end = dayOf(at) + DAY_END * HOUR;
    if (isWorkday(at) && at >= start) return Math.min(at, end - MINUTE);
    at = dayOf(at) - MINUTE;
  }
  return at;
}

/** `hours` working hours after `ms` (Monday–Friday, 09:00–17:00 UTC). */
export function addWorkingHours(ms: number, hours: number): number {
  let remaining = hours * HOUR;
  let at = nextWorkingMoment(ms);
  for (let guard = 0; guard < 1000; guard += 1) {
    const end = dayOf(at) + DAY_END * HOUR;
    if (remaining <= end - at) return at + remaining;
    remaining -= end - at;
    at = nextWorkingMoment(end);
  }
  return at;
}
