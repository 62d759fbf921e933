import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('page cursors', () => {
  it('round-trip hosted and upstream cursors', () => {
    expect(decodeCursor(encodeCursor({ kind: 'hosted', version: 3, row: 120 }))).toEqual({ kind: 'hosted', version: 3, row: 120 });
    expect(decodeCursor(encodeCursor({ kind: 'upstream', cursor: 'page=2&k=α' }))).toEqual({ kind: 'upstream', cursor: 'page=2&k=α' });
  });

  it('refuses anything else', () => {
    for (const text of ['', 'h.1', 'h.x.2', 'u.', '1.2']) expect(decodeCursor(Buffer.from(text).toString('base64url'))).toBeNull();
  });
});
