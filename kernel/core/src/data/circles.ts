/** `data.circles`: a small circle inside a large one (scikit-learn's make_circles). */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { nonNegativeNumber, positiveInteger } from "../validate";
import { PointCloud, twoCurveCloud } from "./point-cloud";
import { checkAllocation, f64Bytes } from "../guard";

export interface CirclesOptions {
  /** Number of points (default 100), split evenly between the two circles. */
  n?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate (default 0). */
  noise?: number;
  /** Radius of the inner circle relative to the outer one, in (0, 1) (default 0.8). */
  factor?: number;
  /** Seed of the random choices; same seed, same result (default 0). */
  seed?: number;
}

/**
 * Outer circle (label 0, ⌊n/2⌋ points) of radius 1 and inner circle (label 1) of radius `factor`, angles
 * evenly spaced in [0, 2π) (endpoint excluded). Rows shuffled; `t` is the angle.
 *
 * @example
 * ```ts
 * const { X, labels } = data.circles({ n: 8, factor: 0.5, seed: 0 });
 * // radius 1 for the outer circle (label 0), `factor` for the inner one
 * Array.from({ length: 8 }, (_, i) => Math.round(Math.hypot(...X.row(i)) * 1e12) / 1e12 === (labels![i] === 0 ? 1 : 0.5)).every(Boolean); // => true
 * ```
 */
export function circles(opts: CirclesOptions = {}): PointCloud {
  const fn = "data.circles";
  checkOptions(fn, opts, { n: opt.integer(1), noise: opt.number(), factor: opt.number(), seed: opt.seed });
  const n = positiveInteger(fn, "n", opts.n ?? 100);
  checkAllocation(fn, `${n} points`, f64Bytes(n, 3) + 4 * n);
  const noise = nonNegativeNumber(fn, "noise", opts.noise ?? 0);
  const factor = opts.factor ?? 0.8;
  if (typeof factor !== "number" || !(factor > 0 && factor < 1)) {
    throw new EigenlabError("bad-option", message.factorRange(fn, factor));
  }
  return twoCurveCloud(n, noise, opts.seed ?? 0, (outer, i, m) => {
    const a = (2 * Math.PI * i) / m;
    const r = outer ? 1 : factor;
    return [r * Math.cos(a), r * Math.sin(a), a];
  });
}
