import { DomainError, validationError, type FieldError } from '../../core/shared/domain-error.ts';

/** The attacks `custos simulate` can inject (issue #7 §6), in the order reports list them. */
export const SCENARIO_NAMES = ['insider-bulk-export', 'stolen-credential', 'contractor-abuse', 'slow-exfiltration', 'out-of-jurisdiction', 'probing'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export const REPORT_FORMATS = ['table', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface SimulationOptions {
  scenarios: ScenarioName[];
  days: number;
  seed: number;
  format: ReportFormat;
  /** Keep the temporary data folder afterwards, to look at the region the run left behind. */
  keep: boolean;
}

export const DEFAULT_DAYS = 14;
export const DEFAULT_SEED = 20260420;
/** Two simulated months: longer runs take minutes of real time for no new finding. */
export const MAXIMUM_DAYS = 60;

/** What commander hands over: strings as typed, or undefined. */
export interface RawSimulationOptions {
  scenario?: string | undefined;
  days?: string | undefined;
  seed?: string | undefined;
  format?: string | undefined;
  keep?: boolean | undefined;
}

function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}

/** `all`, or names separated by commas; each name once, in the canonical order. */
export function parseScenarios(text: string | undefined, errors: FieldError[]): ScenarioName[] {
  if (text === undefined || text.trim() === '') return [];
  const names = text.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (names.includes('all')) return [...SCENARIO_NAMES];
  const unknown = names.filter((name) => !isScenarioName(name));
  if (unknown.length > 0) {
    errors.push({ path: '--scenario', code: 'SCENARIO_UNKNOWN', message: `未知场景 / unknown scenario: ${unknown.join(', ')}（可选 / choose from: all, ${SCENARIO_NAMES.join(', ')}）` });
    return [];
  }
  return SCENARIO_NAMES.filter((name) => names.includes(name));
}

function wholeNumber(text: string | undefined, path: string, fallback: number, minimum: number, maximum: number, errors: FieldError[]): number {
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum) {
    errors.push({ path, code: 'OPTION_INVALID', message: `须为 ${minimum}–${maximum} 的整数 / must be a whole number from ${minimum} to ${maximum}` });
    return fallback;
  }
  return value;
}

/** Checks every option at once and throws VALIDATION_FAILED listing each problem. */
export function parseSimulationOptions(raw: RawSimulationOptions): SimulationOptions {
  const errors: FieldError[] = [];
  const scenarios = parseScenarios(raw.scenario, errors);
  const days = wholeNumber(raw.days, '--days', DEFAULT_DAYS, 1, MAXIMUM_DAYS, errors);
  const seed = wholeNumber(raw.seed, '--seed', DEFAULT_SEED, 0, 0xffff_ffff, errors);
  const format = raw.format ?? 'table';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) errors.push({ path: '--format', code: 'OPTION_INVALID', message: '须为 table 或 json / must be table or json' });
  if (errors.length > 0) throw validationError(errors, '模拟参数无效 / invalid simulation options');
  return { scenarios, days, seed, format: format as ReportFormat, keep: raw.keep === true };
}

/** The simulator needs the detection and alerts API; without it there is nothing to measure. */
export function detectionUnavailable(cause?: unknown): DomainError<'DETECTION_UNAVAILABLE'> {
  return new DomainError('DETECTION_UNAVAILABLE', '服务端未提供检测与预警接口（/api/v1/detection/status、/api/v1/alerts），无法计算检出结果 / the server offers no detection and alerts API, so nothing can be measured', { cause });
}
