import { formatDay, formatDuration, formatInstant, formatMoney, formatOptionsOf, slaClockText } from '../../src/frontend/format';
import { browsableProjects, ProjectListError, type RequestJira } from '../../src/frontend/jira-projects';

const HOUR = 3_600_000;
/** ICU puts no-break spaces between currency codes and numbers; the test compares what a reader sees. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('how the UI Kit surfaces format values', () => {
  it('reads the SLA clock in the one form every surface uses, with the deadline in the viewer’s zone (issue 12 item 10)', () => {
    const due = Date.UTC(2026, 11, 3, 17, 0);
    expect(plain(slaClockText(32 * HOUR, due, { locale: 'en-US', timeZone: 'UTC' }))).toBe('Accept within 32 h · by Dec 3, 2026, 5:00 PM');
    expect(plain(slaClockText(-2 * HOUR, due, { locale: 'en-US', timeZone: 'Europe/Paris' }))).toBe('Overdue by 2 h · was due Dec 3, 2026, 6:00 PM');
  });

  it('writes money with the one formatter every surface uses: minor units only when there are some', () => {
    expect(formatMoney(4_800_000, 'EUR')).toBe('€48,000');
    expect(formatMoney(4_800_050, 'EUR')).toBe('€48,000.50');
    expect(formatMoney(4_800, 'JPY')).toBe('¥4,800');
    expect(plain(formatMoney(1_234_567, 'KWD'))).toBe('KWD 1,234.567');
    expect(plain(formatMoney(4_800_000, 'EUR', { locale: 'de-DE', timeZone: 'UTC' }))).toBe('48.000 €');
    // Not a currency code: whole units and the code, never the count of minor units as if it were the amount.
    expect(formatMoney(10_000, 'ZZ')).toBe('100 ZZ');
  });

  it('rounds time left up and time overdue down, so the clock never overstates the slack', () => {
    expect(slaClockText(4 * HOUR + 10 * 60_000)).toBe('Accept within 5 h');
    expect(slaClockText(32 * HOUR)).toBe('Accept within 32 h');
    expect(slaClockText(-(2 * HOUR + 50 * 60_000))).toBe('Overdue by 2 h');
    expect(slaClockText(-20 * 60_000)).toBe('Overdue by 20 min');
    expect(slaClockText(0)).toBe('Accept within 1 min');
    expect(formatDuration(3 * 24 * HOUR + HOUR, 'up')).toBe('4 d');
    expect(formatDuration(-(3 * 24 * HOUR + HOUR), 'down')).toBe('3 d');
  });

  it('shows ISO days as calendar days and instants in the viewer’s zone', () => {
    expect(formatDay('2027-12-31', { locale: 'en-US', timeZone: 'Pacific/Honolulu' })).toBe('Dec 31, 2027');
    expect(formatDay('not a day')).toBe('not a day');
    const nineUtc = Date.UTC(2026, 10, 2, 9);
    expect(formatInstant(nineUtc)).toBe('Nov 2, 2026, 9:00 AM');
    expect(formatInstant(nineUtc, { locale: 'en-US', timeZone: 'Europe/Berlin' })).toBe('Nov 2, 2026, 10:00 AM');
  });

  it('reads locale and zone from the product context, falling back when they are missing or unknown', () => {
    expect(formatOptionsOf({ locale: 'de_DE', timezone: 'Europe/Berlin' })).toEqual({ locale: 'de-DE', timeZone: 'Europe/Berlin' });
    expect(formatOptionsOf(undefined)).toEqual({ locale: 'en-US', timeZone: 'UTC' });
    expect(formatOptionsOf({ locale: 'en-US', timezone: 'Mars/Olympus' })).toEqual({ locale: 'en-US', timeZone: 'UTC' });
  });
});

describe('the projects "Link deal" offers', () => {
  const page = (start: number, count: number, total: number) => ({
    values: Array.from({ length: count }, (_, i) => ({ key: `P${start + i}`, name: `Project ${start + i}`, id: String(start + i) })),
    isLast: start + count >= total,
    total,
  });

  it('pages through project/search until Jira says it was the last page', async () => {
    const asked: string[] = [];
    const requestJira: RequestJira = async (path) => {
      asked.push(path);
      const startAt = Number(new URL(path, 'https://x.invalid').searchParams.get('startAt'));
      return { ok: true, status: 200, json: async () => page(startAt, Math.min(50, 70 - startAt), 70) };
    };
    const projects = await browsableProjects(requestJira);
    expect(projects).toHaveLength(70);
    expect(projects[0]).toEqual({ key: 'P0', name: 'Project 0' });
    expect(asked).toEqual(['/rest/api/3/project/search?orderBy=name&maxResults=50&startAt=0', '/rest/api/3/project/search?orderBy=name&maxResults=50&startAt=50']);
  });

  it('names Jira’s status when it refuses, and refuses an answer of the wrong shape', async () => {
    await expect(browsableProjects(async () => ({ ok: false, status: 429, json: async () => ({}) }))).rejects.toMatchObject({ status: 429 });
    const wrong = browsableProjects(async () => ({ ok: true, status: 200, json: async () => ({ projects: [] }) }));
    await expect(wrong).rejects.toBeInstanceOf(ProjectListError);
    await expect(wrong).rejects.toMatchObject({ status: 0 });
  });
});
