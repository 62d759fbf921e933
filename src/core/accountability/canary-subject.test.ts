import { describe, expect, it } from 'vitest';
import { validateBankCard } from '../pii/bank-card.ts';
import { validateMobile } from '../pii/mobile.ts';
import { validateResidentId } from '../pii/resident-id.ts';
import { canaryPosition, canarySubject, carriesCanary, type CanaryItem } from './canary-subject.ts';

const ITEMS: CanaryItem[] = [
  { code: 'resident_id', mask: 'resident_id', dataType: 'string', subjectKey: true },
  { code: 'name', mask: 'name', dataType: 'string', subjectKey: false },
  { code: 'mobile', mask: 'mobile', dataType: 'string', subjectKey: false },
  { code: 'account', mask: 'bank_card', dataType: 'string', subjectKey: false },
  { code: 'born', mask: 'birth_date', dataType: 'date', subjectKey: false },
  { code: 'size', mask: 'none', dataType: 'integer', subjectKey: false },
];

describe('canary subjects', () => {
  it('carries canaries for important and core grants only (DSL Art. 21)', () => {
    expect(['general-1', 'general-4', 'important', 'core'].map((grade) => carriesCanary(grade as 'core'))).toEqual([false, false, true, true]);
  });

  it('gives a valid resident ID of the region, with a matching birth date, and plausible values for each kind of item', () => {
    for (let seed = 0; seed < 200; seed += 1) {
      const canary = canarySubject(`seed-${seed}`, '331199', ITEMS);
      const id = validateResidentId(canary.residentId);
      expect(id.valid, canary.residentId).toBe(true);
      if (!id.valid) continue;
      expect(id.regionCode).toBe('331199');
      expect(canary.values['resident_id']).toBe(canary.residentId);
      expect(canary.values['born']).toBe(id.birthDate);
      expect(canary.values['name']).toMatch(/^\p{Script=Han}{3}$/u);
      expect(validateMobile(canary.values['mobile']!).valid, canary.values['mobile']).toBe(true);
      expect(validateBankCard(canary.values['account']!).valid, canary.values['account']).toBe(true);
      expect(canary.values['size']).toMatch(/^[1-9]$/u);
    }
  });

  it('is deterministic in its seed, and differs between seeds', () => {
    expect(canarySubject('grant-a/0', '331199', ITEMS)).toEqual(canarySubject('grant-a/0', '331199', ITEMS));
    const numbers = new Set(Array.from({ length: 100 }, (_, index) => canarySubject(`grant-${index}/0`, '331199', ITEMS).residentId));
    expect(numbers.size).toBe(100);
  });

  it('goes anywhere in a page, the ends included', () => {
    const positions = new Set(Array.from({ length: 200 }, (_, index) => canaryPosition(index.toString(16).padStart(8, '0').repeat(8), 3)));
    expect([...positions].sort()).toEqual([0, 1, 2, 3]);
  });
});
