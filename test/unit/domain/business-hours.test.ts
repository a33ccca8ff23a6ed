import { addBusinessHours, businessHoursBetween, isTimeZone, type BusinessHours } from '../../../src/domain/business-hours';

const BERLIN: BusinessHours = { timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 };
const at = (iso: string) => Date.parse(iso);

describe('business hours', () => {
  it('adds hours inside one working day', () => {
    // Tuesday 10:00 in Berlin (CET, UTC+1) + 4 h = 14:00.
    expect(addBusinessHours(at('2026-03-03T09:00:00Z'), 4, BERLIN)).toBe(at('2026-03-03T13:00:00Z'));
  });

  it('carries what is left of the day over to the next working morning, skipping the weekend', () => {
    // Friday 15:00 Berlin + 4 h: 2 h on Friday, 2 h from Monday 09:00 → Monday 11:00.
    expect(addBusinessHours(at('2026-03-06T14:00:00Z'), 4, BERLIN)).toBe(at('2026-03-09T10:00:00Z'));
  });

  it('starts the clock at the next opening when the lead arrives at night', () => {
    // Saturday 23:00 UTC → Monday 09:00 Berlin + 1 h = 10:00 Berlin = 09:00 UTC.
    expect(addBusinessHours(at('2026-03-07T23:00:00Z'), 1, BERLIN)).toBe(at('2026-03-09T09:00:00Z'));
  });

  it('follows the zone across a daylight-saving change', () => {
    // Friday 27 March 2026 16:00 CET + 2 h: 1 h Friday, 1 h Monday 30 March from 09:00 CEST (UTC+2) → 10:00 CEST = 08:00 UTC.
    expect(addBusinessHours(at('2026-03-27T15:00:00Z'), 2, BERLIN)).toBe(at('2026-03-30T08:00:00Z'));
  });

  it('counts only working time between two instants', () => {
    expect(businessHoursBetween(at('2026-03-06T14:00:00Z'), at('2026-03-09T10:00:00Z'), BERLIN)).toBe(4);
    expect(businessHoursBetween(at('2026-03-07T10:00:00Z'), at('2026-03-08T20:00:00Z'), BERLIN)).toBe(0);
    expect(businessHoursBetween(at('2026-03-03T09:00:00Z'), at('2026-03-03T09:30:00Z'), BERLIN)).toBe(0.5);
  });

  it('runs around the clock when no working time is configured, so an SLA is never endless', () => {
    const none: BusinessHours = { ...BERLIN, days: [] };
    expect(addBusinessHours(at('2026-03-07T10:00:00Z'), 3, none)).toBe(at('2026-03-07T13:00:00Z'));
  });

  it('knows real time zones from made-up ones', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
