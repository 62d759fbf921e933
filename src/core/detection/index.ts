export * from './event.ts';
export * from './finding.ts';
export * from './profile.ts';
export type { Detector, EventKind, JsonValue, Observation, SlotCounts } from './detector.ts';
export { emptyObservation, PrincipalIndex, PrincipalIndexes } from './principal-index.ts';
export { createDetectors, DetectionEngine, PRINCIPAL_BUDGET_BYTES, DETECTION_SNAPSHOT_VERSION, type DetectionEngineOptions, type DetectionSnapshot } from './detection-engine.ts';
export { organisationWorkingTime, type OrganisationTime } from './working-time.ts';
