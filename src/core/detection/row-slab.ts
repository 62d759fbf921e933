import { DomainError } from '../shared/domain-error.ts';
import { invalidSnapshot, type JsonValue } from './detector.ts';

/*
 * Per-principal detector state as fixed-size rows in large chunked buffers, not as an object
 * and a few typed arrays per principal. At 100,000 principals the difference is what makes the
 * budget (issue #7: about 8 KB each, ≤ 1 GB in all): one small typed array costs about as much
 * in headers and allocator slack as the numbers it holds, and hundreds of thousands of them
 * slow every garbage collection. Rows are also bounded by construction: a detector's section of
 * a row is its state per principal, fixed when its module loads.
 *
 * Rows are addressed by the principal's slot (PrincipalIndex), and the detectors that keep state
 * per person share one row per person, each in its own section (likewise per credential). An
 * event then touches one region of memory per principal rather than one per detector: at 100,000
 * principals most of the cost of an event is the processor waiting for memory, and the page
 * walks of scattered rows dominate it.
 */

/** Rows per chunk (2^10): chunks are allocated as slots arrive, so slack is at most one chunk. */
const CHUNK_BITS = 10;
const CHUNK_ROWS = 1 << CHUNK_BITS;
/** A processor cache line: each section starts on one, so that its first fields cost one memory read. */
const LINE_BYTES = 64;
/**
 * The first line of a row holds one byte per section saying whether the section is in use, so
 * that selecting a row reads one line for every detector, rather than each section's own.
 */
const MAXIMUM_SECTIONS = LINE_BYTES;

function align(offset: number, size: number): number {
  return Math.ceil(offset / size) * size;
}

/**
 * The fields of a section, allocated in order. Each call returns the field's index in units of
 * its own width (an index into the matching view at the section's own offset), so a float64
 * field is read as `rows.f64[rows.at8 + FIELD]`.
 */
export class RowLayout {
  private offset = 0;

  private field(width: number, count: number): number {
    this.offset = align(this.offset, width);
    const index = this.offset / width;
    this.offset += width * count;
    return index;
  }

  float64(count = 1): number {
    return this.field(8, count);
  }

  float32(count = 1): number {
    return this.field(4, count);
  }

  uint32(count = 1): number {
    return this.field(4, count);
  }

  uint16(count = 1): number {
    return this.field(2, count);
  }

  uint8(count = 1): number {
    return this.field(1, count);
  }

  /** Starts the next field on a new cache line (sections start on one), for blocks read as a line. */
  nextLine(): void {
    this.offset = align(this.offset, LINE_BYTES);
  }

  /** The section size, rounded to 8 (sections themselves start on a cache line). */
  bytes(): number {
    return align(this.offset, 8);
  }
}

/** Where a selected row is: the views over its chunk and its offset in units of each width. */
export interface RowCursor {
  f64: Float64Array;
  f32: Float32Array;
  u32: Uint32Array;
  u16: Uint16Array;
  u8: Uint8Array;
  at8: number;
  at4: number;
  at2: number;
  at1: number;
}

interface Chunk {
  f64: Float64Array;
  f32: Float32Array;
  u32: Uint32Array;
  u16: Uint16Array;
  u8: Uint8Array;
}

/** Rows by slot, in chunks allocated on demand (zeroed), with one cursor. */
class RowSlab {
  readonly rowBytes: number;
  readonly chunks: Chunk[] = [];
  current = -1;
  chunk: Chunk | null = null;
  offset = 0;

  constructor(rowBytes: number) {
    this.rowBytes = rowBytes;
  }

  get capacity(): number {
    return this.chunks.length * CHUNK_ROWS;
  }

