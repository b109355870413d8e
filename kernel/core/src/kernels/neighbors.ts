/**
 * Exact brute-force nearest neighbours: the one CPU kNN engine, behind graph.knn, graph.epsilon, graph.affinity
 * and the CPU reference backend's knnCandidates (backend/cpu.ts).
 *
 * Squared distances come from ‖x‖² + ‖y‖² − 2 x·y with the dot products computed in 64×64 tiles, only for
 * tiles on or above the diagonal (the distance matrix is symmetric, so each product updates the candidate
 * lists of both points). kNN computes them with the WebAssembly SIMD GEMM micro-kernel on rows packed once
 * (kernels/packed-rows.ts withPackedRows) and screens each tile against the lists' admission limits in SIMD
 * (wasm/knn-filter.wat), so only the few admissible pairs reach the TypeScript heaps; the radius search
 * and engines without WebAssembly use the 4×4 register-blocked TypeScript kernel / gemm's fallback. The expansion loses accuracy for close points, so
 * each point keeps a few more candidates than asked for, their distances are recomputed exactly as
 * ‖x − y‖, and a point whose exact k-th distance comes within the rounding bound of the worst kept candidate
 * is rescanned exactly. Ties are broken by the lower index (the order scikit-learn's brute search yields).
 */
import { rowSqNorms } from "./blas";
import { gemm } from "./gemm";
import { PackedRows, withPackedRows } from "./packed-rows";
import { reportProgress } from "../progress";

/** A dense row-major point cloud (n rows of d coordinates); `Matrix` and a backend's `DenseBlock` satisfy it. */
export interface Rows {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Rows stored as float64 or float32 (a float32 Matrix's `stored`): read as they are, arithmetic in float64. */
export interface FloatRows {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array | Float32Array;
}

export type Metric = "euclidean" | "cosine";

export interface NeighborLists {
  n: number;
  k: number;
  /** Neighbour j of point i at i*k + j, nearest first (ties: lower index first). */
  indices: Int32Array;
  distances: Float64Array;
}

const TILE = 64;
const EXTRA = 4;

/**
 * Bound on the rounding error of a squared distance ‖x‖² + ‖y‖² − 2x·y between rows with squared norms `sq`
 * (a few ulps of the largest ‖x‖² + ‖y‖²): candidates within it of a threshold are decided exactly.
 */
function roundingBound(sq: Float64Array): number {
  let maxSq = 0;
  for (let i = 0; i < sq.length; i++) maxSq = Math.max(maxSq, sq[i]);
  return 8 * Number.EPSILON * (2 * Math.max(maxSq, 1)) + Number.MIN_VALUE;
}

/** Rows scaled to unit norm (zero rows stay zero), for the cosine metric: d = 1 − x·y. */
export function unitRows(X: FloatRows): Float64Array {
  const { rows, cols, data } = X;
  const out = new Float64Array(data.length);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let p = 0; p < cols; p++) s += data[i * cols + p] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let p = 0; p < cols; p++) out[i * cols + p] = data[i * cols + p] * inv;
  }
  return out;
}

