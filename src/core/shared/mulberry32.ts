/**
 * mulberry32 (Tommy Ettinger, public domain): a seeded uniform source in [0, 1), 32 bits of state,
 * fast and good enough for synthetic data. Never Math.random: demo populations, benchmark streams
 * and test events must be reproducible from their seed (DESIGN §7).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
