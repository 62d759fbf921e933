import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndexInput, subjectIdentifier } from '../core/pii/index.ts';
import { blindIndexer } from './blind-index.ts';

const key = Buffer.alloc(32, 7);

describe('subject blind index', () => {
  it('is HMAC-SHA-256 in the intl suite and HMAC-SM3 in the gm suite', () => {
    const input = 'resident_id:11010519491231002X';
    expect(blindIndexer(key, 'intl')(input)).toBe(createHmac('sha256', key).update(input).digest('hex'));
    expect(blindIndexer(key, 'gm')(input)).toBe(createHmac('sm3', key).update(input).digest('hex'));
    expect(blindIndexer(key, 'gm')(input)).not.toBe(blindIndexer(key, 'intl')(input));
  });

  it('gives every spelling of one subject the same index, and another key another one', () => {
    const index = blindIndexer(key, 'intl');
    const spellings = ['110105491231002', '11010519491231002x', '１１０１０５１９４９１２３１００２Ｘ'];
    const values = new Set(spellings.map((spelling) => index(blindIndexInput(subjectIdentifier(spelling)!))));
    expect(values.size).toBe(1);
    expect(blindIndexer(Buffer.alloc(32, 8), 'intl')(blindIndexInput(subjectIdentifier(spellings[0]!)!))).not.toBe([...values][0]);
  });

  it('refuses a short key', () => {
    expect(() => blindIndexer(Buffer.alloc(16), 'intl')).toThrow();
  });
});
