import { describe, expect, it } from 'vitest';
import { findUsccs } from './cn-uscc.ts';

/*
 * Known answers:
 *   91350100M000100Y43  a USCC printed on a published business licence
 *   91330106MA2CD3E42J  built by hand: organisation code MA2CD3E4 + check 2 (GB 11714), then
 *                       MOD 31 check J (GB 32100)
 *   91330106MA2CD3E43M  the same with a wrong organisation-code check and its outer check
 *                       recomputed: a fabricated code that only the inner check catches
 */
function values(text: string): string[] {
  return findUsccs(text).map((finding) => text.slice(finding.start, finding.end));
}

describe('findUsccs', () => {
  it('finds a USCC next to Chinese text', () => {
    expect(findUsccs('统一社会信用代码91350100M000100Y43。')).toEqual([{ type: 'cn_uscc', start: 8, end: 26, confidence: 0.99 }]);
  });

  it('accepts lowercase and full-width spellings', () => {
    expect(values('代码：91330106ma2cd3e42j；代码：９１３３０１０６ＭＡ２ＣＤ３Ｅ４２Ｊ')).toEqual([
      '91330106ma2cd3e42j',
      '９１３３０１０６ＭＡ２ＣＤ３Ｅ４２Ｊ',
    ]);
  });

  it('rejects a wrong check character and a wrong embedded organisation code', () => {
    expect(values('91330106MA2CD3E42K 91330106MA2CD3E43M')).toEqual([]);
  });

  it('rejects order numbers and resident IDs', () => {
    expect(values('202403151234567890 11010519491231002X')).toEqual([]);
  });

  it('never reports a USCC inside a longer run, or a masked one', () => {
    expect(values('X91350100M000100Y43 91350100M000100Y431 91350100********43')).toEqual([]);
  });
});
