/*
 * Power-of-two arithmetic on leaf counts. JavaScript's bitwise operators work on 32-bit integers,
 * so `1 << 40` or `size >> 1` would silently go wrong for large trees or for an attacker's query
 * string value. These helpers use ordinary multiplication and division instead, which is exact
 * for every integer up to Number.MAX_SAFE_INTEGER (2^53 − 1) and every power of two up to 2^53.
 */

/** The exponent e with 2^e ≤ value < 2^(e+1), for value ≥ 1. */
export function floorLog2(value: number): number {
  let exponent = 0;
  let power = 1;
  while (power * 2 <= value) {
    power *= 2;
    exponent += 1;
  }
  return exponent;
}

/** The exponent e with 2^(e−1) < value ≤ 2^e, for value ≥ 1. */
export function ceilLog2(value: number): number {
  let exponent = 0;
  let power = 1;
  while (power < value) {
    power *= 2;
    exponent += 1;
  }
  return exponent;
}

export function isPowerOfTwo(value: number): boolean {
  return value >= 1 && 2 ** floorLog2(value) === value;
}

/**
 * RFC 6962 §2.1's k: "the largest power of two smaller than n", for n ≥ 2. It is where the tree
 * of n leaves splits into its left (always complete) and right subtrees.
 */
export function largestPowerOfTwoBelow(value: number): number {
  return 2 ** floorLog2(value - 1);
}
