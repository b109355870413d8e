/** `cluster.kmeans`: k-means with seeded greedy k-means++ initialisation and Lloyd iterations. */
import { Matrix } from "../matrix";
import { Rng } from "../random";
import { Clustering } from "../clustering";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { hashArrays, stamp } from "../meta";
import { checkOptions, checkTolerance } from "../validate";
import { opt } from "../validate/options";
import { checkPoints } from "../validate/graph";
import { positiveInteger } from "../validate";
import { toFloat64 } from "../dtype";

export interface KmeansOptions {
  /** Number of clusters (required). */
  k: number;
  /** Independent initialisations; the run with the lowest inertia wins (default 10, scikit-learn 1.2's). */
  nInit?: number;
  /** Seed of the k-means++ initializations (default 0). */
  seed?: number;
  /** Lloyd iterations per run (default 300). */
  maxIter?: number;
  /** Stop when the squared centre shift is ≤ tol · mean per-feature variance (default 1e-4, as scikit-learn). */
  tol?: number;
}

interface Run {
  labels: Int32Array;
  centers: Float64Array;
  inertia: number;
  iterations: number;
}

function sqDist(X: Float64Array, i: number, C: Float64Array, c: number, d: number): number {
  let s = 0;
  const a = i * d, b = c * d;
  for (let p = 0; p < d; p++) {
    const t = X[a + p] - C[b + p];
    s += t * t;
  }
  return s;
}

/**
 * Greedy k-means++ (Arthur & Vassilvitskii 2007, with 2 + ⌊ln k⌋ local trials per centre as in
 * scikit-learn's _kmeans_plusplus): each new centre is the best of several D²-sampled candidates.
 */
function kmeansPlusPlus(X: Float64Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  const C = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.int(n);
  C.set(X.subarray(first * d, first * d + d), 0);
  const closest = new Float64Array(n);
  let pot = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = sqDist(X, i, C, 0, d);
    pot += closest[i];
  }
  const cumsum = new Float64Array(n);
  const cand = new Float64Array(n);
  const best = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) cumsum[i] = acc += closest[i];
    let bestPot = Infinity;
    let bestId = 0;
    for (let t = 0; t < trials; t++) {
      const r = rng.uniform() * acc;
      // searchsorted(cumsum, r, side="left"), clipped to n − 1.
      let lo = 0, hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumsum[mid] < r) lo = mid + 1;
        else hi = mid;
      }
      const id = lo;
      let p = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let q = 0; q < d; q++) {
          const u = X[i * d + q] - X[id * d + q];
          s += u * u;
        }
        cand[i] = Math.min(closest[i], s);
        p += cand[i];
      }
      if (p < bestPot) {
        bestPot = p;
        bestId = id;
        best.set(cand);
      }
    }
    C.set(X.subarray(bestId * d, bestId * d + d), c * d);
    closest.set(best);
    pot = bestPot;
  }
  void pot;
  return C;
}

/** Assigns each point to its nearest centre (ties: lower centre index); returns inertia. */
function assignInto(labels: Int32Array, dist: Float64Array, X: Float64Array, n: number, d: number, C: Float64Array, k: number): number {
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let bd = Infinity, bl = 0;
    for (let c = 0; c < k; c++) {
      const s = sqDist(X, i, C, c, d);
      if (s < bd) { bd = s; bl = c; }
    }
    labels[i] = bl;
    dist[i] = bd;
    inertia += bd;
  }
  return inertia;
}

