import { describe, expect, it } from 'vitest';
import { checkPasswordStrength } from './password-policy.ts';

function codes(password: string, login = 'zhangsan'): string[] {
  return checkPasswordStrength(password, login).map((error) => error.code);
}

describe('checkPasswordStrength', () => {
  it('accepts 12+ characters from three classes', () => {
    expect(codes('correct-horse7')).toEqual([]); // lower, symbol, digit
    expect(codes('Correcthorse7')).toEqual([]); // upper, lower, digit
    expect(codes('CORRECT HORSE 7')).toEqual([]); // upper, symbol (space), digit
    expect(codes('CORRECT HORSE!')).toEqual(['PASSWORD_TOO_SIMPLE']); // upper and symbol only
  });

  it('refuses short passwords with a bilingual message', () => {
    const errors = checkPasswordStrength('Ab1!Ab1!Ab1', 'zhangsan');
    expect(errors).toEqual([{ path: 'password', code: 'PASSWORD_TOO_SHORT', message: '密码至少 12 位 / at least 12 characters' }]);
  });

  it('counts characters, not UTF-16 units', () => {
    // 11 characters, 18 UTF-16 code units: still too short.
    expect(codes('Ab1!😀😀😀😀😀😀😀')).toEqual(['PASSWORD_TOO_SHORT']);
    expect(codes('Ab1!😀😀😀😀😀😀😀😀')).toEqual([]);
  });

  it('requires three of four classes', () => {
    expect(codes('correcthorsebattery')).toEqual(['PASSWORD_TOO_SIMPLE']);
    expect(codes('correcthorse123')).toEqual(['PASSWORD_TOO_SIMPLE']);
    expect(codes('政务数据共享安全监管平台abc')).toEqual(['PASSWORD_TOO_SIMPLE']);
  });

  it('refuses a password containing the login, in any case', () => {
    expect(codes('ZhangSan-2026!', 'zhangsan')).toEqual(['PASSWORD_CONTAINS_LOGIN']);
    expect(codes('my-ZHANGSAN-pw7', ' ZhangSan ')).toEqual(['PASSWORD_CONTAINS_LOGIN']);
    expect(codes('Olive-branch7', 'li')).toEqual([]); // too short a login to police
  });

  it('reports every problem at once and bounds the length', () => {
    expect(codes('zhangsan', 'zhangsan')).toEqual(['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_SIMPLE', 'PASSWORD_CONTAINS_LOGIN']);
    expect(codes(`Aa1!${'x'.repeat(200)}`)).toEqual(['PASSWORD_TOO_LONG']);
  });
});
