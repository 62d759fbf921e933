import { mulberry32 } from '../../core/shared/mulberry32.ts';

/**
 * The simulator's one source of chance: mulberry32 from a seed, never Math.random, so that
 * `custos simulate --seed N` sends the same calls on every machine (DESIGN §7: randomness is
 * injected). Each part of the model forks its own stream by name, so that adding a user or a
 * scenario does not shift the choices of every other part.
 */
export interface SimulationRandom {
  /** A number in [0, 1). */
  next(): number;
  /** An integer from `low` to `high`, both included. */
  integer(low: number, high: number): number;
  pick<Value>(values: readonly Value[]): Value;
  chance(probability: number): boolean;
  /** `count` different values of `values`, in random order (fewer when there are fewer). */
  sample<Value>(values: readonly Value[], count: number): Value[];
  /** A new independent stream, named so that its choices do not depend on the order of forking. */
  fork(name: string): SimulationRandom;
}

/** FNV-1a, 32 bits: a stream's seed from its name. */
export function nameSeed(name: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < name.length; index += 1) {
    hash ^= name.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function simulationRandom(seed: number): SimulationRandom {
  const next = mulberry32(seed);
  const integer = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  return {
    next,
    integer,
    pick<Value>(values: readonly Value[]): Value {
      if (values.length === 0) throw new Error('pick from an empty list');
      return values[integer(0, values.length - 1)]!;
    },
    chance: (probability) => next() < probability,
    sample<Value>(values: readonly Value[], count: number): Value[] {
      // A partial Fisher–Yates shuffle of a copy: the first `count` places are the sample.
      const copy = [...values];
      const taken = Math.min(count, copy.length);
      for (let index = 0; index < taken; index += 1) {
        const other = integer(index, copy.length - 1);
        [copy[index], copy[other]] = [copy[other]!, copy[index]!];
      }
      return copy.slice(0, taken);
    },
    fork: (name) => simulationRandom(nameSeed(name, seed)),
  };
}