  select(slot: number): void {
    if (slot === this.current) return;
    while (slot >= this.chunks.length * CHUNK_ROWS) {
      const buffer = new ArrayBuffer(CHUNK_ROWS * this.rowBytes);
      this.chunks.push({ f64: new Float64Array(buffer), f32: new Float32Array(buffer), u32: new Uint32Array(buffer), u16: new Uint16Array(buffer), u8: new Uint8Array(buffer) });
    }
    this.chunk = this.chunks[slot >>> CHUNK_BITS]!;
    this.offset = (slot & (CHUNK_ROWS - 1)) * this.rowBytes;
    this.current = slot;
  }

  /** `slot`'s chunk and the byte offset of its row there; null when no chunk holds it yet. */
  locate(slot: number): { chunk: Chunk; offset: number } | null {
    const chunk = this.chunks[slot >>> CHUNK_BITS];
    return chunk === undefined ? null : { chunk, offset: (slot & (CHUNK_ROWS - 1)) * this.rowBytes };
  }
}

/**
 * The rows of one kind of principal shared by several detectors: each asks for a section before
 * the first event; the row is laid out, and its size fixed, when a section is first used.
 */
export class SharedRows {
  private readonly sections: RowSection[] = [];
  private slab: RowSlab | null = null;

  section(bytes: number): RowSection {
    // Both are wiring mistakes, caught by the first test that builds the detectors.
    if (this.slab !== null) throw new DomainError('DETECTION_LAYOUT_INVALID', 'a row section was asked for after rows were in use');
    if (this.sections.length >= MAXIMUM_SECTIONS) throw new DomainError('DETECTION_LAYOUT_INVALID', 'too many row sections');
    const section = new RowSection(this, this.sections.length, bytes);
    this.sections.push(section);
    return section;
  }

  /**
   * Reads the first line of every section of `slot`'s row, and returns what it read (to be kept
   * somewhere, so the reads are not optimised away). The reads do not depend on one another, so
   * the processor waits for all the lines at once instead of once per detector: at 100,000
   * principals a row is rarely still in the cache, and waiting for memory is most of an event's
   * cost (bench:detect measured about 7 % more events a second with it).
   */
  warm(slot: number): number {
    const slab = this.rows();
    if (slot < 0 || slot >= slab.capacity) return 0;
    slab.select(slot);
    const u8 = slab.chunk!.u8;
    const row = slab.offset;
    let sum = u8[row]!;
    for (let index = 0; index < this.sections.length; index += 1) sum += u8[row + this.sections[index]!.base]!;
    return sum;
  }

  /** Bytes of one row, sections, padding and in-use line included: what each principal of the kind costs. */
  rowBytes(): number {
    return this.rows().rowBytes;
  }

  rows(): RowSlab {
    if (this.slab !== null) return this.slab;
    let offset = LINE_BYTES;
    for (const section of this.sections) {
      section.base = offset;
      offset = align(offset + section.bytes, LINE_BYTES);
    }
    return (this.slab = new RowSlab(offset));
  }
}

/**
 * One detector's section of a row, and its cursor. `select` points the cursor at a slot's
 * section and takes it into use (zeroed) when it was not; detectors read and write fields
 * through the cursor, synchronously, within one event.
 */
export class RowSection implements RowCursor {
  readonly bytes: number;
  /** Where the section starts in a row: set when the shared rows are laid out. */
  base = 0;
  private readonly shared: SharedRows;
  /** This section's in-use byte in the row's first line. */
  private readonly flag: number;
  private slab: RowSlab | null = null;
  private used = 0;
  f64: Float64Array = new Float64Array(0);
  f32: Float32Array = new Float32Array(0);
  u32: Uint32Array = new Uint32Array(0);
  u16: Uint16Array = new Uint16Array(0);
  u8: Uint8Array = new Uint8Array(0);
  at8 = 0;
  at4 = 0;
  at2 = 0;
  at1 = 0;

  constructor(shared: SharedRows, flag: number, bytes: number) {
    this.shared = shared;
    this.flag = flag;
    this.bytes = bytes;
  }

  /** Sections in use. */
  get size(): number {
    return this.used;
  }

