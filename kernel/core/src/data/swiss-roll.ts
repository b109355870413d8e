/** `data.swissRoll`: the swiss-roll surface in 3-D (scikit-learn's make_swiss_roll). */
import { Matrix } from "../matrix";
import { Rng } from "../random";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { nonNegativeNumber, positiveInteger } from "../validate";
import type { PointCloud } from "./point-cloud";
import { checkAllocation, f64Bytes } from "../guard";

export interface SwissRollOptions {
  /** Number of points (default 100). */
  n?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0). */
  noise?: number;
  /** Seed of the random choices; same seed, same result (default 0). */
  seed?: number;
}

/**
 * t = 1.5π(1 + 2u), u uniform; point (t cos t, 21 v, t sin t), v uniform, plus noise·N(0, I₃). `t` is the
 * position along the roll (the coordinate a manifold learner should recover).
 *
 * @example
 * ```ts
 * const { X, t } = data.swissRoll({ n: 5, seed: 0 });
 * X.shape; // => [5, 3]
 * // (t cos t, 21 v, t sin t) without noise
 * X.get(0, 0); // => t![0] * Math.cos(t![0])
 * X.get(0, 2); // => t![0] * Math.sin(t![0])
 * ```
 */
export function swissRoll(opts: SwissRollOptions = {}): PointCloud {
  const fn = "data.swissRoll";
  checkOptions(fn, opts, { n: opt.integer(1), noise: opt.number(), seed: opt.seed });
  const n = positiveInteger(fn, "n", opts.n ?? 100);
  checkAllocation(fn, `${n} points`, f64Bytes(n, 4) + 4 * n);
  const noise = nonNegativeNumber(fn, "noise", opts.noise ?? 0);
  const rng = new Rng(opts.seed ?? 0);
  const u = rng.stream(1);
  const eps = rng.stream(2);
  const X = new Float64Array(3 * n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = 1.5 * Math.PI * (1 + 2 * u.uniform());
    t[i] = s;
    X[3 * i] = s * Math.cos(s) + noise * eps.normal();
    X[3 * i + 1] = 21 * u.uniform() + noise * eps.normal();
    X[3 * i + 2] = s * Math.sin(s) + noise * eps.normal();
  }
  return { X: new Matrix(n, 3, X), t };
}
