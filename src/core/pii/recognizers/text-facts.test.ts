import { describe, expect, it } from 'vitest';
import { scanText } from './scan-text.ts';
import { TextFacts, factsOf } from './text-facts.ts';

const found = (text: string): [string, string][] => scanText(text).map((finding) => [finding.type, finding.value]);

describe('TextFacts', () => {
  it('finds the runs of ASCII and full-width digits, and where plates and permits could start', () => {
    const facts = new TextFacts('第12号，京A12345，证件C12345678，１２３');
    const runs = facts.digitRuns;
    const spans = Array.from({ length: runs.count }, (_, index) => facts.text.slice(runs.starts[index], runs.ends[index]));
    expect(spans).toEqual(['12', '12345', '12345678', '１２３']);
    expect(Array.from(runs.plates.subarray(0, runs.plateCount), (at) => facts.text.slice(at, at + 2))).toEqual(['京A']);
    expect(Array.from(runs.permits.subarray(0, runs.permitCount), (at) => facts.text.charAt(at))).toEqual(['C']);
  });

  it('is shared only with the text it was made for', () => {
    const facts = new TextFacts('13800138000');
    expect(factsOf('13800138000', facts)).toBe(facts);
    expect(factsOf('13900139000', facts)).not.toBe(facts);
  });

  it('leaves every place a pattern could start to its recognizer', () => {
    // Starts inside a run, after an opening parenthesis, at the very start of the text, and at a
    // letter before the digits: each recognizer still finds what a search of the whole text finds.
    expect(found('电话(0571)87654321，（010）12345678，0571-87654321-8001')).toEqual([
      ['cn_landline', '(0571)87654321'],
      ['cn_landline', '（010）12345678'],
      ['cn_landline', '0571-87654321-8001'],
    ]);
    expect(found('91330106MA2B0XXXX2 x')).toEqual([]);
    expect(found('+86 138 0013 8000；1380013 8000；138-0013-8000')).toEqual([
      ['cn_mobile', '+86 138 0013 8000'],
      ['cn_mobile', '1380013 8000'],
      ['cn_mobile', '138-0013-8000'],
    ]);
    expect(found('版本1.2.3.4.5，服务器10.0.0.1，1234.5.6.7')).toEqual([['ipv4', '10.0.0.1']]);
    expect(found('京A12345 粤B·D12345 C12345678')).toEqual([
      ['cn_license_plate', '京A12345'],
      ['cn_license_plate', '粤B·D12345'],
      ['cn_hk_macau_permit', 'C12345678'],
    ]);
    expect(found('11010519491231002X')).toEqual([['cn_resident_id', '11010519491231002X']]);
  });
});
