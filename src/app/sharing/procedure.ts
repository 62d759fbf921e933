import { addWorkingDays, workingDaysBetween } from '../../core/calendar/index.ts';
import type { Organisation } from '../../core/identity/organisation.ts';
import { DEFAULT_POLICY_PROFILE, tightenProfile, type PolicyProfile } from '../../core/policy/index.ts';
import { timeLimitsOf, type Region, type TimeLimits } from '../../core/region/region.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { RequestStep } from '../../core/sharing/request.ts';
import type { Repositories } from '../../storage/store.ts';
import type { RegionService } from '../directory/region-service.ts';

/**
 * Where a request is handled: the regions above an organisation, the supervision authority that
 * answers for them, the policy profile and time limits in force, and the working-day calendar.
 */
export class Procedure {
  private readonly regions: RegionService;

  constructor(regions: RegionService) {
    this.regions = regions;
  }

  /** The organisation's region and every region above it, nearest first. */
  async chain(repositories: Repositories, regionCode: string): Promise<Region[]> {
    const chain: Region[] = [];
    let code: string | null = regionCode;
    while (code !== null) {
      const region = await repositories.regions.get(code);
      if (!region) break;
      chain.push(region);
      code = region.parentCode;
    }
    return chain;
  }

  /**
   * The supervision authority of the provider's region, or of the nearest region above with one.
   * A consumer never supervises its own request: its own authority is skipped for the next one up.
   */
  async supervisorFor(repositories: Repositories, provider: Organisation, consumerOrgId: string): Promise<string> {
    for (const region of await this.chain(repositories, provider.regionCode)) {
      if (region.supervisorOrgId !== null && region.supervisorOrgId !== consumerOrgId) return region.supervisorOrgId;
    }
    throw new DomainError('NO_SUPERVISOR', '提供方所在地区未配置可受理本申请的监管部门 / no supervision authority can handle this request in the provider’s region');
  }

  /**
   * The DESIGN §5 matrix as the province, then the city, then the county tightened it: each
   * region's overrides count only where stricter than what it inherits.
   */
  async profile(repositories: Repositories, regionCode: string): Promise<PolicyProfile> {
    const chain = await this.chain(repositories, regionCode);
    return chain.reduceRight((profile, region) => tightenProfile(profile, region.settings.policy ?? {}), DEFAULT_POLICY_PROFILE);
  }

  async limits(repositories: Repositories, regionCode: string): Promise<Required<TimeLimits>> {
    const region = await repositories.regions.get(regionCode);
    if (!region) throw new DomainError('NOT_FOUND', '行政区划不存在 / region not found');
    return timeLimitsOf(region.settings);
  }

  /**
   * The working days a step is given, by the limits of the region of the organisation that takes
   * it; a provider answering for data not yet cataloged gets the longer limit.
   */
  async stepDays(repositories: Repositories, step: RequestStep, regionCode: string, uncataloged: boolean): Promise<number> {
    const limits = await this.limits(repositories, regionCode);
    const byStep: Record<RequestStep, number> = {
      compliance: limits.complianceCheck,
      provider: uncataloged ? limits.providerReplyUncataloged : limits.providerReply,
      supervisor: limits.supervisorReview,
      dispute: limits.disputeCoordination,
    };
    return byStep[step];
  }

  async deadline(repositories: Pick<Repositories, 'regions'>, regionCode: string, from: Date, workingDays: number): Promise<Date> {
    return addWorkingDays(from, workingDays, await this.regions.calendar(regionCode, repositories));
  }

  /** Working days by which `at` is past `dueAt` in the region's calendar; 0 when in time. */
  async overdue(repositories: Pick<Repositories, 'regions'>, regionCode: string, dueAt: string, at: Date): Promise<number> {
    const due = new Date(dueAt);
    if (at <= due) return 0;
    return workingDaysBetween(due, at, await this.regions.calendar(regionCode, repositories));
  }
}
