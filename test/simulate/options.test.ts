import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/shared/domain-error.ts';
import { DEFAULT_DAYS, parseSimulationOptions, SCENARIO_NAMES } from '../../src/main/simulate/options.ts';

function failure(raw: Parameters<typeof parseSimulationOptions>[0]): string[] {
  try {
    parseSimulationOptions(raw);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') return (error.details?.errors ?? []).map((field) => `${field.path} ${field.code}`);
    throw error;
  }
  throw new Error('expected a validation failure');
}

describe('simulate options', () => {
  it('defaults to fourteen days of benign traffic as a table', () => {
    expect(parseSimulationOptions({})).toEqual({ scenarios: [], days: DEFAULT_DAYS, seed: 20260420, format: 'table', keep: false });
  });

  it('takes all, or names in any order, each once and in canonical order', () => {
    expect(parseSimulationOptions({ scenario: 'all' }).scenarios).toEqual([...SCENARIO_NAMES]);
    expect(parseSimulationOptions({ scenario: 'probing, insider-bulk-export,probing' }).scenarios).toEqual(['insider-bulk-export', 'probing']);
  });

  it('reports every bad option at once, with codes', () => {
    expect(failure({ scenario: 'probing,phishing', days: '0', seed: '-1', format: 'xml' })).toEqual(['--scenario SCENARIO_UNKNOWN', '--days OPTION_INVALID', '--seed OPTION_INVALID', '--format OPTION_INVALID']);
    expect(failure({ days: '61' })).toEqual(['--days OPTION_INVALID']);
  });
});
