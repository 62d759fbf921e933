import type { FieldError } from '../shared/domain-error.ts';

/*
 * Password complexity for GB/T 22239-2019 (等保 2.0) level 3, 8.1.4.1 a): identities must be
 * unique and "身份鉴别信息具有复杂度要求并定期更换". The standard sets no numbers; these are the
 * ones assessors commonly accept: at least 12 characters drawn from at least three of four
 * classes, and not built around the login name.
 */

export const PASSWORD_MINIMUM_LENGTH = 12;
/** An upper bound so that a huge input cannot make the (deliberately slow) password hash a denial of service. */
export const PASSWORD_MAXIMUM_LENGTH = 128;
export const PASSWORD_MINIMUM_CLASSES = 3;
/** Shorter logins (e.g. 'li') occur inside too many ordinary strings to be worth refusing. */
const LOGIN_CHECK_MINIMUM_LENGTH = 3;

/**
 * Character classes, counted by Unicode category so that full-width or accented letters count
 * as letters. "Symbol" is anything printable that is neither a letter nor a digit, space
 * included; CJK characters are letters without case and so add no class of their own.
 */
const CHARACTER_CLASSES: ReadonlyArray<RegExp> = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{N}\p{C}]/u];

/** Every way `password` falls short of the policy; empty when it is acceptable. Never echoes the password. */
export function checkPasswordStrength(password: string, login: string): FieldError[] {
  const errors: FieldError[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MINIMUM_LENGTH) {
    errors.push({ path: 'password', code: 'PASSWORD_TOO_SHORT', message: `密码至少 ${PASSWORD_MINIMUM_LENGTH} 位 / at least ${PASSWORD_MINIMUM_LENGTH} characters` });
  }
  if (length > PASSWORD_MAXIMUM_LENGTH) {
    errors.push({ path: 'password', code: 'PASSWORD_TOO_LONG', message: `密码至多 ${PASSWORD_MAXIMUM_LENGTH} 位 / at most ${PASSWORD_MAXIMUM_LENGTH} characters` });
  }
  const classes = CHARACTER_CLASSES.filter((pattern) => pattern.test(password)).length;
  if (classes < PASSWORD_MINIMUM_CLASSES) {
    errors.push({
      path: 'password',
      code: 'PASSWORD_TOO_SIMPLE',
      message: '密码须包含小写字母、大写字母、数字、符号中的至少 3 类 / use at least 3 of: lower-case, upper-case, digits, symbols',
    });
  }
  const normalisedLogin = login.trim().toLowerCase();
  if ([...normalisedLogin].length >= LOGIN_CHECK_MINIMUM_LENGTH && password.toLowerCase().includes(normalisedLogin)) {
    errors.push({ path: 'password', code: 'PASSWORD_CONTAINS_LOGIN', message: '密码不得包含登录名 / must not contain the login name' });
  }
  return errors;
}
