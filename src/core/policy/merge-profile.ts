import { GRADES, type Grade } from '../catalog/grade.ts';
import type { GradeControls, PolicyProfile } from './graded-controls.ts';

export type ProfileOverrides = Partial<Record<Grade, Partial<GradeControls>>>;

/**
 * A region's profile: `base` with each grade's fields replaced by the region's overrides
 * (DESIGN §5, "per-region overridable"). Fields left undefined keep the base value. The result
 * is not checked here; pass it to `checkProfile` before use.
 */
export function mergeProfile(base: PolicyProfile, overrides: ProfileOverrides): PolicyProfile {
  const merged = {} as PolicyProfile;
  for (const grade of GRADES) {
    const defined = Object.fromEntries(Object.entries(overrides[grade] ?? {}).filter(([, value]) => value !== undefined));
    const controls: GradeControls = { ...base[grade], ...defined };
    merged[grade] = { ...controls, approval: [...controls.approval] };
  }
  return merged;
}
