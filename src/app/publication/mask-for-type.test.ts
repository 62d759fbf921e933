import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../core/masking/index.ts';
import { maskFoundValue } from './mask-for-type.ts';

describe('maskFoundValue', () => {
  it('uses the core/masking preset of each type', () => {
    expect(maskFoundValue('cn_resident_id', '11010519491231002X')).toBe('110105********002X');
    expect(maskFoundValue('cn_mobile', '13812345678')).toBe('138****5678');
    expect(maskFoundValue('person_name', '王芳')).toBe('王*');
    expect(maskFoundValue('email', 'zhang.san@example.cn')).not.toContain('zhang.san');
  });

  it('redacts types without a preset, and types it does not know', () => {
    expect(maskFoundValue('cn_landline', '010-12345678')).toBe(REDACTED);
    expect(maskFoundValue('ipv4', '10.1.2.3')).toBe(REDACTED);
    expect(maskFoundValue('something_new', 'x')).toBe(REDACTED);
    expect(maskFoundValue('constructor', 'x')).toBe(REDACTED);
  });
});
