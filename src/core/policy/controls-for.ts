import type { Grade } from '../catalog/grade.ts';
import type { SharingType } from '../catalog/resource.ts';
import type { GradeControls, PolicyProfile } from './graded-controls.ts';

/**
 * The controls a request for data of `grade` and `sharingType` is subject to.
 * - unconditional (无条件共享): no approval where the profile waives it (general-1 by default,
 *   DESIGN §5); otherwise the grade's chain applies, as it would for a conditional request.
 * - conditional (有条件共享): the grade's approval chain.
 * - none (不予共享): the request must cite the statute that allows it and goes to the supervisor
 *   as a special procedure whatever the grade (政务数据共享条例).
 */
export function controlsFor(profile: PolicyProfile, grade: Grade, sharingType: SharingType): GradeControls {
  const controls = profile[grade];
  const approvalBySharingType: Record<SharingType, () => GradeControls> = {
    unconditional: () => ({ ...controls, approval: controls.waiveApprovalIfUnconditional ? [] : [...controls.approval] }),
    conditional: () => ({ ...controls, approval: [...controls.approval] }),
    none: () => ({ ...controls, approval: ['supervisor'], specialProcedure: true }),
  };
  return approvalBySharingType[sharingType]();
}