/** G[a*TILE + b] = x_{i0+a} · x_{j0+b} for a < ni, b < nj. */
function tileDotsInto(G: Float64Array, X: Float64Array, d: number, i0: number, ni: number, j0: number, nj: number): void {
  let a = 0;
  for (; a + 3 < ni; a += 4) {
    const r0 = (i0 + a) * d, r1 = r0 + d, r2 = r1 + d, r3 = r2 + d;
    let b = 0;
    for (; b + 3 < nj; b += 4) {
      const c0 = (j0 + b) * d, c1 = c0 + d, c2 = c1 + d, c3 = c2 + d;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let p = 0; p < d; p++) {
        const x0 = X[r0 + p], x1 = X[r1 + p], x2 = X[r2 + p], x3 = X[r3 + p];
        const y0 = X[c0 + p], y1 = X[c1 + p], y2 = X[c2 + p], y3 = X[c3 + p];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
        s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
      }
      const g0 = a * TILE + b, g1 = g0 + TILE, g2 = g1 + TILE, g3 = g2 + TILE;
      G[g0] = s00; G[g0 + 1] = s01; G[g0 + 2] = s02; G[g0 + 3] = s03;
      G[g1] = s10; G[g1 + 1] = s11; G[g1 + 2] = s12; G[g1 + 3] = s13;
      G[g2] = s20; G[g2 + 1] = s21; G[g2 + 2] = s22; G[g2 + 3] = s23;
      G[g3] = s30; G[g3 + 1] = s31; G[g3 + 2] = s32; G[g3 + 3] = s33;
    }
    for (; b < nj; b++) {
      const c = (j0 + b) * d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let p = 0; p < d; p++) {
        const y = X[c + p];
        s0 += X[r0 + p] * y; s1 += X[r1 + p] * y; s2 += X[r2 + p] * y; s3 += X[r3 + p] * y;
      }
      G[a * TILE + b] = s0; G[(a + 1) * TILE + b] = s1; G[(a + 2) * TILE + b] = s2; G[(a + 3) * TILE + b] = s3;
    }
  }
  for (; a < ni; a++) {
    const r = (i0 + a) * d;
    for (let b = 0; b < nj; b++) {
      const c = (j0 + b) * d;
      let s = 0;
      for (let p = 0; p < d; p++) s += X[r + p] * X[c + p];
      G[a * TILE + b] = s;
    }
  }
}

/** Per-point bounded max-heaps of (key, index), ordered lexicographically. */
class CandidateHeaps {
  readonly key: Float64Array;
  readonly idx: Int32Array;
  readonly size: Int32Array;
  /** Largest key still admitted (the root once full, +∞ before): lets the caller skip most offers inline. */
  readonly limit: Float64Array;
  /** `limit` may be lent (e.g. a view of WebAssembly memory that a SIMD filter reads); it is reset to +∞. */
  constructor(readonly n: number, readonly m: number, limit?: Float64Array) {
    this.key = new Float64Array(n * m);
    this.idx = new Int32Array(n * m);
    this.size = new Int32Array(n);
    this.limit = (limit ?? new Float64Array(n)).fill(Infinity);
  }

  /** Offers candidate j at key v to point i's heap. */
  offer(i: number, v: number, j: number): void {
    const m = this.m;
    const o = i * m;
    const key = this.key, idx = this.idx;
    const s = this.size[i];
    if (s < m) {
      // Sift up.
      let c = s;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        const pk = key[o + parent];
        if (pk > v || (pk === v && idx[o + parent] > j)) break;
        key[o + c] = pk;
        idx[o + c] = idx[o + parent];
        c = parent;
      }
      key[o + c] = v;
      idx[o + c] = j;
      this.size[i] = s + 1;
      if (s + 1 === m) this.limit[i] = key[o];
      return;
    }
    const top = key[o];
    if (v > top || (v === top && j > idx[o])) return;
    // Replace the root and sift down.
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= m) break;
      let big = l;
      const r = l + 1;
      if (r < m && (key[o + r] > key[o + l] || (key[o + r] === key[o + l] && idx[o + r] > idx[o + l]))) big = r;
      const bk = key[o + big];
      if (bk < v || (bk === v && idx[o + big] < j)) break;
      key[o + c] = bk;
      idx[o + c] = idx[o + big];
      c = big;
    }
    key[o + c] = v;
    idx[o + c] = j;
    this.limit[i] = key[o];
  }
}

/**
 * A permutation that makes consecutive TILE-sized blocks spatially compact: recursive splits at the
 * median of the widest coordinate (a k-d tree's leaf order, Bentley 1975), split points on block bounds.
 */
