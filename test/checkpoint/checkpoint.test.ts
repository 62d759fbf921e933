import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/shared/id-generator.ts';
import {
  formatCheckpoint,
  generateSigningKey,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  signerFromKey,
  signNote,
  verifierFromKey,
} from '../../src/crypto/checkpoint/index.ts';
import { expectDomainError } from './expect-domain-error.ts';

const ORIGIN = 'custos.example/audit-log';
const ROOT = Uint8Array.from({ length: 32 }, (_, index) => index);
const ROOT_BASE64 = Buffer.from(ROOT).toString('base64');

describe('checkpoint body', () => {
  it('formats origin, decimal size and base64 root hash, one per line', () => {
    expect(formatCheckpoint({ origin: ORIGIN, size: 20852163, rootHash: ROOT })).toBe(`${ORIGIN}\n20852163\n${ROOT_BASE64}\n`);
    expect(formatCheckpoint({ origin: ORIGIN, size: 0, rootHash: ROOT, extensions: ['ext one', 'ext-two'] })).toBe(
      `${ORIGIN}\n0\n${ROOT_BASE64}\next one\next-two\n`,
    );
  });

  it('parses what it formats, keeping extension lines', () => {
    const input = { origin: ORIGIN, size: Number.MAX_SAFE_INTEGER, rootHash: ROOT, extensions: ['x=1', 'y'] };
    expect(parseCheckpoint(formatCheckpoint(input))).toEqual({ ...input, extensions: ['x=1', 'y'] });
    expect(parseCheckpoint(formatCheckpoint({ origin: ORIGIN, size: 0, rootHash: ROOT }))).toEqual({ origin: ORIGIN, size: 0, rootHash: ROOT, extensions: [] });
  });

  it('parses the example of the C2SP tlog-checkpoint specification', () => {
    const checkpoint = parseCheckpoint('example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n');
    expect(checkpoint.origin).toBe('example.com/behind-the-sofa');
    expect(checkpoint.size).toBe(20852163);
    expect(checkpoint.rootHash).toHaveLength(32);
  });

  it('accepts an origin that is not URL-like: clients must not assume the format', () => {
    expect(parseCheckpoint(`My Log + Co\n1\n${ROOT_BASE64}\n`).origin).toBe('My Log + Co');
  });

  const malformed: [string, unknown][] = [
    ['not text', 7],
    ['no trailing newline', `${ORIGIN}\n1\n${ROOT_BASE64}`],
    ['only two lines', `${ORIGIN}\n1\n`],
    ['an empty origin', `\n1\n${ROOT_BASE64}\n`],
    ['an origin of spaces', `   \n1\n${ROOT_BASE64}\n`],
    ['a leading zero in the size', `${ORIGIN}\n042\n${ROOT_BASE64}\n`],
    ['a size of 00', `${ORIGIN}\n00\n${ROOT_BASE64}\n`],
    ['a negative size', `${ORIGIN}\n-1\n${ROOT_BASE64}\n`],
    ['a signed size', `${ORIGIN}\n+1\n${ROOT_BASE64}\n`],
    ['an exponent size', `${ORIGIN}\n1e3\n${ROOT_BASE64}\n`],
    ['a hex size', `${ORIGIN}\n0x10\n${ROOT_BASE64}\n`],
    ['a padded size', `${ORIGIN}\n 1\n${ROOT_BASE64}\n`],
    ['full-width digits', `${ORIGIN}\n\uff11\n${ROOT_BASE64}\n`],
    ['a size beyond 2^53 − 1', `${ORIGIN}\n9007199254740992\n${ROOT_BASE64}\n`],
    ['a 31-byte root hash', `${ORIGIN}\n1\n${Buffer.alloc(31, 1).toString('base64')}\n`],
    ['a 33-byte root hash', `${ORIGIN}\n1\n${Buffer.alloc(33, 1).toString('base64')}\n`],
    ['a hex root hash', `${ORIGIN}\n1\n${Buffer.from(ROOT).toString('hex')}\n`],
    ['an unpadded root hash', `${ORIGIN}\n1\n${ROOT_BASE64.replace('=', '')}\n`],
    ['a URL-safe root hash', `${ORIGIN}\n1\n${Buffer.alloc(32, 0xfb).toString('base64url')}=\n`],
    ['an empty extension line', `${ORIGIN}\n1\n${ROOT_BASE64}\n\n`],
    ['an extension line of spaces', `${ORIGIN}\n1\n${ROOT_BASE64}\n  \n`],
    ['a carriage return', `${ORIGIN}\r\n1\n${ROOT_BASE64}\n`],
  ];

  it.each(malformed)('rejects %s with CHECKPOINT_MALFORMED', (_label, body) => {
    expectDomainError(() => parseCheckpoint(body), 'CHECKPOINT_MALFORMED');
  });

  it('refuses to format what it would not parse', () => {
    const cases = [
      { origin: '', size: 1, rootHash: ROOT },
      { origin: 'has space', size: 1, rootHash: ROOT },
      { origin: 'a+b', size: 1, rootHash: ROOT },
      { origin: 'line\nbreak', size: 1, rootHash: ROOT },
      { origin: ORIGIN, size: -1, rootHash: ROOT },
      { origin: ORIGIN, size: 1.5, rootHash: ROOT },
      { origin: ORIGIN, size: 2 ** 53, rootHash: ROOT },
      { origin: ORIGIN, size: 1, rootHash: ROOT.subarray(1) },
      { origin: ORIGIN, size: 1, rootHash: ROOT, extensions: [''] },
      { origin: ORIGIN, size: 1, rootHash: ROOT, extensions: ['two\nlines'] },
      { origin: ORIGIN, size: 1, rootHash: ROOT, extensions: ['tab\there'] },
    ];
    for (const input of cases) expectDomainError(() => formatCheckpoint(input), 'CHECKPOINT_INVALID');
  });
});

