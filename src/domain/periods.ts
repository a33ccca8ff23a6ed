import { addMonths, format, isMatch, lastDayOfMonth, parse } from 'date-fns';

/**
 * Calendar dates ("YYYY-MM-DD", as close dates and contract dates are stored) and the months and
 * quarters reports group them by, with a configurable fiscal-year start month. A fiscal year is
 * named by the calendar year it ends in (FY2027 starts in February 2026 when the year starts in
 * February), the convention most finance teams and Salesforce's default use.
 *
 * Dates are handled as local calendar dates throughout (date-fns on local midnight), so a time zone
 * never shifts a day.
 */
export type IsoDate = string;
export type PeriodKind = 'month' | 'quarter' | 'year';

export interface FiscalCalendar {
  /** 1 = January … 12 = December. */
  startMonth: number;
}

export const CALENDAR_YEAR: FiscalCalendar = { startMonth: 1 };

export interface Period {
  kind: PeriodKind;
  /** "FY2027", "FY2027-Q1" or "FY2027-M01" (fiscal month 1); stable and sortable within a calendar. */
  key: string;
  fiscalYear: number;
  /** Quarter 1–4, fiscal month 1–12, or 1 for the year. */
  index: number;
  start: IsoDate;
  end: IsoDate;
}

const DATE_FORMAT = 'yyyy-MM-dd';

export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isMatch(text, DATE_FORMAT);
}

function toDate(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`"${date}" is not a date (YYYY-MM-DD)`);
  return parse(date, DATE_FORMAT, new Date(2000, 0, 1));
}

function toIso(date: Date): IsoDate {
  return format(date, DATE_FORMAT);
}

/** The calendar date of an instant (epoch ms) in UTC, which is how Relay stamps "today" for a site. */
const DAY_MS = 86_400_000;
/**
 * Day texts by day number (days since 1970 in UTC): metrics ask for the date of every deal's
 * timestamps in every period, and a Date and its ISO string per question cost seconds at 100,000 deals.
 */
const dayTexts = new Map<number, IsoDate>();

export function isoDateOf(epochMs: number): IsoDate {
  const day = Math.floor(epochMs / DAY_MS);
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayTexts.size > 100_000) dayTexts.clear();
    dayTexts.set(day, text);
  }
  return text;
}

/** A calendar date as a day number, checked as `toDate` checks it; remembered, as dates repeat across deals. */
const dayNumbers = new Map<IsoDate, number>();

function dayNumber(date: IsoDate): number {
  let n = dayNumbers.get(date);
  if (n === undefined) {
    const d = toDate(date);
    n = Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS);
    if (dayNumbers.size > 100_000) dayNumbers.clear();
    dayNumbers.set(date, n);
  }
  return n;
}

/** Calendar days from one date to another (what date-fns' differenceInCalendarDays gives for the local dates). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toDate(date);
  d.setDate(d.getDate() + days);
  return toIso(d);
}

function checkCalendar(calendar: FiscalCalendar): void {
  if (!Number.isInteger(calendar.startMonth) || calendar.startMonth < 1 || calendar.startMonth > 12) {
    throw new RangeError(`The fiscal year start month must be 1–12, not ${calendar.startMonth}`);
  }
}

/** The fiscal month (1–12) and fiscal year a date falls in. */
function fiscalPosition(date: Date, calendar: FiscalCalendar): { fiscalYear: number; fiscalMonth: number } {
  checkCalendar(calendar);
  const month = date.getMonth() + 1;
  const fiscalMonth = ((month - calendar.startMonth + 12) % 12) + 1;
  const fiscalYear = calendar.startMonth === 1 || month < calendar.startMonth ? date.getFullYear() : date.getFullYear() + 1;
  return { fiscalYear, fiscalMonth };
}

function fiscalYearStart(fiscalYear: number, calendar: FiscalCalendar): Date {
  return new Date(calendar.startMonth === 1 ? fiscalYear : fiscalYear - 1, calendar.startMonth - 1, 1);
}

function build(kind: PeriodKind, fiscalYear: number, index: number, calendar: FiscalCalendar): Period {
  const months = kind === 'year' ? 12 : kind === 'quarter' ? 3 : 1;
  const start = addMonths(fiscalYearStart(fiscalYear, calendar), (index - 1) * months);
  const end = lastDayOfMonth(addMonths(start, months - 1));
  const key = kind === 'year' ? `FY${fiscalYear}` : kind === 'quarter' ? `FY${fiscalYear}-Q${index}` : `FY${fiscalYear}-M${String(index).padStart(2, '0')}`;
  return { kind, key, fiscalYear, index, start: toIso(start), end: toIso(end) };
}

export function periodOf(date: IsoDate, kind: PeriodKind, calendar: FiscalCalendar = CALENDAR_YEAR): Period {
  const { fiscalYear, fiscalMonth } = fiscalPosition(toDate(date), calendar);
  return build(kind, fiscalYear, kind === 'year' ? 1 : kind === 'quarter' ? Math.ceil(fiscalMonth / 3) : fiscalMonth, calendar);
}

/** The period `offset` periods after (negative: before) the given one. */
export function shiftPeriod(period: Period, offset: number, calendar: FiscalCalendar = CALENDAR_YEAR): Period {
  const perYear = period.kind === 'year' ? 1 : period.kind === 'quarter' ? 4 : 12;
  const ordinal = period.fiscalYear * perYear + (period.index - 1) + offset;
  return build(period.kind, Math.floor(ordinal / perYear), (ordinal % perYear) + 1, calendar);
}

export function isWithin(date: IsoDate, period: Pick<Period, 'start' | 'end'>): boolean {
  return date >= period.start && date <= period.end;
}

/**
 * Whether moving a close date from `before` to `after` slips the deal: the new date lies in a later
 * period than the old one. Pulling a date in, or moving it within its period, is not a push.
 */
export function isPushedOut(before: IsoDate, after: IsoDate, kind: PeriodKind, calendar: FiscalCalendar = CALENDAR_YEAR): boolean {
  if (after <= before) return false;
  return periodOf(after, kind, calendar).start > periodOf(before, kind, calendar).end;
}

const PERIOD_KEY = /^FY(\d{4})(?:-(Q|M)(\d{2}|\d))?$/;

/** The period a key names ("FY2027", "FY2027-Q1", "FY2027-M04") in a calendar, or null for anything else. */
export function periodFromKey(key: string, calendar: FiscalCalendar): Period | null {
  const match = PERIOD_KEY.exec(key);
  if (!match) return null;
  const [, year = '', kind, index = '1'] = match;
  const n = Number(index);
  const periodKind: PeriodKind = kind === 'Q' ? 'quarter' : kind === 'M' ? 'month' : 'year';
  if ((periodKind === 'quarter' && (n < 1 || n > 4)) || (periodKind === 'month' && (n < 1 || n > 12))) return null;
  checkCalendar(calendar);
  return build(periodKind, Number(year), n, calendar);
}
