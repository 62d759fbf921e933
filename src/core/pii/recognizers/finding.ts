/**
 * The kinds of personal data the publication guard recognises (公示信息发布前脱敏检查). Identifier
 * kinds are checked by their own check characters where the standard has one; names and addresses
 * are found by context (a table column or a label), never by guessing from free prose alone.
 */
export const PII_TYPES = [
  'cn_resident_id',
  'cn_mobile',
  'cn_landline',
  'bank_card',
  'cn_uscc',
  'email',
  'cn_passport',
  'cn_hk_macau_permit',
  'cn_license_plate',
  'ipv4',
  'person_name',
  'address',
] as const;
export type PiiType = (typeof PII_TYPES)[number];

/** Where a finding sits in a structured document, when the format has such a place. */
export type FindingLocation = { sheet: string; cell: string } | { page: number };

/** One piece of personal data in a text. */
export interface Finding {
  type: PiiType;
  /** The exact text as it appears, before any normalisation. */
  value: string;
  /** JavaScript string offsets (UTF-16 code units) into the decoded text of the part scanned. */
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
  /** 0–1: how sure the recognizer is; check-character matches are near 1, context matches lower. */
  confidence: number;
  location?: FindingLocation;
}

export interface ScanOptions {
  /** Only these types; all when absent. */
  types?: readonly PiiType[];
}
