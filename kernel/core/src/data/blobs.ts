/** `data.blobs`: isotropic Gaussian clusters (scikit-learn's make_blobs). */
import { Matrix } from "../matrix";
import { Rng } from "../random";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { nonNegativeNumber, positiveInteger } from "../validate";
import type { PointCloud } from "./point-cloud";
import { checkAllocation, f64Bytes } from "../guard";

export interface BlobsOptions {
  /** Number of points (default 100). */
  n?: number;
  /** Cluster centres, one per row; or give k (and d) for centres drawn uniformly in `box`. */
  centers?: Matrix | readonly (readonly number[])[];
  /** Number of clusters when centers are not given (default 3). */
  k?: number;
  /** Dimension when centers are not given (default 2). */
  d?: number;
  /** Standard deviation of every cluster (default 1). */
  std?: number;
  /** Range [lo, hi) of random centres per coordinate (default [-10, 10], as scikit-learn). */
  box?: readonly [number, number];
  /** Seed of the random choices; same seed, same result (default 0). */
  seed?: number;
}

/**
 * n points split as evenly as possible over the clusters (the first n mod k clusters get one more, as
 * make_blobs), each centre + std·N(0, I), rows shuffled; labels give each point's cluster.
 *
 * @example
 * ```ts
 * const { X, labels } = data.blobs({ n: 7, k: 3, seed: 1 });
 * X.shape; // => [7, 2]
 * // clusters of 3, 2, 2 points (the first n mod k get one more)
 * [0, 1, 2].map((c) => labels!.filter((l) => l === c).length); // => [3, 2, 2]
 * // noise-free blobs sit on their centres
 * const b = data.blobs({ n: 4, centers: [[0, 0], [5, 5]], std: 0, seed: 2 });
 * b.X.row(b.labels!.indexOf(1)); // => [5, 5]
 * ```
 */
export function blobs(opts: BlobsOptions = {}): PointCloud {
  const fn = "data.blobs";
  checkOptions(fn, opts, { n: opt.integer(1), centers: opt.matrix(), k: opt.integer(1), d: opt.integer(1), std: opt.number(), box: opt.array(opt.number(), { length: 2 }), seed: opt.seed });
  const n = positiveInteger(fn, "n", opts.n ?? 100);
  const std = nonNegativeNumber(fn, "std", opts.std ?? 1);
  const rng = new Rng(opts.seed ?? 0);
  let C: Matrix;
  if (opts.centers !== undefined) {
    C = opts.centers instanceof Matrix ? opts.centers : Matrix.from(opts.centers);
    if (opts.d !== undefined && C.cols !== opts.d) throw new EigenlabError("shape", message.centersShape(fn, C.rows, C.cols, opts.d));
    if (C.rows < 1) throw new EigenlabError("shape", message.positiveInteger(fn, "centers rows", C.rows));
  } else {
    const k = positiveInteger(fn, "k", opts.k ?? 3);
    const d = positiveInteger(fn, "d", opts.d ?? 2);
    const [lo, hi] = opts.box ?? [-10, 10];
    checkAllocation(fn, `${k} centres in ${d} dimensions`, f64Bytes(k, d));
    C = new Matrix(k, d, rng.stream(1).fillUniform(new Float64Array(k * d), lo, hi));
  }
  const k = C.rows;
  const d = C.cols;
  checkAllocation(fn, `${n} points in ${d} dimensions`, f64Bytes(n, d) + 4 * n);
  const labels = new Int32Array(n);
  const base = Math.floor(n / k);
  let p = 0;
  for (let c = 0; c < k; c++) for (let s = 0; s < base + (c < n % k ? 1 : 0); s++) labels[p++] = c;
  const noise = rng.stream(2);
  rng.stream(3).shuffleInPlace(labels);
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) X[i * d + j] = C.data[labels[i] * d + j] + std * noise.normal();
  return { X: new Matrix(n, d, X), labels };
}