describe.each(['intl', 'gm'] as const)('signed checkpoint, %s suite', (suite) => {
  const key = generateSigningKey(suite, ORIGIN, seededRandom(11));
  const signer = signerFromKey(key);
  const verifier = verifierFromKey(key);

  it('opens what it signs', () => {
    const text = signCheckpoint({ origin: ORIGIN, size: 5, rootHash: ROOT }, [signer]);
    expect(openCheckpoint(text, { verifiers: [verifier], origin: ORIGIN })).toEqual({
      checkpoint: { origin: ORIGIN, size: 5, rootHash: ROOT, extensions: [] },
      verifiedBy: [ORIGIN],
    });
  });

  it('refuses a checkpoint from another log, a tampered one, and a signed but malformed one', () => {
    const text = signCheckpoint({ origin: ORIGIN, size: 5, rootHash: ROOT }, [signer]);
    expectDomainError(() => openCheckpoint(text, { verifiers: [verifier], origin: 'custos.example/other' }), 'CHECKPOINT_ORIGIN_MISMATCH');
    expectDomainError(() => openCheckpoint(text.replace('\n5\n', '\n6\n'), { verifiers: [verifier], origin: ORIGIN }), 'NOTE_UNVERIFIED');

    const leadingZero = signNote(`${ORIGIN}\n05\n${ROOT_BASE64}\n`, [signer]);
    expectDomainError(() => openCheckpoint(leadingZero, { verifiers: [verifier], origin: ORIGIN }), 'CHECKPOINT_MALFORMED');
    const shortRoot = signNote(`${ORIGIN}\n5\n${Buffer.alloc(31).toString('base64')}\n`, [signer]);
    expectDomainError(() => openCheckpoint(shortRoot, { verifiers: [verifier], origin: ORIGIN }), 'CHECKPOINT_MALFORMED');
  });
});
