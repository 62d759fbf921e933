import { describe, expect, it } from 'vitest';
import { blindIndexInput, subjectIdentifier } from './subject-identifier.ts';

describe('subjectIdentifier', () => {
  it('gives a 15-digit ID, its 18-digit form and a full-width lower-case spelling one normal form', () => {
    // GB 11643-1999's example: 110105491231002 upgrades to 11010519491231002X.
    const forms = ['110105491231002', '11010519491231002X', '11010519491231002x', '１１０１０５１９４９１２３１００２ｘ'];
    const normalised = forms.map((form) => subjectIdentifier(form));
    for (const subject of normalised) expect(subject).toEqual({ kind: 'resident_id', normalized: '11010519491231002X' });
  });

  it('upper-cases a USCC and keeps the kinds apart in the indexed string', () => {
    const subject = subjectIdentifier('914403001922038216');
    expect(subject).toEqual({ kind: 'uscc', normalized: '914403001922038216' });
    expect(blindIndexInput(subject!)).toBe('uscc:914403001922038216');
  });

  it('refuses what is neither', () => {
    expect(subjectIdentifier('11010519491231002Y')).toBeNull();
    expect(subjectIdentifier('13800138000')).toBeNull();
  });
});
