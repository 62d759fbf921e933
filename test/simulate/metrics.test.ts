import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/main/simulate/detection-client.ts';
import { attributable, computeFigures, timeToDetect, type ScenarioEvidence } from '../../src/main/simulate/metrics.ts';

const START = Date.parse('2026-04-27T06:00:00Z');
const minutes = (count: number) => new Date(START + count * 60_000).toISOString();

function alert(id: string, detector: string, principal: Alert['principal'], raisedAt: string, evidence: number[] = []): Alert {
  return { id, detector, severity: 'medium', status: 'open', principal, evidence, raisedAt };
}

const probing: ScenarioEvidence = {
  name: 'probing',
  personIds: new Set(['p-attacker']),
  credentialIds: new Set(['c-market']),
  addresses: new Set(['10.66.23.9']),
  firstCallAt: START,
  seqs: new Set([100, 101, 102]),
  recordsLeaked: 2,
};
const HARD_CASES = { overtime_person_days: 1, overtime_calls: 2, ip_changes: 1, first_uses: 0, month_end_burst_person_days: 0, month_end_burst_calls: 0, cross_region_calls: 0 };

describe('detection figures', () => {
  it('attributes an alert by its evidence, or by the scenario’s person or address once it began', () => {
    expect(attributable(alert('a', 'probing', { kind: 'credential', id: 'c-market' }, minutes(3), [101]), probing)).toBe(true);
    // The shared system's credential, on benign evidence: not the attack's.
    expect(attributable(alert('b', 'new-address', { kind: 'credential', id: 'c-market' }, minutes(3), [7]), probing)).toBe(false);
    expect(attributable(alert('c', 'off-hours', { kind: 'person', id: 'p-attacker' }, minutes(-60)), probing)).toBe(false);
    expect(attributable(alert('d', 'probing', { kind: 'address', id: '10.66.23.9' }, minutes(20)), probing)).toBe(true);
    expect(attributable(alert('e', 'probing', { kind: 'address', id: '10.66.23.9' }, minutes(20)), { ...probing, firstCallAt: null })).toBe(false);
  });

  it('times detection from the first malicious call to the earliest attributable alert', () => {
    const alerts = [alert('a', 'probing', { kind: 'person', id: 'p-attacker' }, minutes(7.25)), alert('b', 'probing', { kind: 'address', id: '10.66.23.9' }, minutes(2.5))];
    expect(timeToDetect(alerts, probing)).toBe(2.5);
    expect(timeToDetect([], probing)).toBeNull();
  });

  it('counts the rest as false alerts, per detector and per 1,000 benign principal-days', () => {
    const alerts = [
      alert('a', 'probing', { kind: 'address', id: '10.66.23.9' }, minutes(1)),
      alert('b', 'new-address', { kind: 'credential', id: 'c-tax' }, minutes(100), [5]),
      alert('c', 'first-use', { kind: 'person', id: 'p-clerk' }, minutes(200), [6]),
      alert('d', 'first-use', { kind: 'person', id: 'p-other' }, minutes(300), [8]),
    ];
    const { figures, details } = computeFigures({ alerts, scenarios: [probing], hardCases: HARD_CASES, benignPersons: 198, benignCredentials: 2, days: 10 });
    expect(figures).toEqual({
      scenarios: [{ name: 'probing', detected: true, time_to_detect_min: 1, records_leaked: 2 }],
      false_alerts_per_1k_principal_days: 1.5,
      benign_hard_cases: HARD_CASES,
    });
    expect(details.falseAlertsByDetector).toEqual({ 'new-address': 1, 'first-use': 2 });
    expect(details.principalDays).toBe(2000);
    expect(details.scenarioDetectors).toEqual({ probing: ['probing'] });
  });
});
