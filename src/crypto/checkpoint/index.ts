/**
 * Checkpoints (signed tree heads) as C2SP signed notes: c2sp.org/signed-note and
 * c2sp.org/tlog-checkpoint. The intl suite signs with Ed25519 (type 0x01); the gm suite signs with
 * SM2/SM3 (type 0xff || "sm2-sm3", GB/T 32918.2, default user ID of GM/T 0009).
 */
export type { NoteSigner, NoteVerifier } from './note-signer.ts';
export { KEY_ID_BYTES, noteKeyId } from './key-id.ts';
export { isValidKeyName } from './key-name.ts';
export {
  isValidNoteBody,
  MAX_NOTE_LENGTH,
  MAX_NOTE_SIGNATURES,
  parseNote,
  signNote,
  verifyNote,
  type NoteSignature,
  type ParsedNote,
  type VerifiedNote,
} from './note.ts';
export { CHECKPOINT_HASH_BYTES, formatCheckpoint, parseCheckpoint, type Checkpoint, type CheckpointInput } from './checkpoint.ts';
export { openCheckpoint, signCheckpoint, type OpenedCheckpoint } from './signed-checkpoint.ts';
export {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SEED_BYTES,
  ED25519_SIGNATURE_BYTES,
  ED25519_SIGNATURE_TYPE,
  ed25519KeyId,
  ed25519PublicKey,
  ed25519Signer,
  ed25519TypedPublicKey,
  ed25519Verifier,
} from './ed25519-signer.ts';
export {
  isValidSm2PrivateKey,
  isValidSm2PublicKey,
  SM2_PRIVATE_KEY_BYTES,
  SM2_PUBLIC_KEY_BYTES,
  SM2_SIGNATURE_BYTES,
  SM2_SIGNATURE_TYPE,
  SM2_USER_ID,
  sm2KeyId,
  sm2PublicKey,
  sm2Signer,
  sm2TypedPublicKey,
  sm2Verifier,
  verifySm2Signature,
} from './sm2-signer.ts';
export { formatVerifierKey, parseVerifierKey } from './verifier-key.ts';
export { generateSigningKey, loadSigningKey, signerFromKey, verifierFromKey, verifierKeyText, type SigningKey } from './signing-key.ts';
