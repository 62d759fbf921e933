import { DomainError } from '../../core/shared/domain-error.ts';
import { bytesEqual, concatBytes, fromBase64, toBase64, utf8Bytes } from './encoding.ts';
import { KEY_ID_BYTES } from './key-id.ts';
import { isValidKeyName } from './key-name.ts';
import type { NoteSigner, NoteVerifier } from './note-signer.ts';

/**
 * Signed notes as specified by C2SP signed-note (c2sp.org/signed-note):
 *
 *     <text ending in newline>
 *     <blank line>
 *     — <key name> <base64(4-byte key ID || signature)>
 *     …
 *
 * The signature line starts with EM DASH (U+2014) and a space.
 */

const SIGNATURE_LINE_PREFIX = '\u2014 ';

/**
 * "Verifiers SHOULD apply a maximum limit to the number of signatures in a note … but MUST accept
 * at least up to 16 signatures." Both limits keep parsing of hostile input cheap.
 */
export const MAX_NOTE_SIGNATURES = 100;
export const MAX_NOTE_LENGTH = 1024 * 1024;

export interface NoteSignature {
  name: string;
  keyId: Uint8Array;
  signature: Uint8Array;
}

export interface ParsedNote {
  body: string;
  signatures: NoteSignature[];
}

export interface VerifiedNote {
  body: string;
  /** Names of the trusted keys whose signatures verified, each key once. */
  verifiedBy: string[];
}

/**
 * "Signed notes MUST be valid UTF-8 and MUST NOT contain any ASCII control characters (those below
 * U+0020) other than newline." A JavaScript string is valid UTF-8 once it has no lone surrogates.
 */
function isValidNoteCharacters(text: string): boolean {
  if (!text.isWellFormed()) return false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 && code !== 0x0a) return false;
  }
  return true;
}

/** The note text: non-empty, ends in a newline, valid characters ("Format"). */
export function isValidNoteBody(body: unknown): body is string {
  return typeof body === 'string' && body.length <= MAX_NOTE_LENGTH && body.endsWith('\n') && isValidNoteCharacters(body);
}

function malformed(message: string): DomainError<'NOTE_MALFORMED'> {
  return new DomainError('NOTE_MALFORMED', message);
}

/** Signs `body` with every signer, in order, and returns the signed note text. */
export function signNote(body: string, signers: readonly NoteSigner[]): string {
  if (!isValidNoteBody(body)) {
    throw new DomainError('NOTE_BODY_INVALID', 'note text must be UTF-8 ending in a newline, with no control characters other than newline');
  }
  if (signers.length === 0 || signers.length > MAX_NOTE_SIGNATURES) {
    throw new DomainError('NOTE_SIGNER_INVALID', `a note needs between 1 and ${MAX_NOTE_SIGNATURES} signers`);
  }
  const message = utf8Bytes(body);
  const lines = signers.map((signer) => {
    if (!isValidKeyName(signer.name)) throw new DomainError('NOTE_SIGNER_INVALID', 'signer key name is not a valid note key name');
    if (signer.keyId.length !== KEY_ID_BYTES) throw new DomainError('NOTE_SIGNER_INVALID', 'signer key ID must be 4 bytes');
    const signature = signer.sign(message);
    if (signature.length === 0) throw new DomainError('NOTE_SIGNER_INVALID', 'signer returned an empty signature');
    return `${SIGNATURE_LINE_PREFIX}${signer.name} ${toBase64(concatBytes(signer.keyId, signature))}\n`;
  });
  return `${body}\n${lines.join('')}`;
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_LINE_PREFIX)) throw malformed('signature line must start with an em dash and a space');
  const fields = line.slice(SIGNATURE_LINE_PREFIX.length).split(' ');
  if (fields.length !== 2) throw malformed('signature line must hold a key name and a signature separated by one space');
  const [name, encoded] = fields as [string, string];
  if (!isValidKeyName(name)) throw malformed('signature line has an invalid key name');
  const bytes = fromBase64(encoded);
  // 4 bytes of key ID and a signature of at least one byte.
  if (bytes === undefined || bytes.length <= KEY_ID_BYTES) throw malformed('signature is not canonical base64 of a key ID and a signature');
  return { name, keyId: bytes.slice(0, KEY_ID_BYTES), signature: bytes.slice(KEY_ID_BYTES) };
}

/**
 * Splits a signed note into its text and signature lines without verifying anything. The text
 * "is separated from the signatures by the last empty line in the note", so the text may itself
 * contain empty lines while the signature block never does. The result MUST be ignored until
 * `verifyNote` has checked it.
 */
export function parseNote(text: unknown): ParsedNote {
  if (typeof text !== 'string') throw malformed('note must be text');
  if (text.length > MAX_NOTE_LENGTH) throw malformed('note is too long');
  if (!isValidNoteCharacters(text)) throw malformed('note must be UTF-8 without control characters other than newline');
  if (!text.endsWith('\n')) throw malformed('note must end in a newline');
  const separator = text.lastIndexOf('\n\n');
  if (separator < 0) throw malformed('note has no blank line before its signatures');
  const body = text.slice(0, separator + 1);
  const block = text.slice(separator + 2);
  if (block.length === 0) throw malformed('note has no signatures');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw malformed(`note has more than ${MAX_NOTE_SIGNATURES} signatures`);
  return { body, signatures: lines.map(parseSignatureLine) };
}

function verifiesSafely(verifier: NoteVerifier, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verifier.verify(message, signature) === true;
  } catch {
    return false;
  }
}

/**
 * Verifies a signed note against trusted keys (C2SP signed-note, "Signatures"):
 * - a signature whose (key name, key ID) matches no trusted key is ignored, even if it shares the
 *   name or the ID (but not both) with one;
 * - a signature from a trusted key that fails to verify rejects the whole note (the spec's SHOULD);
 * - if no signature from a trusted key verifies, the note is rejected (the spec's MUST).
 * Throws NOTE_MALFORMED for text that is not a signed note and NOTE_UNVERIFIED otherwise.
 */
export function verifyNote(text: unknown, verifiers: readonly NoteVerifier[]): VerifiedNote {
  const note = parseNote(text);
  const message = utf8Bytes(note.body);
  const verified = new Set<NoteVerifier>();
  for (const signature of note.signatures) {
    const verifier = verifiers.find((candidate) => candidate.name === signature.name && bytesEqual(candidate.keyId, signature.keyId));
    if (verifier === undefined) continue;
    if (!verifiesSafely(verifier, message, signature.signature)) {
      throw new DomainError('NOTE_UNVERIFIED', 'a signature from a trusted key does not verify', { details: { keyName: signature.name } });
    }
    verified.add(verifier);
  }
  if (verified.size === 0) throw new DomainError('NOTE_UNVERIFIED', 'no signature from a trusted key');
  return { body: note.body, verifiedBy: [...verified].map((verifier) => verifier.name) };
}
