/**
 * How the preview writes what the server answers. Jira's `duedate` is a calendar date
 * (`YYYY-MM-DD`) with no time zone, so it is formatted as that date in UTC: formatting it in the
 * viewer's zone would show the day before for everyone west of Greenwich.
 */
export function formatDueDate(isoDate: string, locale: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(ms)) return isoDate;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
  } catch {
    return isoDate;
  }
}
