import type { EventKind, Observation } from './detector.ts';
import { dedupKey, type Finding } from './finding.ts';
import { MILLISECONDS_PER_DAY } from './local-time.ts';
import { RowLayout, type SharedRows } from './row-slab.ts';
import type { DetectionProfile, DormantCredentialSettings } from './profile.ts';
import { RowDetector } from './row-detector.ts';

/*
 * A dormant credential waking: a system credential silent for `dormantDays` used again.
 *
 * Why: credentials of retired systems and finished projects are rarely revoked, and they are
 * what is sold or reused after someone leaves (the "orphaned account" findings of every access
 * review; GB/T 39477-2020 on credential lifecycle; 数据安全法 Art. 27 on management systems).
 * The wake-up itself may be legitimate — a yearly report — so it is reported medium for a human
 * to confirm, high when it starts with bulk data. A refused call wakes the credential too.
 *
 * State per credential, a section of 8 bytes: the time of its last event.
 */

const layout = new RowLayout();
const LAST = layout.float64();
export const DORMANT_CREDENTIAL_ROW_BYTES = layout.bytes();

export class DormantCredentialDetector extends RowDetector {
  readonly name = 'dormant-credential';
  readonly principalKind = 'credential';
  readonly kinds: readonly EventKind[] = ['access', 'denial'];
  private readonly settings: DormantCredentialSettings;

  constructor(profile: DetectionProfile, shared?: SharedRows) {
    super(DORMANT_CREDENTIAL_ROW_BYTES, shared);
    this.settings = profile.detectors['dormant-credential'];
  }

  observe({ event, time, credential }: Observation, findings: Finding[]): void {
    if (event.kind === 'admin' || event.credentialId === null) return;
    const rows = this.rows;
    if (rows.select(credential)) {
      rows.f64[rows.at8 + LAST] = time;
      return;
    }
    const silence = time - rows.f64[rows.at8 + LAST]!;
    rows.f64[rows.at8 + LAST] = time;
    if (silence < this.settings.dormantDays * MILLISECONDS_PER_DAY) return;
    const principal = { kind: 'credential' as const, id: event.credentialId };
    const days = Math.floor(silence / MILLISECONDS_PER_DAY);
    findings.push({
      detector: this.name,
      severity: event.kind === 'access' && event.bulk ? 'high' : 'medium',
      principal,
      evidence: [event.seq],
      dedupKey: dedupKey(this.name, principal, `seq:${event.seq}`),
      summary: { zh: `系统凭证沉寂 ${days} 天后再次使用`, en: `system credential used again after ${days} days of silence` },
    });
  }
}
