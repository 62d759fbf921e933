import { describe, expect, it } from 'vitest';
import type { Grade } from '../catalog/grade.ts';
import type { SharingType } from '../catalog/resource.ts';
import { controlsFor } from './controls-for.ts';
import { DEFAULT_POLICY_PROFILE, type ApprovalStep } from './graded-controls.ts';

// DESIGN §5: the approval chain for each grade and sharing type under the default profile.
const CASES: [Grade, SharingType, ApprovalStep[], boolean][] = [
  ['general-1', 'unconditional', [], false],
  ['general-1', 'conditional', ['provider'], false],
  ['general-1', 'none', ['supervisor'], true],
  ['general-2', 'unconditional', [], false],
  ['general-2', 'conditional', ['provider'], false],
  ['general-2', 'none', ['supervisor'], true],
  ['general-3', 'unconditional', ['provider'], false],
  ['general-3', 'conditional', ['provider'], false],
  ['general-3', 'none', ['supervisor'], true],
  ['general-4', 'unconditional', ['provider', 'supervisor'], false],
  ['general-4', 'conditional', ['provider', 'supervisor'], false],
  ['general-4', 'none', ['supervisor'], true],
  ['important', 'unconditional', ['provider', 'supervisor'], false],
  ['important', 'conditional', ['provider', 'supervisor'], false],
  ['important', 'none', ['supervisor'], true],
  ['core', 'unconditional', ['supervisor'], true],
  ['core', 'conditional', ['supervisor'], true],
  ['core', 'none', ['supervisor'], true],
];

describe('controlsFor', () => {
  it.each(CASES)('%s / %s → %j, special procedure %s', (grade, sharingType, approval, specialProcedure) => {
    const controls = controlsFor(DEFAULT_POLICY_PROFILE, grade, sharingType);
    expect(controls.approval).toEqual(approval);
    expect(controls.specialProcedure).toBe(specialProcedure);
    expect(controls.masking).toBe(DEFAULT_POLICY_PROFILE[grade].masking);
    expect(controls.maxGrantMonths).toBe(DEFAULT_POLICY_PROFILE[grade].maxGrantMonths);
  });

  it('does not share the approval array with the profile', () => {
    const controls = controlsFor(DEFAULT_POLICY_PROFILE, 'general-4', 'conditional');
    controls.approval.push('provider');
    expect(DEFAULT_POLICY_PROFILE['general-4'].approval).toEqual(['provider', 'supervisor']);
  });
});
