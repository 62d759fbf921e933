/**
 * A purpose (用途) on a region's list. Each maps to the statutory duties (三定职责) that justify
 * it, so a request's purpose can be checked against the consumer's duties (PIPL Art. 34).
 */
export interface Purpose {
  regionCode: string;
  code: string;
  name: string;
  dutyCodes: string[];
}

/** Purpose codes: upper-case letters, digits, dot, underscore and hyphen, as duty codes are. */
export const PURPOSE_CODE_PATTERN = '^[A-Z0-9][A-Z0-9._-]{0,31}$';
