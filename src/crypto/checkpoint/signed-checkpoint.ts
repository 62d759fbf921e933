import { DomainError } from '../../core/shared/domain-error.ts';
import { formatCheckpoint, parseCheckpoint, type Checkpoint, type CheckpointInput } from './checkpoint.ts';
import { signNote, verifyNote } from './note.ts';
import type { NoteSigner, NoteVerifier } from './note-signer.ts';

export interface OpenedCheckpoint {
  checkpoint: Checkpoint;
  verifiedBy: string[];
}

/** A checkpoint is a signed note whose text is a checkpoint body (C2SP tlog-checkpoint). */
export function signCheckpoint(checkpoint: CheckpointInput, signers: readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(checkpoint), signers);
}

/**
 * Verifies the note first and only then reads its text, since the text "MUST be ignored unless the
 * note is signed by a trusted key" (C2SP signed-note). The origin must be the log the caller expects:
 * the origin is the log's identity (C2SP tlog-checkpoint).
 */
export function openCheckpoint(text: unknown, options: { verifiers: readonly NoteVerifier[]; origin: string }): OpenedCheckpoint {
  const note = verifyNote(text, options.verifiers);
  const checkpoint = parseCheckpoint(note.body);
  if (checkpoint.origin !== options.origin) {
    throw new DomainError('CHECKPOINT_ORIGIN_MISMATCH', 'checkpoint comes from a different log than expected');
  }
  return { checkpoint, verifiedBy: note.verifiedBy };
}
