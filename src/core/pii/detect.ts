import { validateBankCard } from './bank-card.ts';
import { validateMobile } from './mobile.ts';
import { validateResidentId } from './resident-id.ts';
import { validateUscc } from './uscc.ts';

export type IdentifierKind = 'resident_id' | 'uscc' | 'mobile' | 'bank_card';

export interface DetectedIdentifier {
  kind: IdentifierKind;
  normalized: string;
}

/**
 * Classifies one whole value, to suggest a PI class from sample values. The order goes from the
 * strongest check to the weakest: a resident ID (date, province and MOD 11-2) and a USCC (two
 * nested checks) are far less likely to validate by accident than Luhn, which one 18-digit
 * string in ten passes, so an ID that also happens to pass Luhn is reported as an ID.
 */
export function detectIdentifier(value: string): DetectedIdentifier | null {
  const residentId = validateResidentId(value);
  if (residentId.valid) return { kind: 'resident_id', normalized: residentId.normalized };
  const uscc = validateUscc(value);
  if (uscc.valid) return { kind: 'uscc', normalized: uscc.normalized };
  const mobile = validateMobile(value);
  if (mobile.valid) return { kind: 'mobile', normalized: mobile.normalized };
  const bankCard = validateBankCard(value);
  if (bankCard.valid) return { kind: 'bank_card', normalized: bankCard.normalized };
  return null;
}
