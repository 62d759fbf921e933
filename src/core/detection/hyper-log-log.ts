import { SHANGHAI_OFFSET_MILLISECONDS } from '../calendar/shanghai-time.ts';
import type { RowCursor, RowLayout } from './row-slab.ts';

/*
 * HyperLogLog (Flajolet, Fusy, Gandouet, Meunier, 2007) over 32-bit subject hashes, with 2^8
 * registers: about 6.5 % standard error in 256 bytes, whatever the count. A detector needs "how
 * many different people did this principal look at", not who they were, so a sketch is both
 * smaller and safer than a set: it cannot be read back into blind indexes.
 *
 * As in HyperLogLog++ (Heule, Nunkesser, Hall, 2013), a sketch starts sparse: up to
 * SPARSE_CAPACITY hashes kept as a list, counted exactly, and turned into registers only when the
 * list overflows. Most principals look at a handful of subjects an hour; for them an event
 * touches one cache line of the list instead of the registers of every sub-window.
 *
 * Registers live in the principal's row. Beside them the row keeps the sum of 2^-register, as an
 * integer scaled by 2^SCALE_BITS, and the number of empty registers, so an estimate is O(1) per
 * event and exactly the same after a restore that recomputes them (floating-point increments
 * would drift in the last bits and break replay equality).
 */

export const REGISTER_BITS = 8;
export const REGISTERS = 1 << REGISTER_BITS;
/** 15 hashes and the window's sub-window number fill one 64-byte cache line. */
export const SPARSE_CAPACITY = 15;
const RANK_BITS = 32 - REGISTER_BITS;
const SCALE_BITS = RANK_BITS + 1;
/** Bias correction α_m for m = 256 registers. */
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);
/** scaled[k] = 2^(SCALE_BITS - k): the exact integer weight of a register holding k. */
const SCALED_WEIGHTS = Float64Array.from({ length: SCALE_BITS + 1 }, (_, rank) => 2 ** (SCALE_BITS - rank));
const SCALED_FULL_SUM = REGISTERS * 2 ** SCALE_BITS;

function registerOf(hash: number): number {
  return hash >>> RANK_BITS;
}

/** Position of the first 1 bit in the remaining 24 bits, 1-based; 25 when they are all zero. */
function rankOf(hash: number): number {
  return Math.clz32((hash << REGISTER_BITS) | (1 << (REGISTER_BITS - 1))) + 1;
}

/** Dense registers in a row: 256 register bytes, and their scaled sum and empty count as float64. */
export class Registers {
  readonly registers: number;
  private readonly totals: number;

  constructor(layout: RowLayout) {
    this.totals = layout.float64(2);
    this.registers = layout.uint8(REGISTERS);
  }

  add(rows: RowCursor, hash: number): void {
    const index = rows.at1 + this.registers + registerOf(hash);
    const rank = rankOf(hash);
    const previous = rows.u8[index]!;
    if (rank <= previous) return;
    rows.u8[index] = rank;
    const totals = rows.at8 + this.totals;
    rows.f64[totals] = rows.f64[totals]! + SCALED_WEIGHTS[rank]! - SCALED_WEIGHTS[previous]!;
    if (previous === 0) rows.f64[totals + 1] = rows.f64[totals + 1]! - 1;
  }

  estimate(rows: RowCursor): number {
    const totals = rows.at8 + this.totals;
    const scaledSum = rows.f64[totals]!;
    const zeros = rows.f64[totals + 1]!;
    const raw = (ALPHA * REGISTERS * REGISTERS * 2 ** SCALE_BITS) / scaledSum;
    // Small-range correction: linear counting while empty registers remain.
    if (raw <= 2.5 * REGISTERS && zeros > 0) return REGISTERS * Math.log(REGISTERS / zeros);
    return raw;
  }

  clear(rows: RowCursor): void {
    rows.u8.fill(0, rows.at1 + this.registers, rows.at1 + this.registers + REGISTERS);
    rows.f64[rows.at8 + this.totals] = SCALED_FULL_SUM;
    rows.f64[rows.at8 + this.totals + 1] = REGISTERS;
  }

