import { DEFAULT_DETECTION_PROFILE, type DetectionProfile } from '../../src/core/detection/index.ts';

/** The default profile with enumeration's hourly thresholds set low enough for a handful of test residents. */
export function enumerationProfile(hourlySubjects: number, hourlyCritical: number): DetectionProfile {
  const detectors = DEFAULT_DETECTION_PROFILE.detectors;
  return { ...DEFAULT_DETECTION_PROFILE, detectors: { ...detectors, enumeration: { ...detectors.enumeration, hourlySubjects, hourlyCritical } } };
}
