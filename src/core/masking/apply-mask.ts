import { normalizeBankCard } from '../pii/bank-card.ts';
import { normalizeMobile } from '../pii/mobile.ts';
import { normalizeResidentId } from '../pii/resident-id.ts';
import { normalizeUscc } from '../pii/uscc.ts';
import { keepEnds } from './keep-ends.ts';
import { maskAddress } from './mask-address.ts';
import { maskEmail } from './mask-email.ts';
import type { MaskName } from './mask-names.ts';
import { redactAll } from './redact-all.ts';
import { truncateRegionCode } from './truncate-region-code.ts';
import { truncateDate } from './truncate-date.ts';
import { DomainError } from '../shared/domain-error.ts';

/**
 * The display presets (GB/T 35273-2020 Annex A, de-identified display). Identifier presets
 * normalise first (full width, separators, the 15-digit resident ID) so that the same number
 * always shows the same way, then keep fixed ends; a value too short for its preset is masked
 * entirely (see keepEnds). An empty value stays empty, except under redact, which hides even that.
 *
 * uscc keeps the first 8 characters — registration authority, organisation type and region, as
 * coarse as the region prefix of a resident ID — and the last 2, which are check characters
 * derived from the rest; the organisation code body that singles out the holder is hidden.
 *
 * bank_card keeps the last 4 only, as banks print card numbers on statements and receipts.
 *
 * keyed_hash replaces the value with a keyed hash that the caller supplies per consumer, so that
 * one consumer can recognise its own records of a subject while two consumers cannot link their
 * datasets (GB/T 37964-2019 pseudonymisation). null withholds the value and its presence.
 *
 * A Record rather than a switch: a preset added to MASK_NAMES without an implementation here
 * fails to compile.
 */
export interface MaskKeys {
  /** The consumer's keyed hash, for keyed_hash. */
  keyedHash?: (value: string) => string;
}

function keyedHash(value: string, keys: MaskKeys): string {
  if (!keys.keyedHash) throw new DomainError('MASK_KEY_MISSING', 'keyed_hash needs a key per consumer');
  return keys.keyedHash(value);
}

const MASK_PRESETS: Record<MaskName, (value: string, keys: MaskKeys) => string | null> = {
  none: (value) => value,
  name: (value) => keepEnds(value, 1, 0),
  resident_id: (value) => keepEnds(normalizeResidentId(value), 6, 4),
  mobile: (value) => keepEnds(normalizeMobile(value), 3, 4),
  bank_card: (value) => keepEnds(normalizeBankCard(value), 0, 4),
  uscc: (value) => keepEnds(normalizeUscc(value), 8, 2),
  address: maskAddress,
  email: maskEmail,
  birth_date: truncateDate,
  redact: redactAll,
  keyed_hash: keyedHash,
  region_code: truncateRegionCode,
  null: () => null,
};

/** The masked form of a value; null only under the null preset. */
export function maskValue(name: MaskName, value: string, keys: MaskKeys = {}): string | null {
  return MASK_PRESETS[name](value, keys);
}

/** The masked text of a value, for documents, where a withheld value shows as redacted. */
export function applyMask(name: MaskName, value: string): string {
  return maskValue(name, value) ?? redactAll(value);
}