function spatialOrder(X: Float64Array, n: number, d: number): Int32Array {
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const stack: number[] = [0, n];
  while (stack.length > 0) {
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (hi - lo <= TILE) continue;
    let widest = 0, width = -1;
    for (let p = 0; p < d; p++) {
      let mn = Infinity, mx = -Infinity;
      for (let q = lo; q < hi; q++) {
        const v = X[perm[q] * d + p];
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
      if (mx - mn > width) { width = mx - mn; widest = p; }
    }
    perm.subarray(lo, hi).sort((a, b) => X[a * d + widest] - X[b * d + widest] || a - b);
    const mid = lo + TILE * Math.ceil(Math.ceil((hi - lo) / TILE) / 2);
    stack.push(lo, mid, mid, hi);
  }
  return perm;
}

/** Column blocks gathered into one GEMM: 32 × 64 = 2048 columns, ≈ 8 M multiply-adds per call at d = 64. */
const BATCH = 32;

/**
 * Offers every pair (i, j), i ≠ j, whose distance could still enter a candidate list. Points are grouped
 * into spatially compact blocks; block pairs are visited nearest-first for each block, and a pair of
 * blocks is skipped on A's pass when a lower bound on the distance between their bounding balls exceeds
 * the admission limit of every point of A (the pruning of a ball tree, applied to whole GEMM tiles); B's
 * points get the same test on B's pass. A computed tile updates the lists of both blocks, so every block
 * pair is computed at most once.
 *
 * The surviving column blocks of A are gathered, up to BATCH at a time in nearest-first order (the pruning
 * test is repeated before each batch, against the limits the previous batches tightened), and their dot
 * products with A's rows come from one call of the WebAssembly SIMD GEMM (kernels/gemm.ts, worker threads of kernels/pool.ts),
 * the same kernel that scikit-learn's euclidean_distances reaches through BLAS. Each product is summed in
 * p-order by one thread, so the lists do not depend on the thread count.
 */
function scanTiles(X: Float64Array, sqIn: Float64Array, n: number, d: number, metric: Metric, includeSelf: boolean, out: CandidateHeaps): void {
  const cosine = metric === "cosine";
  const perm = spatialOrder(X, n, d);
  // Lists are kept by position in the spatial order (no indirection in the hot loop) and handed back
  // by original index at the end; ties at the k-th place are settled by the exact stage's rescan.
  const P = new Float64Array(n * d);
  const sq = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    P.set(X.subarray(perm[q] * d, perm[q] * d + d), q * d);
    sq[q] = sqIn[perm[q]];
  }
  // Keys, limits and product tiles live in WebAssembly memory when it is available: [row keys][column keys][limits].
  withPackedRows(P, n, d, TILE, BATCH * TILE, 3 * n, (packed) => scanPacked(packed, P, sq, perm, n, d, cosine, includeSelf, out));
}

