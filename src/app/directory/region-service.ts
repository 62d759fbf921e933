import type { Repositories } from '../../storage/store.ts';
import { PROCESS_ACTOR } from '../../core/audit/audit-log.ts';
import { checkHolidaySchedule, checkWorkingCalendar, DEFAULT_CALENDAR, missingScheduleYears, type HolidaySchedule, type WorkingCalendar } from '../../core/calendar/index.ts';
import { checkRegionCode, DEFAULT_REGION_SETTINGS, NATIONAL_SCOPE, type DutyCode, type Region, type RegionSettings } from '../../core/region/region.ts';
import { DomainError, validationError } from '../../core/shared/domain-error.ts';
import { actorOf, notFound, nowIso, requireRole, type AppContext, type Principal } from '../context.ts';

export interface RegionInput {
  code: string;
  name: string;
  settings?: Partial<RegionSettings> | undefined;
}

/** The calendar checks name fields as `holidays[2]`; the API speaks JSON Pointer (`/holidays/2`). */
function pointer(path: string): string {
  return `/${path.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}`;
}

/** Regions, their supervision authority, working-day calendars and statutory-duty lists. */
export class RegionService {
  private readonly context: AppContext;

  constructor(context: AppContext) {
    this.context = context;
  }

  list(): Promise<Region[]> {
    return this.context.store.read.regions.list();
  }

  async get(code: string): Promise<Region> {
    const region = await this.context.store.read.regions.get(code);
    if (!region) throw notFound('行政区划', 'region');
    return region;
  }

  async create(principal: Principal | null, input: RegionInput): Promise<Region> {
    if (principal) requireRole(principal, 'platform_admin');
    this.checkWeekend(input.settings);
    const check = checkRegionCode(input.code);
    if (!check.valid) {
      throw validationError([{ path: '/code', code: 'REGION_CODE_INVALID', message: '行政区划代码须为 GB/T 2260 六位代码 / not a valid GB/T 2260 code' }]);
    }
    const now = nowIso(this.context);
    const region: Region = {
      code: input.code,
      name: input.name,
      level: check.level,
      parentCode: check.parentCode,
      supervisorOrgId: null,
      settings: { ...DEFAULT_REGION_SETTINGS, ...input.settings },
      createdAt: now,
      updatedAt: now,
    };
    return this.context.store.transaction(async (repositories) => {
      if (await repositories.regions.get(region.code)) throw new DomainError('REGION_EXISTS', '行政区划已存在 / region already exists');
      // A parent that is not registered is left out rather than refused: a county may run alone.
      if (region.parentCode && !(await repositories.regions.get(region.parentCode))) region.parentCode = null;
      await repositories.regions.insert(region);
      await repositories.audit.append({ actor: principal ? actorOf(principal) : PROCESS_ACTOR, action: 'directory.region.created', object: `region:${region.code}`, details: { name: region.name } });
      return region;
    });
  }

  private checkWeekend(settings: Partial<RegionSettings> | undefined): void {
    if (!settings?.weekend) return;
    const errors = checkWorkingCalendar({ weekend: settings.weekend, schedules: [] }).map((error) => ({ ...error, path: `/settings${pointer(error.path)}` }));
    if (errors.length > 0) throw validationError(errors);
  }

  async update(principal: Principal, code: string, changes: { name?: string | undefined; supervisorOrgId?: string | null | undefined; settings?: Partial<RegionSettings> | undefined }): Promise<Region> {
    requireRole(principal, 'platform_admin');
    this.checkWeekend(changes.settings);
    return this.context.store.transaction(async (repositories) => {
      const region = await repositories.regions.get(code);
      if (!region) throw notFound('行政区划', 'region');
      if (changes.supervisorOrgId) {
        const organisation = await repositories.organisations.get(changes.supervisorOrgId);
        if (!organisation || organisation.kind !== 'supervisor') {
          throw validationError([{ path: '/supervisorOrgId', code: 'SUPERVISOR_ORG_INVALID', message: '监管部门须为已登记的监管机构 / must be a registered supervision authority' }]);
        }
      }
      const updated: Region = {
        ...region,
        name: changes.name ?? region.name,
        supervisorOrgId: changes.supervisorOrgId === undefined ? region.supervisorOrgId : changes.supervisorOrgId,
        settings: { ...region.settings, ...changes.settings },
        updatedAt: nowIso(this.context),
      };
      await repositories.regions.update(updated);
      await repositories.audit.append({ actor: actorOf(principal), action: 'directory.region.updated', object: `region:${code}`, details: { fields: Object.keys(changes) } });
      return updated;
    });
  }

  /** The region's calendar: the national schedules, with the region's own schedule winning for its years. */
  async calendar(code: string, repositories: Pick<Repositories, 'regions'> = this.context.store.read): Promise<WorkingCalendar> {
    const region = await repositories.regions.get(code);
    if (!region) throw notFound('行政区划', 'region');
    const stored = await repositories.regions.schedules([NATIONAL_SCOPE, code]);
    const byYear = new Map<number, HolidaySchedule>();
    for (const schedule of DEFAULT_CALENDAR.schedules) byYear.set(schedule.year, schedule);
    for (const scope of [NATIONAL_SCOPE, code]) {
      for (const { scope: owner, ...schedule } of stored) if (owner === scope) byYear.set(schedule.year, schedule);
    }
    return { weekend: region.settings.weekend, schedules: [...byYear.values()].sort((left, right) => left.year - right.year) };
  }

  async putSchedule(principal: Principal, code: string, schedule: HolidaySchedule): Promise<void> {
    requireRole(principal, 'platform_admin');
    const region = await this.get(code);
    const errors = checkHolidaySchedule(schedule, region.settings.weekend).map((error) => ({ ...error, path: pointer(error.path) }));
    if (errors.length > 0) throw validationError(errors);
    await this.context.store.transaction(async (repositories) => {
      await repositories.regions.putSchedule({ ...schedule, scope: code });
      await repositories.audit.append({ actor: actorOf(principal), action: 'directory.calendar.updated', object: `region:${code}`, details: { year: schedule.year } });
    });
  }

  /** Years among this one and the next that have no holiday schedule: warned about at start-up. */
  async missingScheduleYears(code: string): Promise<number[]> {
    return missingScheduleYears(await this.calendar(code), this.context.clock.now());
  }

  duties(code: string): Promise<DutyCode[]> {
    return this.context.store.read.regions.duties(code);
  }

  async putDuty(principal: Principal | null, duty: DutyCode): Promise<void> {
    if (principal) requireRole(principal, 'platform_admin');
    await this.get(duty.regionCode);
    await this.context.store.transaction(async (repositories) => {
      await repositories.regions.putDuty(duty);
      await repositories.audit.append({ actor: principal ? actorOf(principal) : PROCESS_ACTOR, action: 'directory.duty.updated', object: `region:${duty.regionCode}`, details: { code: duty.code } });
    });
  }
}
