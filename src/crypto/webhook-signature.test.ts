import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.ts';

const secret = 'cus_w_test-secret';
const body = '{"id":"d1","type":"request.granted","occurredAt":"2026-11-27T02:00:00.000Z","data":{"requestId":"r1"}}';
const timestamp = '1795744800';
const sentAt = new Date(Number(timestamp) * 1000);

describe('webhook signatures', () => {
  it('is HMAC-SHA256 over "<t>.<body>", hex, in a t=…,v1=… header', () => {
    // Computed here with node:crypto directly, not with the code under test.
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(`${timestamp}.${body}`, 'utf8')).digest('hex');
    expect(signWebhook(secret, timestamp, body)).toBe(`t=${timestamp},v1=${expected}`);
  });

  it('matches a fixed known answer', () => {
    // Computed once outside this code base: printf '%s' '<t>.<body>' | openssl dgst -sha256 -hmac '<secret>'.
    expect(signWebhook(secret, timestamp, body)).toBe(`t=${timestamp},v1=ef509587a276d26cc6341c338d69f0be2f8541febbffd024a4623d739f811ef6`);
  });

  it('verifies its own signature within the tolerance, either side', () => {
    const header = signWebhook(secret, timestamp, body);
    expect(verifyWebhook(secret, header, body, sentAt)).toBe(true);
    expect(verifyWebhook(secret, header, body, new Date(sentAt.getTime() + 300_000))).toBe(true);
    expect(verifyWebhook(secret, header, body, new Date(sentAt.getTime() - 300_000))).toBe(true);
  });

  it('refuses a replay outside the tolerance', () => {
    const header = signWebhook(secret, timestamp, body);
    expect(verifyWebhook(secret, header, body, new Date(sentAt.getTime() + 301_000))).toBe(false);
    expect(verifyWebhook(secret, header, body, new Date(sentAt.getTime() + 10_000), 5)).toBe(false);
  });

  it('refuses another body, another secret, or a moved timestamp', () => {
    const header = signWebhook(secret, timestamp, body);
    expect(verifyWebhook(secret, header, `${body} `, sentAt)).toBe(false);
    expect(verifyWebhook('another', header, body, sentAt)).toBe(false);
    const moved = header.replace(`t=${timestamp}`, `t=${Number(timestamp) + 1}`);
    expect(verifyWebhook(secret, moved, body, sentAt)).toBe(false);
  });

  it('accepts any one matching v1 among several, as during secret rotation', () => {
    const good = signWebhook(secret, timestamp, body).split(',')[1]!;
    const old = signWebhook('old-secret', timestamp, body).split(',')[1]!;
    expect(verifyWebhook(secret, `t=${timestamp},${old},${good}`, body, sentAt)).toBe(true);
  });

  it('refuses malformed headers without throwing', () => {
    const digest = signWebhook(secret, timestamp, body).split('v1=')[1]!;
    for (const header of ['', 'garbage', `v1=${digest}`, `t=${timestamp}`, `t=abc,v1=${digest}`, `t=${timestamp},v1=${digest.slice(2)}`, `t=${timestamp},t=${timestamp},v1=${digest}`, `t=${timestamp},v1=${digest.toUpperCase()}zz`]) {
      expect(verifyWebhook(secret, header, body, sentAt), header).toBe(false);
    }
  });

  it('refuses to sign with a timestamp that is not Unix seconds', () => {
    expect(() => signWebhook(secret, '2026-11-27T02:00:00Z', body)).toThrow(RangeError);
  });
});
