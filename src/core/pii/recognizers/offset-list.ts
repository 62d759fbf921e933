/** Spans in text order: [starts[i], ends[i]) for i < count. */
export interface Spans {
  starts: Int32Array;
  ends: Int32Array;
  count: number;
}

/** Offsets gathered in one pass over a text, without an allocation per offset. */
export class Offsets {
  values = new Int32Array(256);
  count = 0;

  push(value: number): void {
    if (this.count === this.values.length) {
      const larger = new Int32Array(this.values.length * 2);
      larger.set(this.values);
      this.values = larger;
    }
    this.values[this.count] = value;
    this.count += 1;
  }
}

/** Spans gathered in one pass over a text. */
export class SpanList {
  readonly starts = new Offsets();
  readonly ends = new Offsets();

  push(start: number, end: number): void {
    this.starts.push(start);
    this.ends.push(end);
  }

  spans(): Spans {
    return { starts: this.starts.values, ends: this.ends.values, count: this.starts.count };
  }
}
