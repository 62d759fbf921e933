import { describe, expect, it } from 'vitest';
import { DomainError, validationError } from '../../../core/shared/domain-error.ts';
import { ORGANISATION_FIELD_RENAMES, PERSON_FIELD_RENAMES, onFileRows, withFileRows } from './file-row-errors.ts';

describe('onFileRows', () => {
  it('moves a service row number onto the file row it came from, renaming the field to its column', () => {
    const errors = onFileRows(
      [
        { path: '/rows/1/contract/commissionedBy/2', code: 'COMMISSIONER_UNKNOWN', message: 'm' },
        { path: '/rows/2/contract/end', code: 'CONTRACT_PERIOD_INVALID', message: 'm' },
        { path: '/rows/2/contract', code: 'CONTRACT_REQUIRED', message: 'm' },
        { path: '/rows/2/uscc', code: 'USCC_TAKEN', message: 'm' },
        { path: '/other', code: 'X', message: 'm' },
      ],
      [3, 7],
      ORGANISATION_FIELD_RENAMES,
    );
    expect(errors.map((error) => error.path)).toEqual(['/rows/3/commissionedBy/2', '/rows/7/contractEnd', '/rows/7/commissionedBy', '/rows/7/uscc', '/other']);
  });

  it('does not rename a field that only shares a prefix', () => {
    const [error] = onFileRows([{ path: '/rows/1/orgIdentity', code: 'X', message: 'm' }], [4], PERSON_FIELD_RENAMES);
    expect(error!.path).toBe('/rows/4/orgIdentity');
  });

  it('keeps the service message and leaves other errors alone', () => {
    const moved = withFileRows(validationError([{ path: '/rows/1/orgId', code: 'ORGANISATION_UNKNOWN', message: 'm' }], 'nothing written'), [5], PERSON_FIELD_RENAMES);
    expect(moved).toMatchObject({ code: 'VALIDATION_FAILED', message: 'nothing written', details: { errors: [{ path: '/rows/5/org' }] } });
    const forbidden = new DomainError('FORBIDDEN', 'no');
    expect(withFileRows(forbidden, [5], PERSON_FIELD_RENAMES)).toBe(forbidden);
  });
});
