/**
 * How an SLA clock reads, the same on every surface (issue panel, deal drawer): a span of time in
 * minutes under an hour, hours under two days, days beyond. Time left is rounded up ("within 5 h"
 * when 4 h 10 min are left: still true) and time overdue down ("overdue by 2 h" never
 * exaggerates), so the words never overstate the slack. Pure: the caller gives the span.
 */
export type SpanUnit = 'minutes' | 'hours' | 'days';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function spanOf(ms: number, round: 'up' | 'down'): { unit: SpanUnit; count: number } {
  const span = Math.abs(ms);
  const pick = (unit: number, name: SpanUnit) => {
    const exact = span / unit;
    return { unit: name, count: Math.max(1, round === 'up' ? Math.ceil(exact) : Math.floor(exact)) };
  };
  if (span < HOUR) return pick(MINUTE, 'minutes');
  if (span < 2 * DAY) return pick(HOUR, 'hours');
  return pick(DAY, 'days');
}
