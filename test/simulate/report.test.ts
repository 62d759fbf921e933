import { describe, expect, it } from 'vitest';
import { DETECTOR_NAMES } from '../../src/core/detection/finding.ts';
import { computeFigures } from '../../src/main/simulate/metrics.ts';
import { formatJson, formatTable } from '../../src/main/simulate/report.ts';

const HARD_CASES = { overtime_person_days: 3, overtime_calls: 20, ip_changes: 2, first_uses: 4, month_end_burst_person_days: 5, month_end_burst_calls: 40, cross_region_calls: 90 };
const { figures, details } = computeFigures({
  alerts: [{ id: 'a', detector: 'new-address', severity: 'low', status: 'open', principal: { kind: 'credential', id: 'c' }, evidence: [3], raisedAt: '2026-04-28T02:00:00.000Z' }],
  scenarios: [{ name: 'slow-exfiltration', personIds: new Set(['p']), credentialIds: new Set(), addresses: new Set(), firstCallAt: Date.parse('2026-04-27T01:00:00Z'), seqs: new Set([9]), recordsLeaked: 1500 }],
  hardCases: HARD_CASES,
  benignPersons: 300,
  benignCredentials: 3,
  days: 14,
});
const traffic = { benignCalls: 1000, benignRecords: 900, benignRefusals: { QUOTA_EXCEEDED: 2 }, blockedByContainment: 0, scenarioCalls: { 'slow-exfiltration': { sent: 1500, refusals: {}, contained: false } } };

describe('the report', () => {
  it('prints exactly one JSON document with the issue’s keys', () => {
    const parsed = JSON.parse(formatJson(figures)) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['scenarios', 'false_alerts_per_1k_principal_days', 'benign_hard_cases']);
    expect(parsed['scenarios']).toEqual([{ name: 'slow-exfiltration', detected: false, time_to_detect_min: null, records_leaked: 1500 }]);
    expect(parsed['false_alerts_per_1k_principal_days']).toBe(0.24);
  });

  it('prints a table with the same figures and a line for every detector', () => {
    const table = formatTable(figures, details, traffic);
    expect(table).toMatch(/slow-exfiltration\s+否 \/ no\s+—\s+1500/);
    for (const detector of DETECTOR_NAMES) expect(table).toMatch(new RegExp(`^  ${detector}\\s+\\d+$`, 'm'));
    expect(table).toMatch(/^ {2}new-address\s+1$/m);
    expect(table).toContain('0.24');
    expect(table).toContain('cross_region_calls');
  });
});
