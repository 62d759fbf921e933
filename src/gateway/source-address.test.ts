import { describe, expect, it } from 'vitest';
import { addressAllowed } from './source-address.ts';

describe('addressAllowed', () => {
  it('checks addresses and CIDR blocks of both families, IPv4-mapped addresses as IPv4', () => {
    const allowed = ['10.1.0.0/16', '192.0.2.7', '2001:db8::/32'];
    expect(addressAllowed('c1', allowed, '10.1.200.3')).toBe(true);
    expect(addressAllowed('c1', allowed, '::ffff:192.0.2.7')).toBe(true);
    expect(addressAllowed('c1', allowed, '2001:db8::1')).toBe(true);
    expect(addressAllowed('c1', allowed, '10.2.0.1')).toBe(false);
    expect(addressAllowed('c1', allowed, 'not-an-address')).toBe(false);
  });

  it('admits nothing with an empty allowlist, and follows a changed list', () => {
    expect(addressAllowed('c2', [], '127.0.0.1')).toBe(false);
    expect(addressAllowed('c2', ['127.0.0.1'], '127.0.0.1')).toBe(true);
  });
});
