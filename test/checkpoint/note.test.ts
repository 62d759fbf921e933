import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/core/shared/id-generator.ts';
import {
  generateSigningKey,
  MAX_NOTE_SIGNATURES,
  parseNote,
  parseVerifierKey,
  signerFromKey,
  signNote,
  verifierFromKey,
  verifierKeyText,
  verifyNote,
  type NoteSigner,
  type SigningKey,
} from '../../src/crypto/checkpoint/index.ts';
import { expectDomainError } from './expect-domain-error.ts';

const NAME = 'custos.example/audit-log';
const BODY = 'custos.example/audit-log\n42\nq6y0Bfw3mdJV+6PjOybYqUZeX7AE5VfhBYHY0eFGRSI=\n';
const suites = ['intl', 'gm'] as const;

function keyFor(suite: 'intl' | 'gm', name = NAME, seed = 1): SigningKey {
  return generateSigningKey(suite, name, seededRandom(seed));
}

/** Flips one bit of the byte at `index` of the UTF-8 text (kept ASCII by the callers). */
function flipTextBit(text: string, index: number): string {
  const bytes = Buffer.from(text, 'utf8');
  bytes[index]! ^= 0x01;
  return bytes.toString('utf8');
}

/** Rewrites the base64 of the first signature line through `edit`. */
function editFirstSignature(note: string, edit: (bytes: Buffer) => void): string {
  const lines = note.split('\n');
  const index = lines.findIndex((line) => line.startsWith('\u2014 '));
  const [prefix, name, encoded] = lines[index]!.split(' ') as [string, string, string];
  const bytes = Buffer.from(encoded, 'base64');
  edit(bytes);
  lines[index] = `${prefix} ${name} ${bytes.toString('base64')}`;
  return lines.join('\n');
}

