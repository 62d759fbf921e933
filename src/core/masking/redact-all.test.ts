import { describe, it, expect } from 'vitest';
import { redactAll } from './redact-all.ts';

describe('redactAll', () => {
  it('gives the same output whatever the length, even for the empty string', () => {
    expect(redactAll('张')).toBe('***');
    expect(redactAll('北京市朝阳区建国路88号')).toBe('***');
    expect(redactAll('😀')).toBe('***');
    expect(redactAll('')).toBe('***');
  });
});
