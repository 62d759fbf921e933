import type { RowCursor, RowLayout } from './row-slab.ts';

/**
 * How many audit seqs a detector keeps per principal as evidence: the most recent ones. Four
 * fit beside a detector's counters in the first cache line of its section; the finding's
 * principal and window lead to the rest of the episode in the audit log.
 */
export const EVIDENCE_CAPACITY = 4;

/**
 * The last EVIDENCE_CAPACITY seqs of one principal's episode, as a ring inside the principal's
 * row. An investigator pulls the rest of the episode from the audit log by principal and time;
 * the seqs here are the anchors (and each has an inclusion proof).
 */
export class EvidenceField {
  private readonly seqs: number;
  private readonly length: number;
  private readonly next: number;

  constructor(layout: RowLayout) {
    this.seqs = layout.float64(EVIDENCE_CAPACITY);
    this.length = layout.uint8();
    this.next = layout.uint8();
  }

  /** Adds to the selected row's ring. */
  add(rows: RowCursor, seq: number): void {
    const next = rows.u8[rows.at1 + this.next]!;
    rows.f64[rows.at8 + this.seqs + next] = seq;
    rows.u8[rows.at1 + this.next] = (next + 1) % EVIDENCE_CAPACITY;
    const length = rows.u8[rows.at1 + this.length]!;
    if (length < EVIDENCE_CAPACITY) rows.u8[rows.at1 + this.length] = length + 1;
  }

  clear(rows: RowCursor): void {
    rows.u8[rows.at1 + this.length] = 0;
    rows.u8[rows.at1 + this.next] = 0;
  }

  /** The selected row's seqs, oldest first. */
  list(rows: RowCursor): number[] {
    const length = rows.u8[rows.at1 + this.length]!;
    const next = rows.u8[rows.at1 + this.next]!;
    const seqs: number[] = [];
    for (let offset = length; offset > 0; offset -= 1) seqs.push(rows.f64[rows.at8 + this.seqs + ((next - offset + EVIDENCE_CAPACITY) % EVIDENCE_CAPACITY)]!);
    return seqs;
  }
}