  /** Recomputes the totals from the registers (after they were rebuilt). */
  recount(rows: RowCursor): void {
    let scaledSum = 0;
    let zeros = 0;
    for (let register = 0; register < REGISTERS; register += 1) {
      const value = rows.u8[rows.at1 + this.registers + register]!;
      scaledSum += SCALED_WEIGHTS[value]!;
      if (value === 0) zeros += 1;
    }
    rows.f64[rows.at8 + this.totals] = scaledSum;
    rows.f64[rows.at8 + this.totals + 1] = zeros;
  }

  /** Raises a register of a plain register block (a sub-window) at byte index `block`. */
  static raise(rows: RowCursor, block: number, hash: number): void {
    const index = block + registerOf(hash);
    const rank = rankOf(hash);
    if (rank > rows.u8[index]!) rows.u8[index] = rank;
  }
}

/** A distinct count that is reset by its owner (a local day): sparse list first, registers after. */
export class Sketch {
  private readonly list: number;
  private readonly count: number;
  private readonly dense: number;
  private readonly registers: Registers;

  constructor(layout: RowLayout) {
    this.list = layout.uint32(SPARSE_CAPACITY);
    this.count = layout.uint8();
    this.dense = layout.uint8();
    this.registers = new Registers(layout);
  }

  add(rows: RowCursor, hash: number): void {
    if (rows.u8[rows.at1 + this.dense] === 1) return this.registers.add(rows, hash);
    const list = rows.at4 + this.list;
    const count = rows.u8[rows.at1 + this.count]!;
    for (let index = 0; index < count; index += 1) if (rows.u32[list + index] === hash) return;
    if (count < SPARSE_CAPACITY) {
      rows.u32[list + count] = hash;
      rows.u8[rows.at1 + this.count] = count + 1;
      return;
    }
    this.registers.clear(rows);
    for (let index = 0; index < count; index += 1) this.registers.add(rows, rows.u32[list + index]!);
    this.registers.add(rows, hash);
    rows.u8[rows.at1 + this.dense] = 1;
  }

  estimate(rows: RowCursor): number {
    return rows.u8[rows.at1 + this.dense] === 1 ? this.registers.estimate(rows) : rows.u8[rows.at1 + this.count]!;
  }

  clear(rows: RowCursor): void {
    rows.u8[rows.at1 + this.count] = 0;
    rows.u8[rows.at1 + this.dense] = 0;
  }
}

/**
 * Distinct count over a sliding window of `bucketCount` sub-windows of `bucketMilliseconds`,
 * aligned to Shanghai local time (sub-window numbers fit 32 bits for sub-windows of a minute or
 * more until the year 10,000); the window covered is between (bucketCount − 1) and
 * bucketCount sub-windows long. Sparse, each hash carries its sub-window (so a hash seen again
 * moves forward); dense, each sub-window has registers and their register-wise maximum is the
 * union, rebuilt when sub-windows expire. Once every sub-window has expired the count is sparse
 * and empty again.
 */
export class SlidingSketch {
  private readonly bucketCount: number;
  private readonly bucketMilliseconds: number;
  private readonly newest: number;
  private readonly list: number;
  /** The sub-window number of each listed hash, modulo 256. */
  private readonly tags: number;
  private readonly count: number;
  private readonly dense: number;
  /** Dense: bit b set when sub-window b holds something. */
  private readonly filled: number;
  private readonly union: Registers;
  private readonly buckets: number;

  constructor(layout: RowLayout, bucketCount: number, bucketMilliseconds: number) {
    this.bucketCount = bucketCount;
    this.bucketMilliseconds = bucketMilliseconds;
    this.newest = layout.uint32();
    this.list = layout.uint32(SPARSE_CAPACITY);
    this.tags = layout.uint8(SPARSE_CAPACITY);
    this.count = layout.uint8();
    this.dense = layout.uint8();
    this.filled = layout.uint8();
    this.union = new Registers(layout);
    this.buckets = layout.uint8(bucketCount * REGISTERS);
  }

