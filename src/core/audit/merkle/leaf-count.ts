import { DomainError } from '../../shared/domain-error.ts';

/*
 * Leaf indexes and tree sizes reach proof building from HTTP query strings, so they are checked
 * as untrusted values: a whole number from 0 to Number.MAX_SAFE_INTEGER. Above that bound
 * doubles stop representing every integer and the tree arithmetic would quietly go wrong.
 */

export type ProofErrorCode = 'PROOF_RANGE_INVALID';

/** Whether a value can be a leaf index or a tree size. */
export function isLeafCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The value itself if it can be a leaf index or a tree size; otherwise a PROOF_RANGE_INVALID error naming the argument. */
export function requireLeafCount(value: unknown, argument: string): number {
  if (!isLeafCount(value)) {
    throw new DomainError<ProofErrorCode>('PROOF_RANGE_INVALID', `${argument} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`, {
      details: { argument },
    });
  }
  return value;
}
