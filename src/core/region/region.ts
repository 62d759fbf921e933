import type { HolidaySchedule } from '../calendar/index.ts';
import { PROVINCE_CODES } from '../pii/index.ts';
import type { ProfileOverrides } from '../policy/index.ts';

/** Levels of a GB/T 2260 administrative division code. */
export const REGION_LEVELS = ['province', 'city', 'county'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/**
 * Time limits of the request-and-reply procedure (政务数据共享条例), in working days. Defaults:
 * a compliance check within 2, a provider reply within 5, or 10 when the data is not yet cataloged,
 * a supervisor's review within 5, a dispute coordinated within 10, and a grant left unreviewed
 * suspends itself 10 working days after its review date. Regions configured before the last three
 * existed read them as the defaults (`timeLimitsOf`).
 */
export interface TimeLimits {
  complianceCheck: number;
  providerReply: number;
  providerReplyUncataloged: number;
  supervisorReview?: number;
  disputeCoordination?: number;
  reviewGrace?: number;
}

export const DEFAULT_TIME_LIMITS: Required<TimeLimits> = {
  complianceCheck: 2,
  providerReply: 5,
  providerReplyUncataloged: 10,
  supervisorReview: 5,
  disputeCoordination: 10,
  reviewGrace: 10,
};

export function timeLimitsOf(settings: RegionSettings): Required<TimeLimits> {
  return { ...DEFAULT_TIME_LIMITS, ...settings.timeLimits };
}

export interface RegionSettings {
  timeLimits: TimeLimits;
  /** The region's graded-controls overrides (DESIGN §5); absent means the parent's, or the default. */
  policy?: ProfileOverrides;
  /** ISO weekday numbers that are not working days, normally Saturday and Sunday. */
  weekend: number[];
}

export const DEFAULT_REGION_SETTINGS: RegionSettings = { timeLimits: DEFAULT_TIME_LIMITS, weekend: [6, 7] };

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Which organisation supervises is configuration: provinces differ (DESIGN §2). */
  supervisorOrgId: string | null;
  settings: RegionSettings;
  createdAt: string;
  updatedAt: string;
}

export interface DutyCode {
  regionCode: string;
  code: string;
  name: string;
}

/** National schedules apply everywhere; a region may add its own for a year (scope = its code). */
export const NATIONAL_SCOPE = 'national';

export type StoredSchedule = HolidaySchedule & { scope: string };

export type RegionCodeCheck = { valid: true; level: RegionLevel; parentCode: string | null } | { valid: false; reason: 'FORMAT' | 'PROVINCE' };

/**
 * GB/T 2260 codes: two digits of province, two of city, two of county. `XX0000` is a province,
 * `XXXX00` a city, anything else a county. The parent is implied by the code itself.
 */
export function checkRegionCode(code: string): RegionCodeCheck {
  if (!/^\d{6}$/.test(code)) return { valid: false, reason: 'FORMAT' };
  if (!PROVINCE_CODES.has(code.slice(0, 2))) return { valid: false, reason: 'PROVINCE' };
  if (code.endsWith('0000')) return { valid: true, level: 'province', parentCode: null };
  if (code.endsWith('00')) return { valid: true, level: 'city', parentCode: `${code.slice(0, 2)}0000` };
  return { valid: true, level: 'county', parentCode: `${code.slice(0, 4)}00` };
}
