import type { EventKind, Observation } from './detector.ts';
import { dedupKey, type Finding } from './finding.ts';
import { fnv1a } from './hash.ts';
import { MILLISECONDS_PER_DAY } from './local-time.ts';
import { RowLayout, type SharedRows } from './row-slab.ts';
import type { DetectionProfile, NewAddressSettings } from './profile.ts';
import { RowDetector } from './row-detector.ts';

/*
 * A new source address for a system credential.
 *
 * Why: a department's system calls from a few known servers. A call from an address the
 * credential has not used, even one on its allowlist, is how a copied credential first shows
 * (GB/T 39477-2020: access control bound to terminals; the "new geo / new ASN" rules of UEBA).
 * It is reported low: it is context for the other findings on the same credential and an early
 * warning, not a verdict; the allowlist itself is enforced by the gateway.
 *
 * State per credential, a section of 64 bytes (one cache line): 32-bit digests of the last
 * ADDRESSES addresses in a ring, and when the credential was first seen (its first `learningDays`
 * are learned without reports). An address forgotten from the ring and seen again is reported
 * again; 12 is more than a system has servers.
 */

const ADDRESSES = 12;

const layout = new RowLayout();
const FIRST_AT = layout.float64();
const DIGESTS = layout.uint32(ADDRESSES);
const LENGTH = layout.uint8();
const NEXT = layout.uint8();
export const NEW_ADDRESS_ROW_BYTES = layout.bytes();

export class NewAddressDetector extends RowDetector {
  readonly name = 'new-address';
  readonly principalKind = 'credential';
  readonly kinds: readonly EventKind[] = ['access'];
  private readonly settings: NewAddressSettings;

  constructor(profile: DetectionProfile, shared?: SharedRows) {
    super(NEW_ADDRESS_ROW_BYTES, shared);
    this.settings = profile.detectors['new-address'];
  }

  observe({ event, time, credential }: Observation, findings: Finding[]): void {
    if (event.kind !== 'access') return;
    const rows = this.rows;
    if (rows.select(credential)) rows.f64[rows.at8 + FIRST_AT] = time;
    const { u32, u8, at4, at1 } = rows;
    const digest = fnv1a(event.ip);
    const length = u8[at1 + LENGTH]!;
    for (let index = 0; index < length; index += 1) if (u32[at4 + DIGESTS + index] === digest) return;
    const next = u8[at1 + NEXT]!;
    u32[at4 + DIGESTS + next] = digest;
    u8[at1 + NEXT] = (next + 1) % ADDRESSES;
    const known = Math.min(length + 1, ADDRESSES);
    u8[at1 + LENGTH] = known;
    if (known === 1 || time - rows.f64[rows.at8 + FIRST_AT]! < this.settings.learningDays * MILLISECONDS_PER_DAY) return;
    const principal = { kind: 'credential' as const, id: event.credentialId };
    findings.push({
      detector: this.name,
      severity: 'low',
      principal,
      evidence: [event.seq],
      dedupKey: dedupKey(this.name, principal, `address:${digest.toString(16)}`),
      summary: {
        zh: `系统凭证从新的来源地址调用（此前已知 ${length} 个地址）`,
        en: `system credential called from a new source address (${length} known before)`,
      },
    });
  }
}
