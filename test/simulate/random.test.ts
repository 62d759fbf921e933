import { describe, expect, it } from 'vitest';
import { simulationRandom } from '../../src/main/simulate/random.ts';

describe('the simulation random source', () => {
  it('repeats itself from the same seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, ((random) => () => random.integer(0, 1000))(simulationRandom(seed)));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('forks streams by name, whatever was drawn or forked before', () => {
    const first = simulationRandom(1);
    const second = simulationRandom(1);
    second.next();
    second.fork('other');
    expect(first.fork('people').next()).toBe(second.fork('people').next());
    expect(first.fork('people').next()).not.toBe(first.fork('scenarios').next());
  });

  it('samples distinct values, no more than there are', () => {
    const random = simulationRandom(3);
    const sample = random.sample([1, 2, 3, 4, 5, 6, 7, 8], 5);
    expect(new Set(sample).size).toBe(5);
    expect(random.sample([1, 2], 5).sort()).toEqual([1, 2]);
  });
});
