/** `data.moons`: two interleaving half circles (scikit-learn's make_moons). */
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { nonNegativeNumber, positiveInteger } from "../validate";
import { PointCloud, twoCurveCloud } from "./point-cloud";
import { checkAllocation, f64Bytes } from "../guard";

export interface MoonsOptions {
  /** Number of points (default 100), split evenly between the two moons. */
  n?: number;
  /** Standard deviation of Gaussian noise added to every coordinate (default 0). */
  noise?: number;
  /** Seed of the random choices; same seed, same result (default 0). */
  seed?: number;
}

/**
 * Outer moon (label 0, ⌊n/2⌋ points): (cos s, sin s), s evenly in [0, π]; inner moon (label 1):
 * (1 − cos s, 1/2 − sin s). Rows shuffled; `t` is s.
 *
 * @example
 * ```ts
 * const { X, labels, t } = data.moons({ n: 10, seed: 0 });
 * X.shape; // => [10, 2]
 * // a point of the outer moon (label 0) is (cos s, sin s)
 * const i = labels!.indexOf(0);
 * X.row(i); // => [Math.cos(t![i]), Math.sin(t![i])]
 * ```
 */
export function moons(opts: MoonsOptions = {}): PointCloud {
  const fn = "data.moons";
  checkOptions(fn, opts, { n: opt.integer(1), noise: opt.number(), seed: opt.seed });
  const n = positiveInteger(fn, "n", opts.n ?? 100);
  checkAllocation(fn, `${n} points`, f64Bytes(n, 3) + 4 * n);
  const noise = nonNegativeNumber(fn, "noise", opts.noise ?? 0);
  return twoCurveCloud(n, noise, opts.seed ?? 0, (outer, i, m) => {
    const s = m > 1 ? (Math.PI * i) / (m - 1) : 0;
    return outer ? [Math.cos(s), Math.sin(s), s] : [1 - Math.cos(s), 0.5 - Math.sin(s), s];
  });
}
