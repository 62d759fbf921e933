import { describe, expect, it } from 'vitest';
import { subjectHash } from './hash.ts';
import { Sketch, SlidingSketch } from './hyper-log-log.ts';
import { RowLayout, SharedRows, type RowSection } from './row-slab.ts';
import { blindIndexes, MINUTE, MONDAY_9AM } from './test-events.ts';

// 2^8 registers: standard error 1.04 / √256 ≈ 6.5 %; three standard errors is the tolerance.
const TOLERANCE = 3 * 0.065;

const layout = new RowLayout();
const sketch = new Sketch(layout);
const window = new SlidingSketch(layout, 4, 15 * MINUTE);
const BYTES = layout.bytes();

function freshRow(): RowSection {
  const rows = new SharedRows().section(BYTES);
  rows.select(0);
  sketch.clear(rows);
  window.initialise(rows, MONDAY_9AM);
  return rows;
}

describe('Sketch', () => {
  it.each([10, 100, 1_000, 20_000])('estimates %i distinct subjects within three standard errors', (count) => {
    const rows = freshRow();
    for (const subject of blindIndexes(count)) sketch.add(rows, subjectHash(subject));
    expect(Math.abs(sketch.estimate(rows) - count) / count).toBeLessThan(TOLERANCE);
  });

  it('does not count a subject twice', () => {
    const subjects = blindIndexes(200);
    const repeated = freshRow();
    for (let round = 0; round < 5; round += 1) for (const subject of subjects) sketch.add(repeated, subjectHash(subject));
    const once = freshRow();
    for (const subject of subjects) sketch.add(once, subjectHash(subject));
    expect(sketch.estimate(repeated)).toBe(sketch.estimate(once));
  });

  it('gives exactly the same estimate after a snapshot is restored', () => {
    const rows = freshRow();
    for (const subject of blindIndexes(5_000)) sketch.add(rows, subjectHash(subject));
    const restored = new SharedRows().section(BYTES);
    restored.restore('test', JSON.parse(JSON.stringify(rows.snapshot())), 1);
    restored.select(0);
    expect(sketch.estimate(restored)).toBe(sketch.estimate(rows));
  });
});

describe('SlidingSketch', () => {
  it('forgets sub-windows that leave the window, and keeps the rest', () => {
    const rows = freshRow();
    window.advance(rows, MONDAY_9AM);
    for (const subject of blindIndexes(500, 0)) window.add(rows, subjectHash(subject));
    window.advance(rows, MONDAY_9AM + 30 * MINUTE);
    for (const subject of blindIndexes(500, 10_000)) window.add(rows, subjectHash(subject));
    expect(Math.abs(window.estimate(rows) - 1000) / 1000).toBeLessThan(TOLERANCE);
    // An hour after the first sub-window began, it has left the window; the second has not.
    window.advance(rows, MONDAY_9AM + 60 * MINUTE);
    expect(Math.abs(window.estimate(rows) - 500) / 500).toBeLessThan(TOLERANCE);
    window.advance(rows, MONDAY_9AM + 3 * 60 * MINUTE);
    expect(window.estimate(rows)).toBe(0);
  });

  it('rebuilds the union to the same registers as adding the kept sub-windows alone', () => {
    const slid = freshRow();
    window.advance(slid, MONDAY_9AM);
    for (const subject of blindIndexes(300, 0)) window.add(slid, subjectHash(subject));
    window.advance(slid, MONDAY_9AM + 20 * MINUTE);
    for (const subject of blindIndexes(300, 5_000)) window.add(slid, subjectHash(subject));
    window.advance(slid, MONDAY_9AM + 61 * MINUTE);
    const fresh = freshRow();
    window.advance(fresh, MONDAY_9AM + 20 * MINUTE);
    for (const subject of blindIndexes(300, 5_000)) window.add(fresh, subjectHash(subject));
    expect(window.estimate(slid)).toBe(window.estimate(fresh));
  });
});
