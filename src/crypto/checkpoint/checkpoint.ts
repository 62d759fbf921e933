import { DomainError } from '../../core/shared/domain-error.ts';
import { fromBase64, toBase64 } from './encoding.ts';
import { isValidKeyName } from './key-name.ts';
import { isValidNoteBody } from './note.ts';

/**
 * The body of a transparency-log checkpoint (C2SP tlog-checkpoint, "Note text"):
 *
 *     <origin>
 *     <tree size in decimal>
 *     <base64 root hash>
 *     [extension lines]
 *
 * The root hash is that of the RFC 6962 Merkle tree: 32 bytes for both SHA-256 (intl suite) and
 * SM3 (gm suite).
 */
export interface Checkpoint {
  origin: string;
  /** Number of leaves. Sizes above 2^53 − 1 are not representable and are rejected. */
  size: number;
  rootHash: Uint8Array;
  /** Opaque extension lines, kept in order; their use is NOT RECOMMENDED by the spec. */
  extensions: string[];
}

export interface CheckpointInput {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions?: readonly string[];
}

export const CHECKPOINT_HASH_BYTES = 32;

/** "ASCII decimal … with no leading zeroes (unless the tree is empty, in which case … `0`)". */
const TREE_SIZE = /^(?:0|[1-9][0-9]*)$/;

function isNonBlankLine(line: string): boolean {
  return line.length > 0 && line.trim().length > 0 && !line.includes('\n');
}

/**
 * Formats a checkpoint body. We hold our own output to the spec's SHOULDs as well: the origin is a
 * valid note key name (no Unicode spaces, no plus) because the log signs with the origin as its
 * key name ("The log's key name in its signature line SHOULD match the origin line").
 */
export function formatCheckpoint(input: CheckpointInput): string {
  const extensions = input.extensions ?? [];
  if (!isValidKeyName(input.origin)) throw new DomainError('CHECKPOINT_INVALID', 'origin must be non-empty, without spaces, plus signs or control characters');
  if (!Number.isSafeInteger(input.size) || input.size < 0) throw new DomainError('CHECKPOINT_INVALID', 'tree size must be a non-negative safe integer');
  if (input.rootHash.length !== CHECKPOINT_HASH_BYTES) throw new DomainError('CHECKPOINT_INVALID', `root hash must be ${CHECKPOINT_HASH_BYTES} bytes`);
  if (!extensions.every(isNonBlankLine)) throw new DomainError('CHECKPOINT_INVALID', 'extension lines must be non-empty single lines');
  const body = [input.origin, String(input.size), toBase64(input.rootHash), ...extensions].map((line) => `${line}\n`).join('');
  if (!isValidNoteBody(body)) throw new DomainError('CHECKPOINT_INVALID', 'checkpoint is not valid note text');
  return body;
}

function malformed(message: string): DomainError<'CHECKPOINT_MALFORMED'> {
  return new DomainError('CHECKPOINT_MALFORMED', message);
}

/**
 * Parses a checkpoint body strictly. "The note text is a sequence of at least three non-empty
 * lines"; we also refuse lines of only whitespace. The origin is not required to be a URL: "clients
 * MUST NOT assume that the origin is following this format". Parse only a body that `verifyNote`
 * has verified: the text of an unverified note MUST be ignored.
 */
export function parseCheckpoint(body: unknown): Checkpoint {
  if (!isValidNoteBody(body)) throw malformed('checkpoint must be note text ending in a newline');
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) throw malformed('checkpoint needs an origin, a tree size and a root hash');
  if (!lines.every(isNonBlankLine)) throw malformed('checkpoint lines must be non-empty');
  const [origin, sizeText, rootText, ...extensions] = lines as [string, string, string, ...string[]];
  if (!TREE_SIZE.test(sizeText)) throw malformed('tree size must be decimal without leading zeros');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw malformed('tree size is too large');
  const rootHash = fromBase64(rootText);
  if (rootHash === undefined || rootHash.length !== CHECKPOINT_HASH_BYTES) {
    throw malformed(`root hash must be canonical base64 of ${CHECKPOINT_HASH_BYTES} bytes`);
  }
  return { origin, size, rootHash, extensions };
}
