/**
 * Date operands of JQL: absolute dates (`2026-01-01`, `2026/01/01 14:30`), periods relative to now
 * (`-7d`, `4w 2d`, `-30m`) and the date functions. The sandbox's site runs in UTC, so a date without a
 * time means midnight UTC (Jira uses the searching user's time zone; see README).
 */

const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = { m: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE, w: 7 * 24 * 60 * MINUTE };

/** `-7d`, `4w 2d`, `+1h`, `-30m` → milliseconds (signed), or undefined when it is not a period. */
export function parsePeriod(text: string): number | undefined {
  const match = /^([-+])?\s*((?:\d+\s*[wdhm]\s*)+)$/i.exec(text.trim());
  if (!match) return undefined;
  const sign = match[1] === '-' ? -1 : 1;
  let total = 0;
  for (const part of match[2]!.matchAll(/(\d+)\s*([wdhm])/gi)) total += Number(part[1]) * UNIT_MS[part[2]!.toLowerCase()]!;
  return sign * total;
}

/** `yyyy-MM-dd`, `yyyy/MM/dd`, optionally followed by ` HH:mm` → epoch ms (UTC), or undefined. */
export function parseAbsoluteDate(text: string): number | undefined {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute] = [match[1], match[2], match[3], match[4] ?? '0', match[5] ?? '0'].map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC rolls 31 February into March; Jira rejects such dates.
  if (new Date(ms).getUTCDate() !== day) return undefined;
  return ms;
}

/** A date value as JQL reads it: a period relative to `now`, or an absolute date. */
export function parseDateValue(text: string, now: number): number | undefined {
  const period = parsePeriod(text);
  if (period !== undefined) return now + period;
  return parseAbsoluteDate(text);
}

const startOfUtcDay = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
};

/** JQL's date functions; an optional argument shifts the result, e.g. `startOfDay(-1d)`. */
export const DATE_FUNCTIONS: Record<string, (now: number) => number> = {
  now: (now) => now,
  startofday: (now) => startOfUtcDay(now),
  endofday: (now) => startOfUtcDay(now) + UNIT_MS.d! - 1,
  // Jira's weeks start on Sunday in the default locale.
  startofweek: (now) => startOfUtcDay(now) - new Date(now).getUTCDay() * UNIT_MS.d!,
  endofweek: (now) => startOfUtcDay(now) + (7 - new Date(now).getUTCDay()) * UNIT_MS.d! - 1,
  startofmonth: (now) => {
    const d = new Date(now);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  },
  endofmonth: (now) => {
    const d = new Date(now);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - 1;
  },
  startofyear: (now) => Date.UTC(new Date(now).getUTCFullYear(), 0, 1),
  endofyear: (now) => Date.UTC(new Date(now).getUTCFullYear() + 1, 0, 1) - 1,
};

export function evaluateDateFunction(name: string, args: string[], now: number): number | undefined {
  const fn = DATE_FUNCTIONS[name.toLowerCase()];
  if (!fn) return undefined;
  const base = fn(now);
  if (args.length === 0) return base;
  const arg = args[0]!.trim();
  // A bare number counts in the function's own unit: startOfDay(-1) is yesterday, startOfWeek(1) next week.
  if (/^[-+]?\d+$/.test(arg)) {
    const unit = /day$/i.test(name) ? 'd' : /week$/i.test(name) ? 'w' : undefined;
    return unit ? base + Number(arg) * UNIT_MS[unit]! : undefined;
  }
  const shift = parsePeriod(arg);
  return shift === undefined ? undefined : base + shift;
}

export const DATE_FORMAT_HINT = "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";