  has(slot: number): boolean {
    const place = this.rows().locate(slot);
    return place !== null && place.chunk.u8[place.offset + this.flag] === 1;
  }

  /** Points the cursor at `slot`'s section, taking it into use (zeroed) when it was not; true when it was not. */
  select(slot: number): boolean {
    const slab = this.slab ?? this.rows();
    slab.select(slot);
    const chunk = slab.chunk!;
    const row = slab.offset;
    const offset = row + this.base;
    this.f64 = chunk.f64;
    this.f32 = chunk.f32;
    this.u32 = chunk.u32;
    this.u16 = chunk.u16;
    this.u8 = chunk.u8;
    this.at1 = offset;
    this.at2 = offset >>> 1;
    this.at4 = offset >>> 2;
    this.at8 = offset >>> 3;
    if (chunk.u8[row + this.flag] === 1) return false;
    chunk.u8.fill(0, offset, offset + this.bytes);
    chunk.u8[row + this.flag] = 1;
    this.used += 1;
    return true;
  }

  /** Takes `slot`'s section out of use (a capped table reusing its slot). */
  release(slot: number): void {
    if (!this.has(slot)) return;
    const place = this.rows().locate(slot)!;
    place.chunk.u8[place.offset + this.flag] = 0;
    this.used -= 1;
  }

  /** The sections in use, as [slot, base64] in slot order. */
  snapshot(): JsonValue {
    const rows: JsonValue[] = [];
    for (let slot = 0; slot < this.rows().capacity; slot += 1) if (this.has(slot)) rows.push([slot, this.encode(slot)]);
    return { rowBytes: this.bytes, rows };
  }

  /** Replaces every section; throws DETECTION_SNAPSHOT_INVALID, changing nothing, when the snapshot does not fit. */
  restore(detector: string, snapshot: JsonValue, slots: number): void {
    if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) throw invalidSnapshot(detector, 'not an object');
    if (snapshot['rowBytes'] !== this.bytes) throw invalidSnapshot(detector, `sections of ${String(snapshot['rowBytes'])} bytes, expected ${this.bytes}`);
    const entries = snapshot['rows'];
    if (!Array.isArray(entries)) throw invalidSnapshot(detector, 'rows is not a list');
    const decoded = entries.map((entry) => {
      if (!Array.isArray(entry) || entry.length !== 2) throw invalidSnapshot(detector, 'a row is not [slot, base64]');
      const slot = entry[0];
      if (typeof slot !== 'number' || !Number.isInteger(slot) || slot < 0 || slot >= slots) throw invalidSnapshot(detector, 'a row has no principal');
      return [slot, this.decode(detector, entry[1] ?? null)] as const;
    });
    this.clear();
    for (const [slot, bytes] of decoded) this.write(slot, bytes);
  }

  /** `slot`'s section as base64. */
  encode(slot: number): string {
    const place = this.rows().locate(slot)!;
    return bytesToBase64(place.chunk.u8.subarray(place.offset + this.base, place.offset + this.base + this.bytes));
  }

  /** A section from base64, checked for size; throws DETECTION_SNAPSHOT_INVALID. */
  decode(detector: string, text: JsonValue): Uint8Array {
    const bytes = typeof text === 'string' ? base64ToBytes(text) : null;
    if (bytes === null || bytes.length !== this.bytes) throw invalidSnapshot(detector, 'a section is not base64 of the right size');
    return bytes;
  }

  write(slot: number, bytes: Uint8Array): void {
    this.select(slot);
    this.u8.set(bytes, this.at1);
  }

  /** Takes every section out of use. */
  clear(): void {
    for (let slot = 0; slot < this.rows().capacity; slot += 1) this.release(slot);
  }

  private rows(): RowSlab {
    return (this.slab ??= this.shared.rows());
  }
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 4096) binary += String.fromCharCode(...bytes.subarray(start, start + 4096));
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