  /** Moves the selected row's window to `time`, forgetting what left it. */
  advance(rows: RowCursor, time: number): void {
    const bucket = Math.floor((time + SHANGHAI_OFFSET_MILLISECONDS) / this.bucketMilliseconds);
    const newest = rows.u32[rows.at4 + this.newest]!;
    if (bucket <= newest) return;
    rows.u32[rows.at4 + this.newest] = bucket;
    if (rows.u8[rows.at1 + this.dense] === 1) return this.expireDense(rows, bucket, newest);
    const count = rows.u8[rows.at1 + this.count]!;
    if (count === 0) return;
    if (bucket - newest >= this.bucketCount) {
      rows.u8[rows.at1 + this.count] = 0;
      return;
    }
    // Ages stay under 2 × bucketCount here, so sub-window numbers modulo 256 are enough.
    const list = rows.at4 + this.list;
    const tags = rows.at1 + this.tags;
    let kept = 0;
    for (let index = 0; index < count; index += 1) {
      const tag = rows.u8[tags + index]!;
      if (((bucket - tag) & 255) >= this.bucketCount) continue;
      rows.u32[list + kept] = rows.u32[list + index]!;
      rows.u8[tags + kept] = tag;
      kept += 1;
    }
    rows.u8[rows.at1 + this.count] = kept;
  }

  /** Adds to the selected row; call `advance` first. */
  add(rows: RowCursor, hash: number): void {
    const newest = rows.u32[rows.at4 + this.newest]!;
    if (rows.u8[rows.at1 + this.dense] === 1) return this.addDense(rows, newest, hash);
    const list = rows.at4 + this.list;
    const tags = rows.at1 + this.tags;
    const count = rows.u8[rows.at1 + this.count]!;
    for (let index = 0; index < count; index += 1) {
      if (rows.u32[list + index] !== hash) continue;
      rows.u8[tags + index] = newest & 255;
      return;
    }
    if (count < SPARSE_CAPACITY) {
      rows.u32[list + count] = hash;
      rows.u8[tags + count] = newest & 255;
      rows.u8[rows.at1 + this.count] = count + 1;
      return;
    }
    // The list overflows: each listed hash goes to its own sub-window's registers.
    this.union.clear(rows);
    rows.u8[rows.at1 + this.dense] = 1;
    for (let index = 0; index < count; index += 1) {
      const age = (newest - rows.u8[tags + index]!) & 255;
      this.addDense(rows, newest - age, rows.u32[list + index]!);
    }
    this.addDense(rows, newest, hash);
  }

  estimate(rows: RowCursor): number {
    return rows.u8[rows.at1 + this.dense] === 1 ? this.union.estimate(rows) : rows.u8[rows.at1 + this.count]!;
  }

  /** A new row's window starts at `time`. */
  initialise(rows: RowCursor, time: number): void {
    rows.u32[rows.at4 + this.newest] = Math.floor((time + SHANGHAI_OFFSET_MILLISECONDS) / this.bucketMilliseconds);
  }

  private addDense(rows: RowCursor, bucket: number, hash: number): void {
    const slot = bucket % this.bucketCount;
    Registers.raise(rows, rows.at1 + this.buckets + slot * REGISTERS, hash);
    rows.u8[rows.at1 + this.filled] = rows.u8[rows.at1 + this.filled]! | (1 << slot);
    this.union.add(rows, hash);
  }

  private expireDense(rows: RowCursor, bucket: number, newest: number): void {
    let filled = rows.u8[rows.at1 + this.filled]!;
    const steps = Math.min(bucket - newest, this.bucketCount);
    let forgot = false;
    for (let step = 1; step <= steps; step += 1) {
      const slot = (newest + step) % this.bucketCount;
      if ((filled & (1 << slot)) === 0) continue;
      const start = rows.at1 + this.buckets + slot * REGISTERS;
      rows.u8.fill(0, start, start + REGISTERS);
      filled &= ~(1 << slot);
      forgot = true;
    }
    rows.u8[rows.at1 + this.filled] = filled;
    if (!forgot) return;
    this.union.clear(rows);
    if (filled === 0) {
      // Everything left the window: back to an empty list.
      rows.u8[rows.at1 + this.dense] = 0;
      rows.u8[rows.at1 + this.count] = 0;
      return;
    }
    const union = rows.at1 + this.union.registers;
    for (let slot = 0; slot < this.bucketCount; slot += 1) {
      if ((filled & (1 << slot)) === 0) continue;
      const start = rows.at1 + this.buckets + slot * REGISTERS;
      for (let register = 0; register < REGISTERS; register += 1) {
        const value = rows.u8[start + register]!;
        if (value > rows.u8[union + register]!) rows.u8[union + register] = value;
      }
    }
    this.union.recount(rows);
  }
}
