import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../audit/merkle/index.ts';
import { requestHash, type RequestHashInput } from './request-hash.ts';
import { rowScopePrefixes } from './row-scope.ts';

const INPUT: RequestHashInput = { method: 'post', path: '/api/v1/exchange/COND/query', purpose: 'MINIMUM_LIVING', user: 'civil-user', issue: '%E6%B0%91', body: new TextEncoder().encode('{"subject":"x"}') };

describe('requestHash', () => {
  it('is SHA-256 over the documented lines (docs/exchange.md)', () => {
    const bodyHash = createHash('sha256').update('{"subject":"x"}').digest('hex');
    const lines = ['custos-exchange-request/1', 'POST', INPUT.path, INPUT.purpose, INPUT.user, INPUT.issue, bodyHash].join('\n');
    expect(requestHash(sha256, INPUT)).toBe(createHash('sha256').update(lines).digest('hex'));
  });

  it('changes with every bound part', () => {
    const base = requestHash(sha256, INPUT);
    for (const change of [{ path: '/api/v1/exchange/OTHER/query' }, { purpose: 'PATROL' }, { user: 'someone' }, { issue: '' }, { body: new TextEncoder().encode('{"subject":"y"}') }, { method: 'PUT' }]) {
      expect(requestHash(sha256, { ...INPUT, ...change })).not.toBe(base);
    }
  });
});

describe('rowScopePrefixes', () => {
  it('nests GB/T 2260 codes: province, prefecture, county', () => {
    expect(rowScopePrefixes({ type: 'all' })).toBeNull();
    expect(rowScopePrefixes({ type: 'regions', regionCodes: ['330000', '331100', '331199'] })).toEqual(['33', '3311', '331199']);
  });
});
