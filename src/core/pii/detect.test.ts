import { describe, it, expect } from 'vitest';
import { validateBankCard } from './bank-card.ts';
import { detectIdentifier } from './detect.ts';

describe('detectIdentifier', () => {
  it('classifies each kind', () => {
    expect(detectIdentifier('11010519491231002x')).toEqual({ kind: 'resident_id', normalized: '11010519491231002X' });
    expect(detectIdentifier('110105491231002')).toEqual({ kind: 'resident_id', normalized: '11010519491231002X' });
    expect(detectIdentifier('91440300708461136T')).toEqual({ kind: 'uscc', normalized: '91440300708461136T' });
    expect(detectIdentifier('+86 138 0013 8000')).toEqual({ kind: 'mobile', normalized: '13800138000' });
    expect(detectIdentifier('6200 0000 0000 0005')).toEqual({ kind: 'bank_card', normalized: '6200000000000005' });
  });

  it('prefers a resident ID that also happens to pass Luhn', () => {
    // 110101199003070054: MOD 11-2 check 4 (body sum 7+9+0+5+0+4+2+9+54+0+0+27+0+35+0+0+10 = 162,
    // 162 mod 11 = 8 → 4), and it is also Luhn-valid.
    expect(validateBankCard('110101199003070054').valid).toBe(true);
    expect(detectIdentifier('110101199003070054')).toEqual({ kind: 'resident_id', normalized: '110101199003070054' });
  });

  it('returns null for values that are none of these', () => {
    for (const value of ['', '张三', '110105194912310021', '914403001922038229', '12345678901', '6200000000000006', '2024-01-01']) {
      expect(detectIdentifier(value)).toBeNull();
    }
  });
});
