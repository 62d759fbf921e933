export { PII_TYPES, type PiiType, type Finding, type FindingLocation, type ScanOptions } from './finding.ts';
export type { RawFinding, Recognizer } from './recognizer.ts';
export { RECOGNIZERS, scanText, scanTextWithFacts } from './scan-text.ts';
