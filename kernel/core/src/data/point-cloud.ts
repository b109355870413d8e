/** The result of the point-cloud generators (blobs, moons, circles, swiss roll). */
import { Matrix } from "../matrix";
import { Rng } from "../random";

export interface PointCloud {
  /** One row per point. */
  X: Matrix;
  /** Ground-truth cluster of each point, where the generator defines one. */
  labels?: Int32Array;
  /** The intrinsic coordinate (position along the manifold), where the generator defines one. */
  t?: Float64Array;
}

/**
 * The common body of scikit-learn's make_moons / make_circles: class 0 takes ⌊n/2⌋ points, class 1 the
 * rest; `place(outer, i, m)` gives point i of m on its curve as [x, y, t]; Gaussian noise of sd `noise` is
 * added to both coordinates, and rows are shuffled (stream 1 shuffles, stream 2 draws the noise).
 */
export function twoCurveCloud(n: number, noise: number, seed: number, place: (outer: boolean, i: number, m: number) => [number, number, number]): PointCloud {
  const rng = new Rng(seed);
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
    const [x, y, s] = outer ? place(true, src, nOut) : place(false, src - nOut, nIn);
    X[2 * q] = x + noise * eps.normal();
    X[2 * q + 1] = y + noise * eps.normal();
    labels[q] = outer ? 0 : 1;
    t[q] = s;
  }
  return { X: new Matrix(n, 2, X), labels, t };
}
