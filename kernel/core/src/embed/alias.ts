/**
 * Alias tables (Walker 1977; Vose 1991, "A linear algorithm for generating random numbers with a given
 * distribution"): O(len) to build, O(1) to draw one index from a discrete distribution. Many tables live in one
 * flat pair of arrays, each at its own offset, so node2vec's per-edge tables stay in two allocations.
 */
import { Rng } from "../random";

/**
 * Writes the table for `weights[0..len)` at `offset` of (prob, alias). Deterministic: the small/large work
 * lists are processed in index order. Zero total weight gives a uniform table.
 */
export function buildAliasInto(
  prob: Float32Array | Float64Array, alias: Int32Array, offset: number, weights: ArrayLike<number>, len: number,
  small: Int32Array, large: Int32Array, scaled: Float64Array,
): void {
  let total = 0;
  for (let i = 0; i < len; i++) total += weights[i];
  if (!(total > 0)) {
    for (let i = 0; i < len; i++) {
      prob[offset + i] = 1;
      alias[offset + i] = i;
    }
    return;
  }
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < len; i++) {
    scaled[i] = (weights[i] * len) / total;
    if (scaled[i] < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns];
    const l = large[nl - 1];
    prob[offset + s] = scaled[s];
    alias[offset + s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    if (scaled[l] < 1) {
      nl--;
      small[ns++] = l;
    }
  }
  while (nl > 0) {
    const l = large[--nl];
    prob[offset + l] = 1;
    alias[offset + l] = l;
  }
  while (ns > 0) {
    const s = small[--ns];
    prob[offset + s] = 1;
    alias[offset + s] = s;
  }
}

const INV_2_32 = 1 / 4294967296;

/**
 * Draws an index in [0, len) from the table at `offset` with one 32-bit draw: the column from the integer part of
 * u·len, the coin from its fraction (u = (x + ½)/2³², resolution 2⁻³² — ample for sampling, and half the cost of
 * a 53-bit uniform).
 */
export function drawAlias(rng: Rng, prob: Float64Array, alias: Int32Array, offset: number, len: number): number {
  const u = (rng.nextUint32() + 0.5) * INV_2_32 * len;
  const k = Math.floor(u);
  return u - k < prob[offset + k] ? k : alias[offset + k];
}

/** drawAlias for float32 probability tables (node2vec's per-edge tables); a separate function keeps both call sites monomorphic. */
export function drawAliasF32(rng: Rng, prob: Float32Array, alias: Int32Array, offset: number, len: number): number {
  const u = (rng.nextUint32() + 0.5) * INV_2_32 * len;
  const k = Math.floor(u);
  return u - k < prob[offset + k] ? k : alias[offset + k];
}

/** A single alias table over `weights`. */
export function aliasTable(weights: ArrayLike<number>): { prob: Float64Array; alias: Int32Array } {
  const n = weights.length;
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  buildAliasInto(prob, alias, 0, weights, n, new Int32Array(n), new Int32Array(n), new Float64Array(n));
  return { prob, alias };
}
