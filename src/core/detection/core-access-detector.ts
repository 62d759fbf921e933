import type { EventKind, Observation } from './detector.ts';
import { dedupKey, type Finding } from './finding.ts';
import type { CoreAccessSettings, DetectionProfile } from './profile.ts';
import { StatelessDetector } from './stateless-detector.ts';

/*
 * Every access to core data.
 *
 * Why: core data (核心数据, 数据安全法 Art. 21: "更加严格的管理制度") is shared only by special
 * procedure and only for verification, and DESIGN §5 requires that each access alert the
 * supervisor. No threshold, no learning: each call is its own alert (its seq is its dedup key).
 */

export class CoreAccessDetector extends StatelessDetector {
  readonly name = 'core-access';
  readonly kinds: readonly EventKind[] = ['access'];
  private readonly settings: CoreAccessSettings;

  constructor(profile: DetectionProfile) {
    super();
    this.settings = profile.detectors['core-access'];
  }

  observe({ event }: Observation, findings: Finding[]): void {
    if (event.kind !== 'access' || event.grade !== 'core') return;
    const principal = { kind: 'person' as const, id: event.personId };
    findings.push({
      detector: this.name,
      severity: this.settings.severity,
      principal,
      evidence: [event.seq],
      dedupKey: dedupKey(this.name, principal, `seq:${event.seq}`),
      summary: {
        zh: `访问核心数据资源 ${event.resourceCode}（${event.records} 条记录）`,
        en: `access to core-data resource ${event.resourceCode} (${event.records} records)`,
      },
    });
  }
}
