import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/domain-error.ts';
import { base32Decode, base32Encode, generateTotp, generateTotpSecret, totpUri, verifyTotp } from './totp.ts';

const RFC_SECRET = new TextEncoder().encode('12345678901234567890');

describe('generateTotp', () => {
  // RFC 6238 Appendix B, test vectors for SHA-1 (seed "12345678901234567890", T0 = 0, X = 30, 8 digits).
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches RFC 6238 Appendix B at %i s', (seconds, code) => {
    expect(generateTotp(RFC_SECRET, new Date(seconds * 1000), { digits: 8 })).toBe(code);
  });

  it('gives 6 digits by default: the last 6 of the 8-digit value', () => {
    expect(generateTotp(RFC_SECRET, new Date(59_000))).toBe('287082');
  });

  it('rejects short secrets and bad options', () => {
    expect(() => generateTotp(new Uint8Array(10), new Date(0))).toThrow(DomainError);
    expect(() => generateTotp(RFC_SECRET, new Date(0), { digits: 5 })).toThrow(DomainError);
    expect(() => generateTotp(RFC_SECRET, new Date(0), { periodSeconds: 0 })).toThrow(DomainError);
    expect(() => generateTotp(RFC_SECRET, new Date(Number.NaN))).toThrow(DomainError);
  });
});

describe('verifyTotp', () => {
  const at = new Date(1111111111 * 1000); // step 37037037
  const step = 37037037;

  it('accepts the current code and returns its step', () => {
    expect(verifyTotp(RFC_SECRET, generateTotp(RFC_SECRET, at), at)).toEqual({ valid: true, step });
  });

  it('accepts codes one step either side by default, not two', () => {
    const previous = generateTotp(RFC_SECRET, new Date(at.getTime() - 30_000));
    const next = generateTotp(RFC_SECRET, new Date(at.getTime() + 30_000));
    const tooOld = generateTotp(RFC_SECRET, new Date(at.getTime() - 60_000));
    expect(verifyTotp(RFC_SECRET, previous, at)).toEqual({ valid: true, step: step - 1 });
    expect(verifyTotp(RFC_SECRET, next, at)).toEqual({ valid: true, step: step + 1 });
    expect(verifyTotp(RFC_SECRET, tooOld, at)).toEqual({ valid: false });
    expect(verifyTotp(RFC_SECRET, tooOld, at, { window: 2 })).toEqual({ valid: true, step: step - 2 });
    expect(verifyTotp(RFC_SECRET, previous, at, { window: 0 })).toEqual({ valid: false });
  });

  it('refuses a wrong or malformed code', () => {
    const right = generateTotp(RFC_SECRET, at);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(RFC_SECRET, wrong, at)).toEqual({ valid: false });
    expect(verifyTotp(RFC_SECRET, right.slice(0, 5), at)).toEqual({ valid: false });
    expect(verifyTotp(RFC_SECRET, `${right}0`, at)).toEqual({ valid: false });
    expect(verifyTotp(RFC_SECRET, 'abcdef', at)).toEqual({ valid: false });
    expect(verifyTotp(RFC_SECRET, '', at)).toEqual({ valid: false });
  });

  it('tolerates the grouping space authenticators display', () => {
    const right = generateTotp(RFC_SECRET, at);
    expect(verifyTotp(RFC_SECRET, `${right.slice(0, 3)} ${right.slice(3)}`, at)).toEqual({ valid: true, step });
  });

  it('rejects an unreasonable window', () => {
    expect(() => verifyTotp(RFC_SECRET, '000000', at, { window: -1 })).toThrow(DomainError);
    expect(() => verifyTotp(RFC_SECRET, '000000', at, { window: 11 })).toThrow(DomainError);
  });

  it('does not look before the epoch', () => {
    expect(verifyTotp(RFC_SECRET, generateTotp(RFC_SECRET, new Date(0)), new Date(0))).toEqual({ valid: true, step: 0 });
  });
});

