export { foldFullWidth } from './fold-width.ts';
export { PROVINCE_CODES, isProvinceCode } from './province-codes.ts';
export {
  normalizeResidentId,
  residentIdCheckCharacter,
  validateResidentId,
  type ResidentIdInvalidReason,
  type ResidentIdValidation,
} from './resident-id.ts';
export { organisationCodeCheckCharacter, isValidOrganisationCode } from './organisation-code.ts';
export {
  USCC_ALPHABET,
  normalizeUscc,
  usccCheckCharacter,
  validateUscc,
  type UsccInvalidReason,
  type UsccValidation,
} from './uscc.ts';
export { normalizeMobile, validateMobile, type MobileInvalidReason, type MobileValidation } from './mobile.ts';
export {
  bankCardCheckDigit,
  normalizeBankCard,
  validateBankCard,
  type BankCardInvalidReason,
  type BankCardValidation,
} from './bank-card.ts';
export { subjectIdentifier, blindIndexInput, type SubjectIdentifier } from './subject-identifier.ts';
export { mentionsPersonalNumber, personalNumberErrors } from './mentions-personal-number.ts';
export {
  PII_TYPES,
  RECOGNIZERS,
  scanText,
  scanTextWithFacts,
  type Finding,
  type FindingLocation,
  type PiiType,
  type RawFinding,
  type Recognizer,
  type ScanOptions,
} from './recognizers/index.ts';