function lloyd(X: Float64Array, n: number, d: number, k: number, C0: Float64Array, maxIter: number, tolAbs: number): Run {
  let C = C0;
  const labels = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n);
  const dist = new Float64Array(n);
  const counts = new Float64Array(k);
  let iterations = 0;
  let strict = false;
  for (let it = 0; it < maxIter; it++) {
    iterations = it + 1;
    prev.set(labels);
    assignInto(labels, dist, X, n, d, C, k);
    const next = new Float64Array(k * d);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const l = labels[i];
      counts[l]++;
      for (let p = 0; p < d; p++) next[l * d + p] += X[i * d + p];
    }
    // Empty clusters take the points farthest from their centres (scikit-learn's relocation rule).
    const empty: number[] = [];
    for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
    if (empty.length > 0) {
      const far = Array.from({ length: n }, (_, i) => i).sort((a, b) => dist[b] - dist[a] || a - b);
      empty.forEach((c, e) => {
        const i = far[e];
        const old = labels[i];
        for (let p = 0; p < d; p++) {
          next[old * d + p] -= X[i * d + p];
          next[c * d + p] = X[i * d + p];
        }
        counts[old]--;
        counts[c] = 1;
        labels[i] = c;
      });
    }
    for (let c = 0; c < k; c++) for (let p = 0; p < d; p++) next[c * d + p] /= counts[c];
    let shift = 0;
    for (let q = 0; q < k * d; q++) shift += (next[q] - C[q]) ** 2;
    C = next;
    let same = it > 0;
    if (same) for (let i = 0; i < n; i++) if (labels[i] !== prev[i]) { same = false; break; }
    if (same) { strict = true; break; }
    if (shift <= tolAbs) break;
  }
  void strict;
  // Final E-step, so labels and inertia belong to the returned centres.
  const inertia = assignInto(labels, dist, X, n, d, C, k);
  return { labels, centers: C, inertia, iterations };
}

/**
 * Lloyd's k-means, best of nInit seeded k-means++ starts (lowest inertia, first on ties). Run r draws from
 * stream r of `seed`, so the result is the same bit for bit on every run. The result's `meta.centers` is
 * the k×d matrix of centres.
 *
 * @example
 * ```ts
 * const X = Matrix.from([[0, 0], [0, 1], [10, 10], [10, 11]]);
 * const c = cluster.kmeans(X, { k: 2, seed: 0 });
 * cluster.nmi(c, [0, 0, 1, 1]); // => 1
 * // each point lies 0.5 from its centre: inertia 4 × 0.25
 * c.inertia; // => 1
 * ```
 */
export function kmeans(X: Matrix, opts: KmeansOptions): Clustering {
  const fn = "cluster.kmeans";
  checkOptions(fn, opts, { k: opt.integer(1), nInit: opt.integer(1), seed: opt.seed, maxIter: opt.integer(1), tol: opt.number() });
  checkPoints(fn, X, 1);
  if (opts?.k === undefined) throw new EigenlabError("bad-option", message.missingOption(fn, "k", "{ k: 3 }"));
  const k = positiveInteger(fn, "k", opts.k);
  const n = X.rows, d = X.cols;
  if (k > n) throw new EigenlabError("k-too-large", message.clustersTooMany(fn, k, n));
  const nInit = positiveInteger(fn, "nInit", opts.nInit ?? 10);
  const maxIter = positiveInteger(fn, "maxIter", opts.maxIter ?? 300);
  const tol = opts.tol ?? 1e-4;
  checkTolerance(tol);
  const seed = opts.seed ?? 0;
  const rng = new Rng(seed);
  const t0 = performance.now();
  // Lloyd's loops run on float64 rows: a float32 X is widened into a transient copy (freed on return, not kept
  // on the Matrix as X.data would be); centroids and inertia are float64 either way.
  const data = toFloat64(X.stored);
  // tol is relative to the data's spread: mean over features of the variance (scikit-learn's _tolerance).
  let meanVar = 0;
  for (let p = 0; p < d; p++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += data[i * d + p];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (data[i * d + p] - m) ** 2;
    meanVar += v / n;
  }
  const tolAbs = d > 0 ? (tol * meanVar) / d : 0;
  let best: Run | undefined;
  for (let r = 0; r < nInit; r++) {
    const C0 = kmeansPlusPlus(data, n, d, k, rng.stream(r));
    const run = lloyd(data, n, d, k, C0, maxIter, tolAbs);
    if (!best || run.inertia < best.inertia) best = run;
  }
  const b = best!;
  return new Clustering({
    labels: b.labels,
    k,
    inertia: b.inertia,
    meta: stamp({
      solver: "kmeans:greedy-k-means++ + lloyd",
      inputShape: [n, d],
      inputHash: hashArrays(X.stored),
      inputPrecision: X.dtype,
      seed,
      tol,
      iterations: b.iterations,
      nInit,
      centers: new Matrix(k, d, b.centers),
      timeMs: performance.now() - t0,
    }),
  });
}
