import type { EventKind, Observation } from './detector.ts';
import { dedupKey, escalate, type Finding } from './finding.ts';
import { localDay } from './local-time.ts';
import type { ContractorBulkSettings, DetectionProfile } from './profile.ts';
import { StatelessDetector } from './stateless-detector.ts';

/*
 * Contractor staff touching bulk data: an end user (X-Custos-User) from a contractor organisation
 * on an export, a large page, or a call returning at least `records` rows.
 *
 * Why: 数据安全法 Art. 40 — a department that commissions a contractor stays responsible, and
 * the contractor may process data only as commissioned; outsourced operators are behind a large
 * share of Chinese government-data leaks. Operating a system is their commission, taking its data
 * in bulk is not, so each such call is reported high. Stateless: findings of one person and day
 * share a dedup key and group into one alert.
 */

export class ContractorBulkDetector extends StatelessDetector {
  readonly name = 'contractor-bulk';
  readonly kinds: readonly EventKind[] = ['access'];
  private readonly settings: ContractorBulkSettings;
  private readonly profile: DetectionProfile;

  constructor(profile: DetectionProfile) {
    super();
    this.profile = profile;
    this.settings = profile.detectors['contractor-bulk'];
  }

  observe({ event, time }: Observation, findings: Finding[]): void {
    if (event.kind !== 'access' || event.personOrgKind !== 'contractor') return;
    if (!event.bulk && event.records < this.settings.records) return;
    const principal = { kind: 'person' as const, id: event.personId };
    findings.push({
      detector: this.name,
      severity: escalate('high', event.grade, this.profile.escalateGrades),
      principal,
      evidence: [event.seq],
      dedupKey: dedupKey(this.name, principal, `day:${localDay(time)}`),
      summary: {
        zh: `受托运维方人员批量获取数据：${event.records} 条记录${event.bulk ? '（导出或大页）' : ''}`,
        en: `contractor staff took bulk data: ${event.records} records${event.bulk ? ' (export or large page)' : ''}`,
      },
    });
  }
}
