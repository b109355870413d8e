/** `data.moons`: two interleaving half circles (scikit-learn's make_moons). */
import { Matrix } from "../matrix";
import { Rng } from "../random";
import { checkOptions } from "../validate";
import { checkNonNegative, checkPositiveInt } from "../graph/check";
import type { PointCloud } from "./point-cloud";

export interface MoonsOptions {
  n?: number;
  /** Standard deviation of Gaussian noise added to every coordinate (default 0). */
  noise?: number;
  seed?: number;
}

/**
 * Outer moon (label 0, ⌊n/2⌋ points): (cos s, sin s), s evenly in [0, π]; inner moon (label 1):
 * (1 − cos s, 1/2 − sin s). Rows shuffled; `t` is s.
 */
export function moons(opts: MoonsOptions = {}): PointCloud {
  const fn = "data.moons";
  checkOptions(fn, opts, ["n", "noise", "seed"]);
  const n = checkPositiveInt(fn, "n", opts.n ?? 100);
  const noise = checkNonNegative(fn, "noise", opts.noise ?? 0);
  const rng = new Rng(opts.seed ?? 0);
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  rng.stream(1).shuffleInPlace(order);
  const eps = rng.stream(2);
  const X = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  const t = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    const src = order[q];
    const outer = src < nOut;
    const m = outer ? nOut : nIn;
    const s = m > 1 ? (Math.PI * (outer ? src : src - nOut)) / (m - 1) : 0;
    X[2 * q] = (outer ? Math.cos(s) : 1 - Math.cos(s)) + noise * eps.normal();
    X[2 * q + 1] = (outer ? Math.sin(s) : 0.5 - Math.sin(s)) + noise * eps.normal();
    labels[q] = outer ? 0 : 1;
    t[q] = s;
  }
  return { X: new Matrix(n, 2, X), labels, t };
}
