export { keepEnds } from './keep-ends.ts';
export { REDACTED, redactAll } from './redact-all.ts';
export { truncateDate } from './truncate-date.ts';
export { maskAddress } from './mask-address.ts';
export { maskEmail } from './mask-email.ts';
export { MASK_NAMES, isMaskName, type MaskName } from './mask-names.ts';
export { maskStrength } from './mask-strength.ts';
export { MASK_LABELS } from './mask-labels.ts';
export { applyMask, maskValue, type MaskKeys } from './apply-mask.ts';
