import type { Complaint } from '../../core/complaints/index.ts';
import type { FieldCipher } from '../../crypto/field-cipher.ts';
import type { StoredComplaint } from '../../storage/repositories/complaints.ts';
import type { DataKeys } from '../exchange/data-keys.ts';

/**
 * The data key of complaint texts, kept in `data_keys` beside the resources' keys so that a KEK
 * rotation rewraps it with them; `@` begins no resource code.
 */
export const COMPLAINT_TEXTS_KEY = '@complaints';

type TextField = 'summary' | 'details' | 'contact' | 'answer' | 'rewardReason';

/** Sealing and opening with the key in hand: no storage access, so it can be used inside a transaction. */
export interface ComplaintSealing {
  /** A new complaint as it is stored: its texts sealed. */
  seal(complaint: Complaint): StoredComplaint;
  /** A text written later (the answer, the reward reason), sealed where the complaint's texts are. */
  sealText(stored: StoredComplaint, field: 'answer' | 'rewardReason', value: string): string;
  /** A stored complaint with its texts in plaintext. */
  open(stored: StoredComplaint): Complaint;
}

/**
 * A complaint's texts are sealed at rest under a data key of their own (envelope encryption as for
 * the resources, data-keys.ts): the filer's summary, details and contact, the answer and the
 * reward reason. They are a citizen's words about a department, often with names and numbers in
 * them, and the filer's identity is to be kept confidential (《数据安全法》第十二条;
 * 《个人信息保护法》第五十一条 on encryption as a security measure): a copy of the database, or a
 * contractor who reads it, sees ciphertext only. Each ciphertext is bound to its complaint and
 * field (the AAD), so it cannot be moved to another. Rows filed before sealing began are read as
 * written (migration 0011).
 */
export class ComplaintTexts {
  private readonly dataKeys: DataKeys;

  constructor(dataKeys: DataKeys) {
    this.dataKeys = dataKeys;
  }

  /**
   * The key in hand, made and stored on first use. Called before any transaction: the key is then
   * committed on its own, and a transaction rolled back later cannot take with it a key this
   * process goes on sealing with.
   */
  async ready(): Promise<ComplaintSealing> {
    const cipher = await this.dataKeys.cipherFor(COMPLAINT_TEXTS_KEY);
    return sealing(cipher);
  }
}

function place(id: string, field: TextField): string {
  return `complaint/${id}/${field}`;
}

/** The complaint with each of its texts passed through `apply`: sealing and opening touch the same fields. */
function withTexts(complaint: Complaint, apply: (field: TextField, value: string) => string): Complaint {
  const maybe = (field: TextField, value: string | null) => (value === null ? null : apply(field, value));
  return {
    ...complaint,
    summary: apply('summary', complaint.summary),
    details: apply('details', complaint.details),
    contact: maybe('contact', complaint.contact),
    answer: maybe('answer', complaint.answer),
    reward: complaint.reward && { ...complaint.reward, reason: apply('rewardReason', complaint.reward.reason) },
  };
}

function sealing(cipher: FieldCipher): ComplaintSealing {
  return {
    seal(complaint) {
      return { ...withTexts(complaint, (field, value) => cipher.encrypt(value, place(complaint.id, field))), textsSealed: true };
    },
    sealText(stored, field, value) {
      return stored.textsSealed ? cipher.encrypt(value, place(stored.id, field)) : value;
    },
    open(stored) {
      const { textsSealed, ...complaint } = stored;
      return textsSealed ? withTexts(complaint, (field, value) => cipher.decrypt(value, place(complaint.id, field))) : complaint;
    },
  };
}
