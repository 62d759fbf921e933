import { PROCESS_ACTOR } from '../../core/audit/audit-log.ts';
import { GRADES } from '../../core/catalog/grade.ts';
import { checkProfile, DEFAULT_POLICY_PROFILE, laxerThanInherited, mergeProfile, type PolicyProfile, type ProfileOverrides } from '../../core/policy/index.ts';
import { DomainError, validationError } from '../../core/shared/domain-error.ts';
import { PURPOSE_CODE_PATTERN, type Purpose } from '../../core/sharing/purpose.ts';
import type { Repositories } from '../../storage/store.ts';
import { actorOf, hasRole, notFound, nowIso, type AppContext, type Principal } from '../context.ts';
import type { PersonService } from '../directory/person-service.ts';
import type { Procedure } from './procedure.ts';

export interface RegionPolicy {
  regionCode: string;
  /** The region's own overrides, or {} when it follows its parent or the default. */
  overrides: ProfileOverrides;
  /** The profile in force there. */
  profile: PolicyProfile;
}

/**
 * A region's rules for sharing: its graded-controls profile (DESIGN §5, monotonic overrides only)
 * and its purpose list, each purpose mapped to the duties that justify it. The region's own
 * supervision authority sets both; the platform admin may seed purposes.
 */
export class SharingPolicyService {
  private readonly context: AppContext;
  private readonly people: PersonService;
  private readonly procedure: Procedure;

  constructor(context: AppContext, people: PersonService, procedure: Procedure) {
    this.context = context;
    this.people = people;
    this.procedure = procedure;
  }

  async policy(regionCode: string): Promise<RegionPolicy> {
    const repositories = this.context.store.read;
    const region = await repositories.regions.get(regionCode);
    if (!region) throw notFound('行政区划', 'region');
    return { regionCode, overrides: region.settings.policy ?? {}, profile: await this.procedure.profile(repositories, regionCode) };
  }

  /** Replaces the region's overrides; a profile below the legal floor is refused field by field. */
  async putPolicy(principal: Principal, regionCode: string, overrides: ProfileOverrides): Promise<RegionPolicy> {
    return this.context.store.transaction(async (repositories) => {
      const region = await repositories.regions.get(regionCode);
      if (!region) throw notFound('行政区划', 'region');
      await this.requireRegionSupervisor(repositories, principal, region.supervisorOrgId);
      const unknown = Object.keys(overrides).filter((grade) => !(GRADES as readonly string[]).includes(grade));
      // What the region inherits: its parent's profile, or the DESIGN §5 default at the top.
      const inherited = region.parentCode === null ? DEFAULT_POLICY_PROFILE : await this.procedure.profile(repositories, region.parentCode);
      const found = [
        ...unknown.map((grade) => ({ path: `/${grade}`, code: 'GRADE_UNKNOWN', message: '分级不存在 / no such grade' })),
        ...laxerThanInherited(inherited, overrides),
        ...checkProfile(mergeProfile(inherited, overrides)),
      ];
      // One error per field: a value that is both laxer and out of order is reported as laxer.
      const errors = found.filter((error, index) => found.findIndex((other) => other.path === error.path) === index);
      if (errors.length > 0) throw validationError(errors, '分级管控配置只可在继承的基础上从严 / a region may only tighten the controls it inherits');
      await repositories.regions.update({ ...region, settings: { ...region.settings, policy: overrides }, updatedAt: nowIso(this.context) });
      await repositories.audit.append({ actor: actorOf(principal), action: 'sharing.policy.updated', object: `region:${regionCode}`, details: { grades: Object.keys(overrides).sort() } });
      return { regionCode, overrides, profile: await this.procedure.profile(repositories, regionCode) };
    });
  }

  async purposes(regionCode: string): Promise<Purpose[]> {
    if (!(await this.context.store.read.regions.get(regionCode))) throw notFound('行政区划', 'region');
    return this.context.store.read.purposes.list(regionCode);
  }

  /** Adds or renames a purpose; every duty it maps to must be on the region's duty list. */
  async putPurpose(principal: Principal | null, purpose: Purpose): Promise<Purpose> {
    return this.context.store.transaction(async (repositories) => {
      const region = await repositories.regions.get(purpose.regionCode);
      if (!region) throw notFound('行政区划', 'region');
      if (principal !== null && !hasRole(principal, 'platform_admin')) await this.requireRegionSupervisor(repositories, principal, region.supervisorOrgId);
      const known = new Set((await repositories.regions.duties(purpose.regionCode)).map((duty) => duty.code));
      const errors = purpose.dutyCodes.flatMap((code, index) => (known.has(code) ? [] : [{ path: `/dutyCodes/${index}`, code: 'DUTY_UNKNOWN', message: '职责代码不在本地区清单中 / not on the region’s duty list' }]));
      if (!new RegExp(PURPOSE_CODE_PATTERN).test(purpose.code)) errors.push({ path: '/code', code: 'PURPOSE_CODE_INVALID', message: '用途代码格式无效 / invalid purpose code' });
      if (errors.length > 0) throw validationError(errors);
      await repositories.purposes.put(purpose);
      await repositories.audit.append({ actor: principal === null ? PROCESS_ACTOR : actorOf(principal), action: 'sharing.purpose.put', object: `region:${purpose.regionCode}`, details: { code: purpose.code, dutyCodes: purpose.dutyCodes } });
      return purpose;
    });
  }

  private async requireRegionSupervisor(repositories: Repositories, principal: Principal, supervisorOrgId: string | null): Promise<void> {
    if (supervisorOrgId === null || principal.org.id !== supervisorOrgId || !hasRole(principal, 'supervisor')) {
      throw new DomainError('FORBIDDEN', '仅本地区监管部门可设置 / only the region’s supervision authority sets this');
    }
    await this.people.requireTraining(principal.person, 'supervise', repositories);
  }
}
