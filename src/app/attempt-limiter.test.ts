import { describe, expect, it } from 'vitest';
import { addressKey, admit, AttemptLimiter } from './attempt-limiter.ts';

describe('AttemptLimiter', () => {
  it('allows the limit in a window, refuses the next with the time left, and reopens', () => {
    const limiter = new AttemptLimiter(3, 60_000);
    for (let attempt = 0; attempt < 3; attempt += 1) expect(limiter.take('198.51.100.7', 1_000 + attempt)).toEqual({ allowed: true });
    expect(limiter.take('198.51.100.7', 31_000)).toEqual({ allowed: false, retryAfterMs: 30_000 });
    expect(limiter.take('203.0.113.9', 31_000)).toEqual({ allowed: true });
    expect(limiter.take('198.51.100.7', 61_000)).toEqual({ allowed: true });
  });

  it('holds at most maxKeys keys, dropping the oldest first', () => {
    const limiter = new AttemptLimiter(1, 60_000, 2);
    expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('b', 1).allowed).toBe(true);
    expect(limiter.take('c', 2).allowed).toBe(true);
    // 'a' was dropped to make room, so it starts afresh; 'c' is still counted.
    expect(limiter.take('a', 3).allowed).toBe(true);
    expect(limiter.take('c', 4).allowed).toBe(false);
  });
});

describe('addressKey', () => {
  it('keys IPv4 by the address and IPv6 by its /64, however it is written', () => {
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('2001:db8:1:2::7')).toBe('2001:0db8:0001:0002::/64');
    expect(addressKey('2001:DB8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:0db8:0001:0002::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:0db8:0000:0000::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0000:0000:0000::/64');
    expect(addressKey('::1')).toBe('0000:0000:0000:0000::/64');
    expect(addressKey('64:ff9b::192.0.2.7')).toBe('0064:ff9b:0000:0000::/64');
  });

  it('makes the addresses of one /64 share a window, and another /64 keep its own', () => {
    const limiter = new AttemptLimiter(2, 60_000);
    admit(limiter, '2001:db8:1:2::1', 0);
    admit(limiter, '2001:db8:1:2::2', 0);
    expect(() => admit(limiter, '2001:db8:1:2:ffff::3', 0)).toThrow(expect.objectContaining({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 60 } }));
    expect(() => admit(limiter, '2001:db8:1:3::1', 0)).not.toThrow();
  });
});
