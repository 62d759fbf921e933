import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR, DEFAULT_WORKING_HOURS, isWithinWorkingHours } from '../calendar/index.ts';
import { seededRandom } from './test-events.ts';
import { organisationWorkingTime } from './working-time.ts';

/** An instant given in Shanghai local time. */
function shanghai(iso: string): number {
  return Date.parse(`${iso}+08:00`);
}

describe('organisationWorkingTime', () => {
  const isWorkingTime = organisationWorkingTime((orgId) => (orgId === 'org-1' ? { hours: DEFAULT_WORKING_HOURS, calendar: DEFAULT_CALENDAR } : null));

  it('follows the organisation’s office hours and the region’s calendar', () => {
    expect(isWorkingTime('org-1', shanghai('2026-03-02T09:00:00'))).toBe(true);
    expect(isWorkingTime('org-1', shanghai('2026-03-02T12:30:00'))).toBe(false);
    expect(isWorkingTime('org-1', shanghai('2026-03-07T10:00:00'))).toBe(false);
    expect(isWorkingTime('org-1', shanghai('2026-10-01T10:00:00'))).toBe(false);
  });

  it('changes exactly where office hours begin', () => {
    expect(isWorkingTime('org-1', shanghai('2026-03-02T08:29:59'))).toBe(false);
    expect(isWorkingTime('org-1', shanghai('2026-03-02T08:30:00'))).toBe(true);
  });

  it('agrees with isWithinWorkingHours at 5,000 instants of 2026', () => {
    const random = seededRandom(2026);
    const start = shanghai('2026-01-01T00:00:00');
    for (let index = 0; index < 5_000; index += 1) {
      const at = start + Math.floor(random() * 365 * 86_400_000);
      expect(isWorkingTime('org-1', at)).toBe(isWithinWorkingHours(new Date(at), DEFAULT_WORKING_HOURS, DEFAULT_CALENDAR));
    }
  });

  it('gives an unknown organisation no working time', () => {
    expect(isWorkingTime('org-unknown', shanghai('2026-03-02T09:00:00'))).toBe(false);
  });
});