describe('base32', () => {
  // RFC 4648 §10 test vectors, written here without their padding.
  const vectors: Array<[string, string, string]> = [
    ['', '', ''],
    ['f', 'MY', 'MY======'],
    ['fo', 'MZXQ', 'MZXQ===='],
    ['foo', 'MZXW6', 'MZXW6==='],
    ['foob', 'MZXW6YQ', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI', 'MZXW6YTBOI======'],
  ];

  it.each(vectors)('encodes %j as %s', (plain, encoded) => {
    expect(base32Encode(new TextEncoder().encode(plain))).toBe(encoded);
  });

  it.each(vectors)('decodes %j from unpadded, padded and lower-case forms', (plain, encoded, padded) => {
    const expected = new TextEncoder().encode(plain);
    expect(base32Decode(encoded)).toEqual(expected);
    expect(base32Decode(padded)).toEqual(expected);
    expect(base32Decode(encoded.toLowerCase())).toEqual(expected);
  });

  it('round-trips the RFC 6238 secret', () => {
    expect(base32Encode(RFC_SECRET)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toEqual(RFC_SECRET);
  });

  it.each([
    ['MZXW6 YTB', 'a space'],
    ['MZXW1YTB', 'a digit outside the alphabet'],
    ['MZXW6YTB0I', 'zero for O'],
    ['M', 'an impossible length'],
    ['MZX', 'an impossible length'],
    ['MY==', 'short padding'],
    ['MY=======', 'long padding'],
    ['MY==A===', 'data after padding'],
    ['MZXW6YTB========', 'padding after a full quantum'],
    ['MZ', 'non-zero trailing bits'],
  ])('rejects %s (%s)', (text) => {
    expect(() => base32Decode(text)).toThrow(expect.objectContaining({ code: 'TOTP_SECRET_INVALID' }));
  });
});

describe('generateTotpSecret', () => {
  it('draws 20 bytes from the random source', () => {
    expect(generateTotpSecret()).toHaveLength(20);
    expect(generateTotpSecret((size) => new Uint8Array(size).fill(7))).toEqual(new Uint8Array(20).fill(7));
  });
});

describe('totpUri', () => {
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

  it('builds a Key Uri Format URI with percent-encoded label', () => {
    expect(totpUri(secret, 'zhang.san@example.gov.cn', 'Custos 政务数据')).toBe(
      'otpauth://totp/Custos%20%E6%94%BF%E5%8A%A1%E6%95%B0%E6%8D%AE:zhang.san%40example.gov.cn' +
        `?secret=${secret}&issuer=Custos%20%E6%94%BF%E5%8A%A1%E6%95%B0%E6%8D%AE&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it('normalises the secret and carries options', () => {
    const uri = new URL(totpUri(`${secret.toLowerCase()}`, 'li', 'Custos', { digits: 8, periodSeconds: 60 }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('digits')).toBe('8');
    expect(uri.searchParams.get('period')).toBe('60');
  });

  it('refuses colons, empty labels and bad secrets', () => {
    expect(() => totpUri(secret, 'a:b', 'Custos')).toThrow(expect.objectContaining({ code: 'TOTP_LABEL_INVALID' }));
    expect(() => totpUri(secret, 'li', 'Cus:tos')).toThrow(expect.objectContaining({ code: 'TOTP_LABEL_INVALID' }));
    expect(() => totpUri(secret, ' ', 'Custos')).toThrow(expect.objectContaining({ code: 'TOTP_LABEL_INVALID' }));
    expect(() => totpUri('not base32!', 'li', 'Custos')).toThrow(expect.objectContaining({ code: 'TOTP_SECRET_INVALID' }));
    expect(() => totpUri('MZXW6YTB', 'li', 'Custos')).toThrow(expect.objectContaining({ code: 'TOTP_SECRET_INVALID' }));
  });
});
