import type { AppContext } from './context.ts';
import { dataKeysOf, type DataKeys } from './exchange/data-keys.ts';

/**
 * Marks a sealed value. A dot occurs neither in a base32 TOTP secret nor in a base64url token, so
 * a secret stored before sealing began can never be taken for a sealed one.
 */
const SEALED_MARK = 'sealed.';

/** The names of the platform's own data keys, kept in `data_keys` beside the resources' ('@' begins no resource code). */
export type SecretKeyName = '@webhooks' | '@totp';

/** Sealing with the key in hand: no storage access, so it can be used inside a transaction. */
export interface SecretSealing {
  /** The secret sealed, bound to `place` (say `webhook/<id>`): it does not open anywhere else. */
  seal(secret: string, place: string): string;
}

/**
 * Secrets the platform must use again and so cannot keep as hashes (webhook signing secrets,
 * TOTP seeds), sealed at rest under a data key of their own, wrapped by the key store's KEK and
 * rotated with the resources' keys (data-keys.ts): whoever can read the database, contractors
 * included, can neither sign deliveries as Custos nor make a person's one-time codes
 * (GB/T 39786-2021 on the confidentiality of stored key material and authentication data).
 */
export class SealedSecrets {
  private readonly dataKeys: DataKeys;
  private readonly keyName: SecretKeyName;

  constructor(context: AppContext, keyName: SecretKeyName) {
    this.dataKeys = dataKeysOf(context);
    this.keyName = keyName;
  }

  /**
   * The key in hand, made and stored on first use. Called before any transaction: the key is then
   * committed on its own, and a transaction rolled back later cannot take with it a key this
   * process goes on sealing with.
   */
  async ready(): Promise<SecretSealing> {
    const cipher = await this.dataKeys.cipherFor(this.keyName);
    return { seal: (secret, place) => `${SEALED_MARK}${cipher.encrypt(secret, place)}` };
  }

  /**
   * The secret; one stored before sealing began comes back as it was written, without the key
   * being read. A sealed one whose key is gone fails (`DATA_KEY_MISSING`) rather than make a new key.
   */
  async open(stored: string, place: string): Promise<string> {
    if (!stored.startsWith(SEALED_MARK)) return stored;
    const cipher = await this.dataKeys.cipherFor(this.keyName, { create: false });
    return cipher.decrypt(stored.slice(SEALED_MARK.length), place);
  }
}

/** Where a person's TOTP seed is bound: its sealed form opens for that person only. */
export function totpPlace(personId: string): string {
  return `person/${personId}/totp`;
}