describe.each(suites)('signed note, %s suite', (suite) => {
  const key = keyFor(suite);
  const signer = signerFromKey(key);
  const verifier = verifierFromKey(key);

  it('round-trips sign → parse → verify', () => {
    const note = signNote(BODY, [signer]);
    expect(note.startsWith(`${BODY}\n\u2014 ${NAME} `)).toBe(true);
    expect(note.endsWith('\n')).toBe(true);

    const parsed = parseNote(note);
    expect(parsed.body).toBe(BODY);
    expect(parsed.signatures).toHaveLength(1);
    expect(parsed.signatures[0]!.name).toBe(NAME);
    expect(parsed.signatures[0]!.keyId).toEqual(signer.keyId);
    expect(parsed.signatures[0]!.signature).toHaveLength(64);

    expect(verifyNote(note, [verifier])).toEqual({ body: BODY, verifiedBy: [NAME] });
    // A verifier rebuilt from the vkey text works the same.
    expect(verifyNote(note, [parseVerifierKey(verifierKeyText(key))]).verifiedBy).toEqual([NAME]);
  });

  it('keeps empty lines inside the text: the last empty line separates the signatures', () => {
    const body = 'first\n\nsecond\n\n';
    const note = signNote(body, [signer]);
    expect(parseNote(note).body).toBe(body);
    expect(verifyNote(note, [verifier]).body).toBe(body);
  });

  it('fails when one bit of the body changes', () => {
    const note = signNote(BODY, [signer]);
    // Byte 0 is 'c', which becomes 'b'; byte 25 is the '4' of the tree size, which becomes '5'.
    expectDomainError(() => verifyNote(flipTextBit(note, 0), [verifier]), 'NOTE_UNVERIFIED');
    expectDomainError(() => verifyNote(flipTextBit(note, 25), [verifier]), 'NOTE_UNVERIFIED');
  });

  it('fails when one bit of the signature changes, and names the key that failed', () => {
    const note = signNote(BODY, [signer]);
    for (const byte of [4, 20, 67]) {
      const tampered = editFirstSignature(note, (bytes) => {
        bytes[byte]! ^= 0x80;
      });
      const error = expectDomainError(() => verifyNote(tampered, [verifier]), 'NOTE_UNVERIFIED');
      expect(error.details).toEqual({ keyName: NAME });
    }
  });

  it('ignores a signature whose key ID changed: it no longer names a known key', () => {
    const tampered = editFirstSignature(signNote(BODY, [signer]), (bytes) => {
      bytes[0]! ^= 0x01;
    });
    const error = expectDomainError(() => verifyNote(tampered, [verifier]), 'NOTE_UNVERIFIED');
    expect(error.details).toBeUndefined();
  });

  it('ignores signatures from unknown keys', () => {
    const stranger = signerFromKey(keyFor(suite, 'stranger.example/log', 2));
    const note = signNote(BODY, [stranger, signer]);
    expect(verifyNote(note, [verifier]).verifiedBy).toEqual([NAME]);
    expectDomainError(() => verifyNote(signNote(BODY, [stranger]), [verifier]), 'NOTE_UNVERIFIED');
  });

  it('ignores a signature with the right name but another key ID, and one with the right ID but another name', () => {
    // Same name, other key: a different key ID, so not the trusted key.
    const sameName = signerFromKey(keyFor(suite, NAME, 3));
    expect(sameName.keyId).not.toEqual(signer.keyId);
    expectDomainError(() => verifyNote(signNote(BODY, [sameName]), [verifier]), 'NOTE_UNVERIFIED');
    expect(verifyNote(signNote(BODY, [sameName, signer]), [verifier]).verifiedBy).toEqual([NAME]);

    // A signer that claims the trusted key ID under another name is ignored too.
    const otherName: NoteSigner = { name: 'other.example/log', keyId: signer.keyId, sign: (message) => signer.sign(message) };
    expectDomainError(() => verifyNote(signNote(BODY, [otherName]), [verifier]), 'NOTE_UNVERIFIED');
  });

  it('ignores garbage from an unknown key but does not accept garbage from a known one', () => {
    const junk: NoteSigner = { name: NAME, keyId: Uint8Array.of(1, 2, 3, 4), sign: () => Uint8Array.of(9) };
    expect(verifyNote(signNote(BODY, [junk, signer]), [verifier]).verifiedBy).toEqual([NAME]);
    const shortSignature: NoteSigner = { name: NAME, keyId: signer.keyId, sign: () => Uint8Array.of(9) };
    expectDomainError(() => verifyNote(signNote(BODY, [shortSignature]), [verifier]), 'NOTE_UNVERIFIED');
  });
});

describe('signed note with several signers', () => {
  it('verifies a note cosigned in both suites and reports each trusted key once', () => {
    const intl = keyFor('intl', 'custos.example/intl');
    const gm = keyFor('gm', 'custos.example/gm');
    const note = signNote(BODY, [signerFromKey(intl), signerFromKey(gm), signerFromKey(intl)]);
    expect(parseNote(note).signatures.map((signature) => signature.name)).toEqual(['custos.example/intl', 'custos.example/gm', 'custos.example/intl']);
    expect(verifyNote(note, [verifierFromKey(gm), verifierFromKey(intl)]).verifiedBy).toEqual(['custos.example/intl', 'custos.example/gm']);
    expect(verifyNote(note, [verifierFromKey(gm)]).verifiedBy).toEqual(['custos.example/gm']);
  });
});

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Sets an unused low bit of the last base64 character before `=`: same bytes, non-canonical text. */
function withTrailingBits(encoded: string): string {
  if (!encoded.endsWith('=') || encoded.endsWith('==')) throw new Error('expected one padding character');
  const value = BASE64_ALPHABET.indexOf(encoded.at(-2)!);
  const altered = `${encoded.slice(0, -2)}${BASE64_ALPHABET[(value & ~0b11) | 0b01]!}=`;
  if (!Buffer.from(altered, 'base64').equals(Buffer.from(encoded, 'base64'))) throw new Error('expected the same bytes');
  return altered;
}

