/** `data.circles`: a small circle inside a large one (scikit-learn's make_circles). */
import { Matrix } from "../matrix";
import { Rng } from "../random";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions } from "../validate";
import { checkNonNegative, checkPositiveInt } from "../graph/check";
import type { PointCloud } from "./point-cloud";

export interface CirclesOptions {
  n?: number;
  noise?: number;
  /** Radius of the inner circle relative to the outer one, in (0, 1) (default 0.8). */
  factor?: number;
  seed?: number;
}

/**
 * Outer circle (label 0, ⌊n/2⌋ points) of radius 1 and inner circle (label 1) of radius `factor`, angles
 * evenly spaced in [0, 2π) (endpoint excluded). Rows shuffled; `t` is the angle.
 */
export function circles(opts: CirclesOptions = {}): PointCloud {
  const fn = "data.circles";
  checkOptions(fn, opts, ["n", "noise", "factor", "seed"]);
  const n = checkPositiveInt(fn, "n", opts.n ?? 100);
  const noise = checkNonNegative(fn, "noise", opts.noise ?? 0);
  const factor = opts.factor ?? 0.8;
  if (typeof factor !== "number" || !(factor > 0 && factor < 1)) {
    throw new EigenlabError("bad-option", message.factorRange(fn, factor));
  }
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
    const a = outer ? (2 * Math.PI * src) / nOut : (2 * Math.PI * (src - nOut)) / nIn;
    const r = outer ? 1 : factor;
    X[2 * q] = r * Math.cos(a) + noise * eps.normal();
    X[2 * q + 1] = r * Math.sin(a) + noise * eps.normal();
    labels[q] = outer ? 0 : 1;
    t[q] = a;
  }
  return { X: new Matrix(n, 2, X), labels, t };
}
