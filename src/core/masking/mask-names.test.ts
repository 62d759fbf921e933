import { describe, it, expect } from 'vitest';
import { MASK_LABELS } from './mask-labels.ts';
import { MASK_NAMES, isMaskName } from './mask-names.ts';
import { maskStrength } from './mask-strength.ts';

describe('mask vocabulary', () => {
  it('recognises exactly the preset names', () => {
    for (const name of MASK_NAMES) expect(isMaskName(name)).toBe(true);
    for (const value of ['', 'NONE', 'phone', 'redact ', 'toString', '__proto__']) expect(isMaskName(value)).toBe(false);
  });

  it('orders strength totally, none weakest and null strongest', () => {
    const strengths = MASK_NAMES.map(maskStrength);
    expect(new Set(strengths).size).toBe(MASK_NAMES.length);
    expect(Math.min(...strengths)).toBe(maskStrength('none'));
    expect(Math.max(...strengths)).toBe(maskStrength('null'));
    expect(maskStrength('redact')).toBeGreaterThan(maskStrength('keyed_hash'));
    expect(maskStrength('keyed_hash')).toBeGreaterThan(maskStrength('name'));
    expect(maskStrength('mobile')).toBeGreaterThan(maskStrength('resident_id'));
    expect(maskStrength('name')).toBeGreaterThan(maskStrength('birth_date'));
  });

  it('labels every preset in Chinese and English', () => {
    for (const name of MASK_NAMES) {
      expect(MASK_LABELS[name].zh).not.toBe('');
      expect(MASK_LABELS[name].en).not.toBe('');
    }
  });
});
