import { describe, it, expect } from 'vitest';
import { normalizeUscc, usccCheckCharacter, validateUscc } from './uscc.ts';

/*
 * 914403001922038216 is the code on Huawei Technologies Co., Ltd.'s business licence. By hand:
 *   organisation code 19220382-1 (see organisation-code.test.ts);
 *   outer check, values × weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
 *   9·1 + 1·3 + 4·9 + 4·27 + 0 + 3·26 + 0 + 0 + 1·20 + 9·29 + 2·25 + 2·13 + 0 + 3·24 + 8·10 + 2·30 + 1·28
 *   = 9+3+36+108+78+20+261+50+26+72+80+60+28 = 831; 831 mod 31 = 25; 31-25 = 6 → '6'.
 *
 * Decoy with a bad organisation-code check but a recomputed outer check: change position 17 from
 * 1 to 2 (+28 on the sum) → 859 mod 31 = 22; 31-22 = 9 → 914403001922038229.
 * Decoy with region 990000 and a recomputed outer check: the region part goes from
 * 4·9+4·27+3·26 = 222 to 9·9+9·27 = 324 → 933 mod 31 = 3; 31-3 = 28 → alphabet[28] = 'W'.
 */
const HUAWEI = '914403001922038216';

/** Further real codes from published business licences; they pass both nested checks. */
const PUBLISHED = ['91440300708461136T', '91330100716105852F', '91110000802100433B', '91110108551385082Q'];

describe('usccCheckCharacter', () => {
  it('matches the hand-computed answer', () => {
    expect(usccCheckCharacter('91440300192203821')).toBe('6');
    expect(usccCheckCharacter('91440300192203822')).toBe('9');
    expect(usccCheckCharacter('91990000192203821')).toBe('W');
  });

  it('refuses bodies with letters outside the alphabet', () => {
    expect(() => usccCheckCharacter('9144030019220382I')).toThrow();
    expect(() => usccCheckCharacter('9144030019220382')).toThrow();
  });
});

describe('normalizeUscc', () => {
  it('trims, folds full width and upper-cases', () => {
    expect(normalizeUscc(' ９１４４０３００７０８４６１１３６ｔ ')).toBe('91440300708461136T');
  });
});

describe('validateUscc', () => {
  it('accepts real published codes', () => {
    for (const code of [HUAWEI, ...PUBLISHED]) {
      expect(validateUscc(code)).toEqual({ valid: true, normalized: code });
    }
  });

  it('accepts lower-case and full-width spellings', () => {
    expect(validateUscc('91440300708461136t')).toEqual({ valid: true, normalized: '91440300708461136T' });
    expect(validateUscc('９１４４０３００１９２２０３８２１６').valid).toBe(true);
  });

  it('accepts the central-level region code 100000', () => {
    // A real code of a central government body; both checks pass.
    expect(validateUscc('11100000000013127D').valid).toBe(true);
  });

  it('rejects a wrong outer check character', () => {
    expect(validateUscc('914403001922038217')).toEqual({ valid: false, reason: 'CHECKSUM' });
    expect(validateUscc('91440300708461136Y')).toEqual({ valid: false, reason: 'CHECKSUM' });
  });

  it('rejects a bad embedded organisation code even when the outer check was recomputed', () => {
    expect(validateUscc('914403001922038229')).toEqual({ valid: false, reason: 'ORGANISATION_CODE' });
  });

  it('rejects an unknown province in the region code even when the outer check was recomputed', () => {
    expect(validateUscc('91990000192203821W')).toEqual({ valid: false, reason: 'REGION' });
  });

  it('rejects the letters I, O, S, V and Z', () => {
    for (const letter of ['I', 'O', 'S', 'V', 'Z']) {
      expect(validateUscc(`91440300192203821${letter}`)).toEqual({ valid: false, reason: 'FORMAT' });
      expect(validateUscc(`9144030019220382${letter}6`)).toEqual({ valid: false, reason: 'FORMAT' });
      expect(validateUscc(`${letter}14403001922038216`)).toEqual({ valid: false, reason: 'FORMAT' });
    }
  });

  it('rejects letters in the region code, wrong lengths and the empty string', () => {
    for (const value of ['91A403001922038216', '91440300192203821', '9144030019220382166', '', '91440300-192203821-6']) {
      expect(validateUscc(value)).toEqual({ valid: false, reason: 'FORMAT' });
    }
  });
});
