import { describe, expect, it } from 'vitest';
import { JurisdictionDetector, jurisdictionPrefix } from './jurisdiction-detector.ts';
import { DEFAULT_DETECTION_PROFILE } from './profile.ts';
import { access, feed, MINUTE, MONDAY_9AM } from './test-events.ts';

/** Calls from a Hangzhou (330100) department, a minute apart, each with the given subject regions. */
function calls(regions: Record<string, number>, count: number, rowScopeRegions: string[] | null = null) {
  return Array.from({ length: count }, (_, index) => access({ at: MONDAY_9AM + index * MINUTE, orgRegion: '330100', subjectRegions: Object.entries(regions), rowScopeRegions }));
}

function detector() {
  return new JurisdictionDetector(DEFAULT_DETECTION_PROFILE);
}

describe('jurisdictionPrefix', () => {
  it('keeps the significant digits of a province, a prefecture and a county', () => {
    expect([jurisdictionPrefix('330000'), jurisdictionPrefix('330100'), jurisdictionPrefix('330102'), jurisdictionPrefix('000000')]).toEqual(['33', '3301', '330102', '']);
  });
});

describe('JurisdictionDetector', () => {
  it('alerts medium when most of an hour’s subjects are from another province', () => {
    const findings = feed(detector(), calls({ '110101': 6, '330106': 2 }, 10));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ detector: 'jurisdiction', severity: 'medium', principal: { kind: 'person', id: 'person-1' } });
  });

  it('near miss: fewer than 50 outside subjects', () => {
    expect(feed(detector(), calls({ '110101': 4, '330106': 1 }, 10))).toEqual([]);
  });

  it('near miss: many outside subjects but under half of the hour’s', () => {
    expect(feed(detector(), calls({ '110101': 6, '330106': 14 }, 10))).toEqual([]);
  });

  it('allows regions the grant’s row scope names', () => {
    expect(feed(detector(), calls({ '110101': 6 }, 10, ['11', '3301']))).toEqual([]);
  });

  it('counts a county of the same prefecture as inside, and ignores unknown regions', () => {
    expect(feed(detector(), calls({ '330106': 6, unknown: 10 }, 10))).toEqual([]);
  });
});
