import { describe, expect, it } from 'vitest';
import { ContractorBulkDetector } from './contractor-bulk-detector.ts';
import { DEFAULT_DETECTION_PROFILE } from './profile.ts';
import { access, feed } from './test-events.ts';

function detector() {
  return new ContractorBulkDetector(DEFAULT_DETECTION_PROFILE);
}

describe('ContractorBulkDetector', () => {
  it('alerts high on contractor staff exporting, or taking 100 rows in one call', () => {
    const findings = feed(detector(), [access({ personOrgKind: 'contractor', bulk: true, records: 20 }), access({ personOrgKind: 'contractor', records: 100 })]);
    expect(findings.map((finding) => finding.severity)).toEqual(['high', 'high']);
    expect(findings[0]!.dedupKey).toBe(findings[1]!.dedupKey);
  });

  it('near miss: 99 rows, or the department’s own staff exporting', () => {
    expect(feed(detector(), [access({ personOrgKind: 'contractor', records: 99 }), access({ personOrgKind: 'department', bulk: true, records: 5000 })])).toEqual([]);
  });
});
