import type { Grade } from '../catalog/grade.ts';
import { DomainError, type FieldError } from '../shared/domain-error.ts';
import { DETECTOR_NAMES, SEVERITIES, type DetectorName, type Severity } from './finding.ts';

/*
 * Thresholds of the detectors (issue #7: "tunable thresholds per policy profile"). A region
 * starts from DEFAULT_DETECTION_PROFILE and overrides what it must, as with the graded-controls
 * profile (DESIGN §5). Window lengths are fixed in the detectors, because they shape the state
 * a snapshot holds; thresholds are free.
 */

export interface VolumeSettings {
  /** Weight of the newest week in each hour-of-week slot (EWMA). */
  smoothing: number;
  /** An hour is unusual above mean + sigmas × deviation of its slot … */
  sigmas: number;
  /** … and above multiplier × mean … */
  multiplier: number;
  /** … and above this many records, so that quiet principals do not alert on small numbers. */
  minimumRecords: number;
  /** Hours after a principal's first event before its baseline is trusted. */
  warmupHours: number;
  /** Records in one hour that alert while the baseline is still being learned. */
  warmupCeiling: number;
  /** An hour this many times over the threshold is high rather than medium. */
  highMultiplier: number;
}

export interface EnumerationSettings {
  /** Distinct subjects in the last hour (lookups, not exports) that alert high … */
  hourlySubjects: number;
  /** … and critical: scraping at this pace is contained at once. */
  hourlyCritical: number;
  /** Distinct subjects in a day: alert above max(dailyMinimum, dailyMultiplier × the day baseline). */
  dailyMinimum: number;
  dailyMultiplier: number;
  /** Weight of the newest day in the day baseline (EWMA). */
  dailySmoothing: number;
  /** Days of history before the day baseline is trusted … */
  warmupDays: number;
  /** … and the daily count that alerts until then. */
  dailyCeiling: number;
  /** A request whose identifiers are at least this sequential … */
  sequentiality: number;
  /** … and that names at least this many subjects is an enumeration on its own. */
  sequentialSubjects: number;
}

export interface OffHoursSettings {
  /** Weeks with activity in an hour of the week before that hour counts as the person's habit. */
  habitualWeeks: number;
  /** Records outside working time and habit in one day before a low alert. */
  minimumRecords: number;
  /** Administrative acts outside working time and habit in one day before a low alert: a session of them, not one late approval. */
  minimumAdminActs: number;
  /** Records that make the same day's alert medium. */
  mediumRecords: number;
}

export interface FirstUseSettings {
  /** Days after a person's first event during which first uses are learned silently. */
  learningDays: number;
}

export interface ProbingSettings {
  windowMinutes: number;
  /** Denials in the window that alert medium, and high. At most PROBING_MEMORY. */
  denials: number;
  highDenials: number;
  /** Denial codes that say nothing about intent (load, outages, quota: quota-edge watches it). */
  ignoredCodes: string[];
}

export interface QuotaEdgeSettings {
  /** A day counts as riding the edge when a grant's use reached this share of its quota. */
  edgeRatio: number;
  /** Edge days, today included, within the last QUOTA_EDGE_DAYS days that alert. */
  days: number;
}

export interface JurisdictionSettings {
  /** Subjects outside the consumer's region in the last hour that alert … */
  minimumSubjects: number;
  /** … when they are also at least this share of the hour's subjects. */
  minimumShare: number;
}

export interface CaseRepeatSettings {
  /** Distinct subjects under one case number in one day that alert. */
  subjectsPerIssue: number;
}

export interface DormantCredentialSettings {
  /** Days of silence after which a credential's next use alerts. */
  dormantDays: number;
}

export interface NewAddressSettings {
  /** Days after a credential's first event during which its addresses are learned silently. */
  learningDays: number;
}

export interface ContractorBulkSettings {
  /** Rows in one call that count as bulk even when the call was not an export. */
  records: number;
}

export interface CoreAccessSettings {
  /** Every access to core data alerts (DESIGN §5); the severity sets the deadline. */
  severity: Severity;
}

export interface DetectorSettings {
  volume: VolumeSettings;
  enumeration: EnumerationSettings;
  'off-hours': OffHoursSettings;
  'first-use': FirstUseSettings;
  probing: ProbingSettings;
  'quota-edge': QuotaEdgeSettings;
  jurisdiction: JurisdictionSettings;
  'case-repeat': CaseRepeatSettings;
  'dormant-credential': DormantCredentialSettings;
  'new-address': NewAddressSettings;
  'contractor-bulk': ContractorBulkSettings;
  'core-access': CoreAccessSettings;
}

export interface DetectionProfile {
  /** Grades whose findings are raised one severity (DESIGN §5: important data, tighter detectors). */
  escalateGrades: Grade[];
  detectors: DetectorSettings;
}

/** How many denial times the probing detector keeps per principal: the ceiling of its thresholds. */
export const PROBING_MEMORY = 32;
/** How many days back the quota-edge detector remembers. */
export const QUOTA_EDGE_DAYS = 7;

