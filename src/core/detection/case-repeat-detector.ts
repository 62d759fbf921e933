import type { EventKind, Observation } from './detector.ts';
import { dedupKey, escalate, type Finding } from './finding.ts';
import { fnv1a } from './hash.ts';
import { localDay } from './local-time.ts';
import { RowLayout, type SharedRows } from './row-slab.ts';
import type { CaseRepeatSettings, DetectionProfile } from './profile.ts';
import { RowDetector } from './row-detector.ts';

/*
 * A purpose and case number that repeat abnormally: one case number (X-Custos-Issue) stretched
 * over more people than a case plausibly concerns.
 *
 * Why: from general-4 up every call must name a case or document (DESIGN §5), so that each
 * lookup can be checked against a file (个人信息保护法 Art. 6, purpose limitation; 数据安全法
 * Art. 32). The control is defeated by quoting one real case number for every lookup. A purpose
 * code alone repeats by design (a grant has one purpose), so the pair of purpose and case number
 * is what is counted, by the distinct subjects looked up under it in a local day.
 *
 * State per person, a section of 640 bytes: the 8 most used purpose-and-case pairs of the day
 * (space-saving: a new pair replaces the least used), each as a 32-bit digest (never the case
 * text) with a 512-bit linear-counting bitmap of its subjects (Whang et al., 1990; accurate to a
 * few per cent up to about a thousand), its first seq, and whether it was reported.
 */

const SLOTS = 8;
const BITMAP_BITS = 512;
const BITMAP_WORDS = BITMAP_BITS / 32;

const layout = new RowLayout();
const DAY = layout.float64();
/** The slots' headers side by side, so that finding a pair's slot reads one cache line. */
const DIGESTS = layout.uint32(SLOTS);
/** Bits set in each slot's bitmap; 0 marks an empty slot. */
const ONES = layout.uint16(SLOTS);
const REPORTED = layout.uint8(SLOTS);
const FIRST_SEQS = layout.float64(SLOTS);
const BITMAPS = layout.uint32(SLOTS * BITMAP_WORDS);
export const CASE_REPEAT_ROW_BYTES = layout.bytes();

/** Bits set in a 512-bit bitmap once `subjects` distinct subjects were added (linear counting, inverted). */
function onesFor(subjects: number): number {
  return Math.min(BITMAP_BITS - 1, Math.ceil(BITMAP_BITS * (1 - Math.exp(-subjects / BITMAP_BITS))));
}

function distinctFrom(ones: number): number {
  return Math.round(-BITMAP_BITS * Math.log(1 - Math.min(ones, BITMAP_BITS - 1) / BITMAP_BITS));
}

export class CaseRepeatDetector extends RowDetector {
  readonly name = 'case-repeat';
  readonly principalKind = 'person';
  readonly kinds: readonly EventKind[] = ['access'];
  private readonly settings: CaseRepeatSettings;
  private readonly profile: DetectionProfile;
  private readonly onesThreshold: number;

  constructor(profile: DetectionProfile, shared?: SharedRows) {
    super(CASE_REPEAT_ROW_BYTES, shared);
    this.profile = profile;
    this.settings = profile.detectors['case-repeat'];
    this.onesThreshold = onesFor(this.settings.subjectsPerIssue);
  }

  observe({ event, time, person, subjectHashes, subjectCount }: Observation, findings: Finding[]): void {
    if (event.kind !== 'access' || event.issue === null || subjectCount === 0) return;
    const rows = this.rows;
    const day = localDay(time);
    rows.select(person);
    const { u32, u16, u8, at4, at2, at1 } = rows;
    if (day !== rows.f64[rows.at8 + DAY]) {
      // A new day empties every slot; a slot's bitmap is cleared when the slot is taken.
      u16.fill(0, at2 + ONES, at2 + ONES + SLOTS);
      rows.f64[rows.at8 + DAY] = day;
    }
    const digest = fnv1a(event.issue, fnv1a(event.purposeCode));
    const slot = this.slotFor(digest, event.seq);
    const bitmap = at4 + BITMAPS + slot * BITMAP_WORDS;
    let ones = u16[at2 + ONES + slot]!;
    for (let index = 0; index < subjectCount; index += 1) {
      const bit = subjectHashes[index]! & (BITMAP_BITS - 1);
      const word = bitmap + (bit >>> 5);
      const mask = 1 << (bit & 31);
      if ((u32[word]! & mask) === 0) {
        u32[word] = u32[word]! | mask;
        ones += 1;
      }
    }
    u16[at2 + ONES + slot] = ones;
    if (u8[at1 + REPORTED + slot] !== 0 || ones < this.onesThreshold) return;
    u8[at1 + REPORTED + slot] = 1;
    const principal = { kind: 'person' as const, id: event.personId };
    const distinct = distinctFrom(ones);
    findings.push({
      detector: this.name,
      severity: escalate('medium', event.grade, this.profile.escalateGrades),
      principal,
      evidence: [rows.f64[rows.at8 + FIRST_SEQS + slot]!, event.seq],
      dedupKey: dedupKey(this.name, principal, `day:${day}:${digest.toString(16)}`),
      summary: {
        zh: `今日同一用途和案件编号下已查询约 ${distinct} 名不同主体，超过阈值 ${this.settings.subjectsPerIssue}`,
        en: `about ${distinct} distinct subjects today under one purpose and case number, over the threshold of ${this.settings.subjectsPerIssue}`,
      },
    });
  }

  /** The selected row's slot for `digest`, taking over the least used slot (or an empty one) when it has none. */
  private slotFor(digest: number, seq: number): number {
    const { u32, u16, at4, at2 } = this.rows;
    let fewest = 0;
    let fewestOnes = Infinity;
    for (let slot = 0; slot < SLOTS; slot += 1) {
      const ones = u16[at2 + ONES + slot]!;
      if (ones > 0 && u32[at4 + DIGESTS + slot] === digest) return slot;
      if (ones < fewestOnes) {
        fewest = slot;
        fewestOnes = ones;
      }
    }
    u32[at4 + DIGESTS + fewest] = digest;
    u16[at2 + ONES + fewest] = 0;
    this.rows.u8[this.rows.at1 + REPORTED + fewest] = 0;
    this.rows.f64[this.rows.at8 + FIRST_SEQS + fewest] = seq;
    u32.fill(0, at4 + BITMAPS + fewest * BITMAP_WORDS, at4 + BITMAPS + (fewest + 1) * BITMAP_WORDS);
    return fewest;
  }
}