function scanPacked(packed: PackedRows | null, P: Float64Array, sq: Float64Array, perm: Int32Array, n: number, d: number, cosine: boolean, includeSelf: boolean, out: CandidateHeaps): void {
  const heaps = new CandidateHeaps(n, out.m, packed?.extra.subarray(2 * n, 3 * n));
  if (includeSelf) for (let q = 0; q < n; q++) heaps.offer(q, 0, q);
  if (packed) {
    // (row key + column key) − 2·x·y: ‖x‖² + ‖y‖² for euclidean, 2 + 0 for cosine (the scalar path's 2 − 2x·y).
    packed.extra.set(sq, 0);
    packed.extra.set(sq, n);
    if (cosine) {
      packed.extra.fill(2, 0, n);
      packed.extra.fill(0, n, 2 * n);
    }
  }
  // For cosine the keys 2 − 2x·y equal ‖x − y‖² only between unit rows; zero rows disable pruning.
  let prune = true;
  if (cosine) for (let q = 0; q < n; q++) if (sq[q] === 0) prune = false;
  const nb = Math.ceil(n / TILE);
  const cen = new Float64Array(nb * d);
  const rad = new Float64Array(nb);
  let maxSq = 0;
  for (let q = 0; q < n; q++) maxSq = Math.max(maxSq, sq[q]);
  for (let B = 0; B < nb; B++) {
    const lo = B * TILE, hi = Math.min(n, lo + TILE);
    for (let q = lo; q < hi; q++) for (let p = 0; p < d; p++) cen[B * d + p] += P[q * d + p] / (hi - lo);
    let r = 0;
    for (let q = lo; q < hi; q++) {
      let s = 0;
      for (let p = 0; p < d; p++) s += (P[q * d + p] - cen[B * d + p]) ** 2;
      r = Math.max(r, s);
    }
    // Inflate slightly so rounding in centroids and radii never makes the bound too large.
    rad[B] = Math.sqrt(r) * (1 + 1e-12) + 1e-300;
  }
  const margin = 16 * Number.EPSILON * (2 * Math.max(maxSq, 1));
  const limit = heaps.limit;
  const blockMax = new Float64Array(nb).fill(Infinity);
  const dirty = new Uint8Array(nb).fill(1);
  const maxLimit = (B: number): number => {
    if (dirty[B]) {
      let m = -Infinity;
      for (let q = B * TILE, hi = Math.min(n, q + TILE); q < hi; q++) m = Math.max(m, limit[q]);
      blockMax[B] = m;
      dirty[B] = 0;
    }
    return blockMax[B];
  };
  const done = new Uint8Array(nb * nb);
  const cd = new Float64Array(nb);
  const byDistance = new Int32Array(nb);
  const batch = new Int32Array(BATCH);
  const starts = new Int32Array(BATCH);
  const lens = new Int32Array(BATCH);
  // Fallback when WebAssembly is unavailable: the blocks gathered into Y and one gemm call per batch.
  let Y: Float64Array | null = null;
  let Gjs: Float64Array | null = null;
  const products = (i0: number, ni: number, count: number): { G: Float64Array; ld: number } => {
    Y ??= new Float64Array(BATCH * TILE * d);
    Gjs ??= new Float64Array(TILE * BATCH * TILE);
    let cols = 0;
    for (let u = 0; u < count; u++) {
      Y.set(P.subarray(starts[u] * d, (starts[u] + lens[u]) * d), cols * d);
      cols += (lens[u] + 3) & ~3;
    }
    gemm(false, true, ni, cols, d, 1, P, i0 * d, d, Y, 0, d, 0, Gjs, 0, cols);
    return { G: Gjs, ld: cols };
  };
  // The filter's admitted pairs of one tile (row offset in the high 16 bits of a code, column in the low) go to
  // both points' heaps when they beat that point's current limit.
  const offerHits = (p: PackedRows, hits: number, i0: number, j0: number): void => {
    const { codes, vals } = p;
    for (let h = 0; h < hits; h++) {
      const code = codes[h];
      const i = i0 + (code >>> 16);
      const j = j0 + (code & 0xffff);
      const v = vals[h];
      if (v <= limit[i]) heaps.offer(i, v, j);
      if (v <= limit[j]) heaps.offer(j, v, i);
    }
  };
  if (packed) {
    // Diagonal tiles first: every point then has a finite admission limit (its k + EXTRA nearest within its
    // own compact block) before any off-diagonal tile, so the SIMD filter passes few pairs from the start.
    for (let A = 0; A < nb; A++) {
      const i0 = A * TILE, ni = Math.min(TILE, n - i0);
      starts[0] = i0;
      lens[0] = ni;
      packed.dots(i0, ni, starts, lens, 1);
      offerHits(packed, packed.filter(0, ni, ni, true, i0, n + i0, 2 * n + i0, 2 * n + i0), i0, i0);
      done[A * nb + A] = 1;
    }
  }
  const task = `exact kNN of ${n} points`;
  for (let A = 0; A < nb; A++) {
    reportProgress({ task, done: A, total: nb, unit: "row blocks" });
    for (let B = 0; B < nb; B++) {
      let s = 0;
      for (let p = 0; p < d; p++) s += (cen[A * d + p] - cen[B * d + p]) ** 2;
      cd[B] = Math.sqrt(s);
      byDistance[B] = B;
    }
    byDistance.sort((a, b) => cd[a] - cd[b] || a - b);
    const i0 = A * TILE, ni = Math.min(TILE, n - i0);
    let t = 0;
    while (t < nb) {
      // Gather the next batch of column blocks that are neither done nor pruned.
      let count = 0;
      const lim = prune ? maxLimit(A) : Infinity;
      for (; t < nb && count < BATCH; t++) {
        const B = byDistance[t];
        const key = A < B ? A * nb + B : B * nb + A;
        if (done[key]) continue;
        if (prune) {
          const gap = cd[B] - rad[A] - rad[B];
          if (gap > 0) {
            const lb = gap * gap * (1 - 1e-12) - margin;
            // Enough for A's points; B's are checked on B's own pass (or were, with limits only larger then).
            if (lb > lim) continue;
          }
        }
        done[key] = 1;
        batch[count] = B;
        starts[count] = B * TILE;
        lens[count] = Math.min(TILE, n - B * TILE);
        count++;
      }
      if (count === 0) break;
      if (packed) {
        packed.dots(i0, ni, starts, lens, count);
        let c0 = 0;
        for (let u = 0; u < count; u++) {
          const B = batch[u];
          const j0 = starts[u], nj = lens[u];
          offerHits(packed, packed.filter(c0, ni, nj, A === B, i0, n + j0, 2 * n + i0, 2 * n + j0), i0, j0);
          dirty[B] = 1;
          c0 += (nj + 3) & ~3;
        }
      } else {
        const { G, ld } = products(i0, ni, count);
        let c0 = 0;
        for (let u = 0; u < count; u++) {
          const B = batch[u];
          const j0 = starts[u], nj = lens[u];
          for (let a = 0; a < ni; a++) {
            const i = i0 + a;
            const si = sq[i];
            const row = a * ld + c0 - j0;
            for (let j = A === B ? i + 1 : j0, end = j0 + nj; j < end; j++) {
              // Squared euclidean distance; for cosine 2(1 − x·y) = twice the cosine distance (zero rows too).
              const v = cosine ? 2 - 2 * G[row + j] : si + sq[j] - 2 * G[row + j];
              if (v <= limit[i]) heaps.offer(i, v, j);
              if (v <= limit[j]) heaps.offer(j, v, i);
            }
          }
          dirty[B] = 1;
          c0 += (nj + 3) & ~3;
        }
      }
      dirty[A] = 1;
    }
  }
  reportProgress({ task, done: nb, total: nb, unit: "row blocks" });
  const m = out.m;
  for (let q = 0; q < n; q++) {
    const i = perm[q];
    out.size[i] = heaps.size[q];
    for (let c = 0; c < heaps.size[q]; c++) {
      out.key[i * m + c] = heaps.key[q * m + c];
      out.idx[i * m + c] = perm[heaps.idx[q * m + c]];
    }
  }
}