export const DEFAULT_DETECTION_PROFILE: DetectionProfile = {
  escalateGrades: ['important'],
  detectors: {
    volume: { smoothing: 0.3, sigmas: 4, multiplier: 3, minimumRecords: 200, warmupHours: 168, warmupCeiling: 2000, highMultiplier: 10 },
    enumeration: {
      hourlySubjects: 300,
      hourlyCritical: 1000,
      dailyMinimum: 400,
      dailyMultiplier: 4,
      dailySmoothing: 0.2,
      warmupDays: 7,
      dailyCeiling: 1500,
      sequentiality: 0.8,
      sequentialSubjects: 20,
    },
    'off-hours': { habitualWeeks: 2, minimumRecords: 50, minimumAdminActs: 3, mediumRecords: 500 },
    'first-use': { learningDays: 7 },
    probing: {
      windowMinutes: 10,
      denials: 5,
      highDenials: 20,
      ignoredCodes: ['QUOTA_EXCEEDED', 'RATE_LIMITED', 'DATASET_UNAVAILABLE', 'UPSTREAM_FAILED', 'AUDIT_UNAVAILABLE', 'CURSOR_INVALID'],
    },
    'quota-edge': { edgeRatio: 0.9, days: 3 },
    jurisdiction: { minimumSubjects: 50, minimumShare: 0.5 },
    'case-repeat': { subjectsPerIssue: 100 },
    'dormant-credential': { dormantDays: 30 },
    'new-address': { learningDays: 1 },
    'contractor-bulk': { records: 100 },
    'core-access': { severity: 'high' },
  },
};

export type DetectionProfileOverrides = {
  escalateGrades?: Grade[];
  detectors?: { [Name in DetectorName]?: Partial<DetectorSettings[Name]> };
};

/** `base` with each detector's thresholds replaced by the overrides given; undefined keeps the base value. */
export function mergeDetectionProfile(base: DetectionProfile, overrides: DetectionProfileOverrides): DetectionProfile {
  const detectors = {} as Record<DetectorName, unknown>;
  for (const name of DETECTOR_NAMES) {
    const defined = Object.fromEntries(Object.entries(overrides.detectors?.[name] ?? {}).filter(([, value]) => value !== undefined));
    detectors[name] = structuredCloneSettings({ ...base.detectors[name], ...defined });
  }
  return { escalateGrades: [...(overrides.escalateGrades ?? base.escalateGrades)], detectors: detectors as unknown as DetectorSettings };
}

function structuredCloneSettings(settings: object): object {
  return Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, Array.isArray(value) ? [...(value as unknown[])] : value]));
}

const SHARES: ReadonlySet<string> = new Set(['volume.smoothing', 'enumeration.dailySmoothing', 'enumeration.sequentiality', 'quota-edge.edgeRatio', 'jurisdiction.minimumShare']);

/** Every problem in a profile: numbers that are not positive and finite, shares outside (0, 1], inconsistent pairs. */
export function checkDetectionProfile(profile: DetectionProfile): FieldError[] {
  const errors: FieldError[] = [];
  const invalid = (path: string, message: string) => errors.push({ path, code: 'DETECTION_PROFILE_INVALID', message });
  for (const name of DETECTOR_NAMES) {
    for (const [key, value] of Object.entries(profile.detectors[name])) {
      const path = `detectors.${name}.${key}`;
      if (typeof value !== 'number') continue;
      if (!Number.isFinite(value) || value <= 0) invalid(path, '须为正数 / must be a positive number');
      else if (SHARES.has(`${name}.${key}`) && value > 1) invalid(path, '须在 0 与 1 之间 / must be between 0 and 1');
    }
  }
  const { probing, enumeration, 'quota-edge': quotaEdge, 'core-access': coreAccess } = profile.detectors;
  if (probing.highDenials > PROBING_MEMORY) invalid('detectors.probing.highDenials', `至多 ${PROBING_MEMORY} / at most ${PROBING_MEMORY}`);
  if (probing.denials > probing.highDenials) invalid('detectors.probing.denials', '不得大于 highDenials / must not exceed highDenials');
  if (enumeration.hourlySubjects > enumeration.hourlyCritical) invalid('detectors.enumeration.hourlySubjects', '不得大于 hourlyCritical / must not exceed hourlyCritical');
  if (quotaEdge.days > QUOTA_EDGE_DAYS) invalid('detectors.quota-edge.days', `至多 ${QUOTA_EDGE_DAYS} / at most ${QUOTA_EDGE_DAYS}`);
  if (!(SEVERITIES as readonly string[]).includes(coreAccess.severity)) invalid('detectors.core-access.severity', '未知的严重程度 / unknown severity');
  return errors;
}

/** Throws DETECTION_PROFILE_INVALID listing every problem; returns the profile when it is sound. */
export function parseDetectionProfile(profile: DetectionProfile): DetectionProfile {
  const errors = checkDetectionProfile(profile);
  if (errors.length > 0) throw new DomainError('DETECTION_PROFILE_INVALID', '检测阈值设置无效 / invalid detection profile', { details: { errors } });
  return profile;
}
