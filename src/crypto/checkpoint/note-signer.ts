/**
 * A key that signs notes (C2SP signed-note). `name` and `keyId` together identify the key and its
 * signature algorithm; `sign` signs the UTF-8 bytes of the note text and returns the raw signature,
 * without the key ID that the signature line puts in front of it.
 */
export interface NoteSigner {
  name: string;
  keyId: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/**
 * A trusted key that checks note signatures. `verify` returns false for any signature it cannot
 * accept (wrong length, out of range, not valid) and does not throw on attacker-controlled input.
 */
export interface NoteVerifier {
  name: string;
  keyId: Uint8Array;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}