describe('malformed notes', () => {
  const signer = signerFromKey(keyFor('intl'));
  const note = signNote(BODY, [signer]);
  const signatureLine = note.slice(BODY.length + 1);
  const encoded = signatureLine.split(' ')[2]!.trimEnd();

  const cases: [string, unknown][] = [
    ['not text', 42],
    ['empty', ''],
    ['no blank line before the signatures', `${BODY}${signatureLine}`],
    ['no trailing newline', note.slice(0, -1)],
    ['no signatures', `${BODY}\n`],
    ['a blank line after the signatures', `${note}\n`],
    ['base64 with a bad character', `${BODY}\n\u2014 ${NAME} ${encoded.slice(0, -2)}*=\n`],
    ['base64 without padding', `${BODY}\n\u2014 ${NAME} ${encoded.replace(/=+$/, '')}\n`],
    ['URL-safe base64', `${BODY}\n\u2014 ${NAME} ${Buffer.from(encoded, 'base64').toString('base64url')}==\n`],
    ['non-canonical trailing bits in base64', `${BODY}\n\u2014 ${NAME} ${withTrailingBits(encoded)}\n`],
    ['a signature of only a key ID', `${BODY}\n\u2014 ${NAME} ${Buffer.from(signer.keyId).toString('base64')}\n`],
    ['a hyphen instead of the em dash', `${BODY}\n- ${NAME} ${encoded}\n`],
    ['an en dash instead of the em dash', `${BODY}\n\u2013 ${NAME} ${encoded}\n`],
    ['no space after the dash', `${BODY}\n\u2014${NAME} ${encoded}\n`],
    ['two spaces between the fields', `${BODY}\n\u2014 ${NAME}  ${encoded}\n`],
    ['a third field', `${BODY}\n\u2014 ${NAME} ${encoded} extra\n`],
    ['a key name with a plus sign', `${BODY}\n\u2014 a+b ${encoded}\n`],
    ['a key name with a no-break space', `${BODY}\n\u2014 a\u00a0b ${encoded}\n`],
    ['an empty key name', `${BODY}\n\u2014  ${encoded}\n`],
    ['a carriage return', note.replace('\n\n', '\r\n\r\n')],
    ['a tab in the text', `a\tb\n\n${signatureLine}`],
    ['a NUL character', `a\u0000\n\n${signatureLine}`],
    ['a lone surrogate', `a\ud800\n\n${signatureLine}`],
    ['too many signatures', `${BODY}\n${signatureLine.repeat(MAX_NOTE_SIGNATURES + 1)}`],
  ];

  it.each(cases)('rejects %s with NOTE_MALFORMED', (_label, text) => {
    expectDomainError(() => parseNote(text), 'NOTE_MALFORMED');
    expectDomainError(() => verifyNote(text, [verifierFromKey(keyFor('intl'))]), 'NOTE_MALFORMED');
  });

  it('accepts the maximum number of signatures', () => {
    expect(parseNote(`${BODY}\n${signatureLine.repeat(MAX_NOTE_SIGNATURES)}`).signatures).toHaveLength(MAX_NOTE_SIGNATURES);
  });
});

describe('signNote input', () => {
  const signer = signerFromKey(keyFor('intl'));

  it('refuses text that cannot be a note', () => {
    for (const body of ['', 'no newline', 'carriage\r\n', 'nul\u0000\n', 'lone \udc00\n']) {
      expectDomainError(() => signNote(body, [signer]), 'NOTE_BODY_INVALID');
    }
  });

  it('refuses no signers and malformed signers', () => {
    expectDomainError(() => signNote(BODY, []), 'NOTE_SIGNER_INVALID');
    expectDomainError(() => signNote(BODY, [{ ...signer, name: 'has space' }]), 'NOTE_SIGNER_INVALID');
    expectDomainError(() => signNote(BODY, [{ ...signer, keyId: Uint8Array.of(1, 2, 3) }]), 'NOTE_SIGNER_INVALID');
    expectDomainError(() => signNote(BODY, [{ ...signer, sign: () => new Uint8Array(0) }]), 'NOTE_SIGNER_INVALID');
  });
});
