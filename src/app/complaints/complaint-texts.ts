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

function sealing(cipher: FieldCipher): ComplaintSealing {
  const seal = (id: string, field: TextField, value: string) => cipher.encrypt(value, place(id, field));
  const open = (id: string, field: TextField, value: string) => cipher.decrypt(value, place(id, field));
  const maybe = (id: string, field: TextField, value: string | null, apply: typeof seal) => (value === null ? null : apply(id, field, value));
  return {
    seal(complaint) {
      const { id } = complaint;
      return {
        ...complaint,
        summary: seal(id, 'summary', complaint.summary),
        details: seal(id, 'details', complaint.details),
        contact: maybe(id, 'contact', complaint.contact, seal),
        answer: maybe(id, 'answer', complaint.answer, seal),
        reward: complaint.reward && { ...complaint.reward, reason: seal(id, 'rewardReason', complaint.reward.reason) },
        textsSealed: true,
      };
    },
    sealText(stored, field, value) {
      return stored.textsSealed ? seal(stored.id, field, value) : value;
    },
    open(stored) {
      const { textsSealed, ...complaint } = stored;
      if (!textsSealed) return complaint;
      const { id } = complaint;
      return {
        ...complaint,
        summary: open(id, 'summary', complaint.summary),
        details: open(id, 'details', complaint.details),
        contact: maybe(id, 'contact', complaint.contact, open),
        answer: maybe(id, 'answer', complaint.answer, open),
        reward: complaint.reward && { ...complaint.reward, reason: open(id, 'rewardReason', complaint.reward.reason) },
      };
    },
  };
}