export function exactDistance(X: Float64Array | Float32Array, d: number, i: number, j: number, metric: Metric): number {
  const a = i * d, b = j * d;
  if (metric === "cosine") {
    let s = 0;
    for (let p = 0; p < d; p++) s += X[a + p] * X[b + p];
    return Math.max(0, 1 - s);
  }
  let s = 0;
  for (let p = 0; p < d; p++) {
    const t = X[a + p] - X[b + p];
    s += t * t;
  }
  return Math.sqrt(s);
}

/**
 * The k nearest neighbours of every row of X (the row itself excluded unless includeSelf), exact.
 * Requires k ≤ n − 1 (or ≤ n with includeSelf); the caller validates.
 */
export function nearestNeighbors(X: Rows, k: number, metric: Metric, includeSelf: boolean): NeighborLists {
  const n = X.rows;
  const d = X.cols;
  const data = metric === "cosine" ? unitRows(X) : X.data;
  const sq = rowSqNorms(data, n, d);
  const bound = roundingBound(sq);
  const pool = includeSelf ? n : n - 1;
  const m = Math.min(k + EXTRA, pool);
  const heaps = new CandidateHeaps(n, m);
  scanTiles(data, sq, n, d, metric, includeSelf, heaps);
  // Exact recompute of the kept candidates, with an exact rescan where rounding could have hidden one.
  const indices = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  const order: number[] = [];
  const dist = new Float64Array(Math.max(n, m));
  const candidates = new Int32Array(Math.max(n, m));
  for (let i = 0; i < n; i++) {
    let count = heaps.size[i];
    for (let c = 0; c < count; c++) {
      const j = heaps.idx[i * m + c];
      candidates[c] = j;
      dist[c] = j === i ? 0 : exactDistance(data, d, i, j, metric);
    }
    const worstKept = heaps.key[i * m];
    sortCandidates(order, candidates, dist, count);
    if (m < pool) {
      const kth = dist[order[k - 1]];
      const kthSq = metric === "cosine" ? 2 * kth : kth * kth;
      if (kthSq + bound >= worstKept - bound) {
        count = 0;
        for (let j = 0; j < n; j++) {
          if (j === i && !includeSelf) continue;
          candidates[count] = j;
          dist[count++] = j === i ? 0 : exactDistance(data, d, i, j, metric);
        }
        sortCandidates(order, candidates, dist, count);
      }
    }
    for (let c = 0; c < k; c++) {
      indices[i * k + c] = candidates[order[c]];
      distances[i * k + c] = dist[order[c]];
    }
  }
  return { n, k, indices, distances };
}

