/**
 * Byte and text encodings used by signed notes and checkpoints. Decoders are strict because their
 * input is attacker-controlled: a value has exactly one accepted spelling, so that a note cannot be
 * re-encoded into a different text that still verifies.
 */

const textEncoder = new TextEncoder();

/** UTF-8 bytes of a string (C2SP signed-note: notes are UTF-8 text). */
export function utf8Bytes(text: string): Uint8Array {
  return textEncoder.encode(text);
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const length = parts.reduce((total, part) => total + part.length, 0);
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function bytesEqual(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index++) {
    if (left[index] !== right[index]) return false;
  }
  return true;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function toHex(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('hex');
}

/** Hex of even length, either case; undefined for anything else. */
export function fromHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/** Standard base64 with padding (RFC 4648 §4), as the C2SP specifications require. */
export function toBase64(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('base64');
}

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Strict standard base64 (RFC 4648 §4): padding required, no whitespace, no URL-safe alphabet, and
 * the unused trailing bits zero (RFC 4648 §3.5), checked by re-encoding. Undefined if not canonical.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!STANDARD_BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) return undefined;
  return new Uint8Array(bytes);
}
