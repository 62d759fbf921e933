import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../src/main/custos.ts');
/**
 * About 30 s on an idle 2-core machine, most of it seeding the temporary region (10,000 citizens
 * encrypted, some 330 staff enrolled with scrypt); the limit leaves room for a machine busy with
 * other test files.
 */
const RUN_MS = 300_000;

/** Runs the real binary with a clean environment: no DATABASE_URL or CUSTOS_* leaks in from the shell. */
function custos(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'] ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('custos simulate', () => {
  it('teaches with --help, Chinese first, with examples', async () => {
    const help = await custos(['simulate', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout.indexOf('它做什么')).toBeLessThan(help.stdout.indexOf('What it does'));
    expect(help.stdout).toContain('custos simulate --scenario all --days 14');
  });

  it('refuses unknown scenarios before building anything', async () => {
    const result = await custos(['simulate', '--scenario', 'phishing']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('SCENARIO_UNKNOWN');
  });

  it(
    'simulates a day with probing and prints one JSON document',
    async () => {
      const result = await custos(['simulate', '--days', '1', '--scenario', 'probing', '--format', 'json']);
      expect(result.status, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as {
        scenarios: { name: string; detected: boolean; time_to_detect_min: number | null; records_leaked: number }[];
        false_alerts_per_1k_principal_days: number;
        benign_hard_cases: Record<string, number>;
      };
      expect(Object.keys(report)).toEqual(['scenarios', 'false_alerts_per_1k_principal_days', 'benign_hard_cases']);
      expect(report.scenarios).toHaveLength(1);
      const [probing] = report.scenarios;
      expect(probing).toMatchObject({ name: 'probing', detected: true });
      expect(probing!.time_to_detect_min).toBeLessThanOrEqual(30);
      expect(probing!.records_leaked).toBeGreaterThanOrEqual(0);
      expect(report.false_alerts_per_1k_principal_days).toBeGreaterThanOrEqual(0);
      expect(Object.keys(report.benign_hard_cases)).toEqual(['overtime_person_days', 'overtime_calls', 'ip_changes', 'first_uses', 'month_end_burst_person_days', 'month_end_burst_calls', 'cross_region_calls']);
      // Progress goes to stderr, so stdout stays one document.
      expect(result.stderr).toContain('%');
    },
    RUN_MS,
  );
});