function sortCandidates(order: number[], candidates: Int32Array, dist: Float64Array, count: number): void {
  order.length = 0;
  for (let c = 0; c < count; c++) order.push(c);
  order.sort((a, b) => dist[a] - dist[b] || candidates[a] - candidates[b]);
}

/** All pairs within distance eps (inclusive, as scikit-learn's radius_neighbors), one sorted list per row. */
export function radiusNeighbors(X: Rows, eps: number, metric: Metric, includeSelf: boolean): { indptr: Int32Array; indices: Int32Array; distances: Float64Array } {
  const n = X.rows;
  const d = X.cols;
  const data = metric === "cosine" ? unitRows(X) : X.data;
  const sq = rowSqNorms(data, n, d);
  const bound = roundingBound(sq);
  const thresholdSq = metric === "cosine" ? 2 * eps : eps * eps;
  const lists: number[][] = Array.from({ length: n }, () => []);
  const G = new Float64Array(TILE * TILE);
  const cosine = metric === "cosine";
  for (let i0 = 0; i0 < n; i0 += TILE) {
    const ni = Math.min(TILE, n - i0);
    for (let j0 = i0; j0 < n; j0 += TILE) {
      const nj = Math.min(TILE, n - j0);
      tileDotsInto(G, data, d, i0, ni, j0, nj);
      for (let a = 0; a < ni; a++) {
        const i = i0 + a;
        for (let b = j0 === i0 ? a + 1 : 0; b < nj; b++) {
          const j = j0 + b;
          const v = cosine ? 2 - 2 * G[a * TILE + b] : sq[i] + sq[j] - 2 * G[a * TILE + b];
          if (v <= thresholdSq + bound) {
            lists[i].push(j);
            lists[j].push(i);
          }
        }
      }
    }
  }
  const indptr = new Int32Array(n + 1);
  const idx: number[] = [];
  const dst: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = lists[i];
    if (includeSelf) row.push(i);
    row.sort((a, b) => a - b);
    for (const j of row) {
      const dij = j === i ? 0 : exactDistance(data, d, i, j, metric);
      if (dij <= eps) {
        idx.push(j);
        dst.push(dij);
      }
    }
    indptr[i + 1] = idx.length;
  }
  return { indptr, indices: Int32Array.from(idx), distances: Float64Array.from(dst) };
}
