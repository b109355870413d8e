/**
 * Sparse LDLᵀ factorization of a symmetric matrix, for shift-invert (A − σB)⁻¹ and for the Cholesky
 * transform of a generalized problem's B.
 *
 * - Ordering: reverse Cuthill–McKee (Cuthill & McKee 1969; George's reversal, 1971) from a pseudo-peripheral
 *   node of each connected component (George & Liu 1979). RCM is a profile reducer, not a fill minimizer
 *   like AMD, but for the matrices shift-invert is used on here (meshes, banded operators, graph Laplacians
 *   of low-dimensional point clouds) it keeps fill moderate and is short and deterministic.
 * - Factorization: the up-looking algorithm of Davis's LDL package (T. A. Davis, "Algorithm 849: a concise
 *   sparse Cholesky factorization package", ACM TOMS 31(4), 2005): elimination tree and column counts first,
 *   then row k of L by a sparse triangular solve along the tree.
 * - No pivoting: the factorization exists for SPD matrices and for the generic indefinite A − σI; a pivot
 *   below SINGULAR_RTOL·‖A‖ is reported as singular (σ on an eigenvalue) rather than producing garbage.
 *
 * No npm package offers a maintained sparse symmetric factorization with an ordering in plain TypeScript
 * (the candidates are dense-only or unmaintained ports), so this is written here.
 */
import { CsrMatrix } from "../csr";
import { maxAbsRowSum } from "./symmetric-operator";

/** A pivot |d_k| ≤ SINGULAR_RTOL·‖A‖_∞ counts as zero. */
export const SINGULAR_RTOL = 1e-13;

export interface LdlFactor {
  readonly n: number;
  /** perm[k] = original index of the k-th pivot. */
  readonly perm: Int32Array;
  /** Column-compressed unit lower factor L (strictly lower part) of P A Pᵀ. */
  readonly Lp: Int32Array;
  readonly Li: Int32Array;
  readonly Lx: Float64Array;
  readonly D: Float64Array;
}

export type LdlOutcome =
  | { ok: true; factor: LdlFactor }
  | { ok: false; reason: "pivot"; pivot: number; value: number; norm: number }
  | { ok: false; reason: "fill"; nnzL: number; flops: number };

/**
 * Work limit of one factorization (Σ_k |L_{:,k}|², the multiply-adds of the numeric phase), checked after
 * the cheap symbolic phase. Measured here the numeric phase runs at ≈ 10⁸ of these a second (scattered
 * access), so 5·10⁸ is a few seconds (a 100×100 grid needs ≈ 10⁸); beyond it (RCM on an expander-like k-NN
 * graph reaches n³/10) the caller should use an iterative inner solver instead.
 */
export const LDL_MAX_FLOPS = 5e8;

/** Reverse Cuthill–McKee ordering of a square sparse pattern (treated as symmetric). */
export function reverseCuthillMcKee(A: CsrMatrix): Int32Array {
  const n = A.rows;
  const { indptr, indices } = A;
  const degree = new Int32Array(n);
  for (let r = 0; r < n; r++) for (let p = indptr[r]; p < indptr[r + 1]; p++) if (indices[p] !== r) degree[r]++;
  const visited = new Uint8Array(n);
  const order = new Int32Array(n);
  const level = new Int32Array(n);
  let filled = 0;
  const nbrs: number[] = [];

  // BFS from `start` over unvisited nodes; returns the last node of the deepest level (min degree there).
  const farthest = (start: number, mark: Int32Array, stamp: number): { node: number; depth: number } => {
    const queue = [start];
    mark[start] = stamp;
    level[start] = 0;
    let best = start;
    let head = 0;
    while (head < queue.length) {
      const u = queue[head++];
      if (level[u] > level[best] || (level[u] === level[best] && degree[u] < degree[best])) best = u;
      for (let p = indptr[u]; p < indptr[u + 1]; p++) {
        const v = indices[p];
        if (v !== u && !visited[v] && mark[v] !== stamp) {
          mark[v] = stamp;
          level[v] = level[u] + 1;
          queue.push(v);
        }
      }
    }
    return { node: best, depth: level[best] };
  };

  const mark = new Int32Array(n).fill(-1);
  let stamp = 0;
  for (let seed = 0; seed < n; seed++) {
    if (visited[seed]) continue;
    // Pseudo-peripheral node: repeat BFS from the farthest node while the depth grows (George & Liu).
    let start = seed;
    let depth = -1;
    for (let round = 0; round < 8; round++) {
      const f = farthest(start, mark, stamp++);
      if (f.depth <= depth) break;
      depth = f.depth;
      start = f.node;
    }
    // Cuthill–McKee BFS, neighbours by increasing degree.
    let head = filled;
    order[filled++] = start;
    visited[start] = 1;
    while (head < filled) {
      const u = order[head++];
      nbrs.length = 0;
      for (let p = indptr[u]; p < indptr[u + 1]; p++) {
        const v = indices[p];
        if (!visited[v]) {
          visited[v] = 1;
          nbrs.push(v);
        }
      }
      nbrs.sort((a, b) => degree[a] - degree[b] || a - b);
      for (const v of nbrs) order[filled++] = v;
    }
  }
  order.reverse();
  return order;
}

/**
 * Factors P A Pᵀ = L D Lᵀ with P from `perm` (default RCM). A must be structurally and numerically
 * symmetric with full storage (both triangles), as every CsrMatrix the solvers accept is.
 */
export function ldlFactor(A: CsrMatrix, perm: Int32Array = reverseCuthillMcKee(A), maxFlops = Infinity): LdlOutcome {
  const n = A.rows;
  const { indptr: Ap, indices: Ai, values: Ax } = A;
  const pinv = new Int32Array(n);
  for (let k = 0; k < n; k++) pinv[perm[k]] = k;
  const norm = maxAbsRowSum(A);
  const tiny = SINGULAR_RTOL * Math.max(norm, Number.MIN_VALUE);

  // Symbolic: elimination tree and column counts of L.
  const parent = new Int32Array(n);
  const flag = new Int32Array(n);
  const lnz = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    parent[k] = -1;
    flag[k] = k;
    const kk = perm[k];
    for (let p = Ap[kk]; p < Ap[kk + 1]; p++) {
      let i = pinv[Ai[p]];
      if (i < k) {
        for (; flag[i] !== k; i = parent[i]) {
          if (parent[i] === -1) parent[i] = k;
          lnz[i]++;
          flag[i] = k;
        }
      }
    }
  }
  let flops = 0;
  for (let k = 0; k < n; k++) flops += lnz[k] * lnz[k];
  let total = 0;
  for (let k = 0; k < n; k++) total += lnz[k];
  if (flops > maxFlops || total > 0x7fffffff) return { ok: false, reason: "fill", nnzL: total, flops };
  const Lp = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) Lp[k + 1] = Lp[k] + lnz[k];
  const Li = new Int32Array(Lp[n]);
  const Lx = new Float64Array(Lp[n]);
  const D = new Float64Array(n);

  // Numeric: row k of L from a sparse triangular solve whose pattern is the tree reach of row k of A.
  const Y = new Float64Array(n);
  const pattern = new Int32Array(n);
  lnz.fill(0);
  for (let k = 0; k < n; k++) {
    Y[k] = 0;
    let top = n;
    flag[k] = k;
    const kk = perm[k];
    for (let p = Ap[kk]; p < Ap[kk + 1]; p++) {
      let i = pinv[Ai[p]];
      if (i <= k) {
        Y[i] += Ax[p];
        let len = 0;
        for (; flag[i] !== k; i = parent[i]) {
          pattern[len++] = i;
          flag[i] = k;
        }
        while (len > 0) pattern[--top] = pattern[--len];
      }
    }
    let dk = Y[k];
    Y[k] = 0;
    for (; top < n; top++) {
      const i = pattern[top];
      const yi = Y[i];
      Y[i] = 0;
      const p2 = Lp[i] + lnz[i];
      for (let p = Lp[i]; p < p2; p++) Y[Li[p]] -= Lx[p] * yi;
      const lki = yi / D[i];
      dk -= lki * yi;
      Li[p2] = k;
      Lx[p2] = lki;
      lnz[i]++;
    }
    if (!(Math.abs(dk) > tiny)) return { ok: false, reason: "pivot", pivot: perm[k], value: dk, norm };
    D[k] = dk;
  }
  return { ok: true, factor: { n, perm, Lp, Li, Lx, D } };
}

/** x = A⁻¹ b with the factor of P A Pᵀ = L D Lᵀ; `work` is n scratch entries. */
export function ldlSolveInto(x: Float64Array, F: LdlFactor, b: Float64Array, work: Float64Array): void {
  const { n, perm, D } = F;
  for (let k = 0; k < n; k++) work[k] = b[perm[k]];
  ldlLowerSolveInPlace(F, work);
  for (let k = 0; k < n; k++) work[k] /= D[k];
  ldlUpperSolveInPlace(F, work);
  for (let k = 0; k < n; k++) x[perm[k]] = work[k];
}

/** y ← L⁻¹ y (unit lower, column-oriented). */
export function ldlLowerSolveInPlace(F: LdlFactor, y: Float64Array): void {
  const { n, Lp, Li, Lx } = F;
  for (let j = 0; j < n; j++) {
    const yj = y[j];
    if (yj === 0) continue;
    for (let p = Lp[j]; p < Lp[j + 1]; p++) y[Li[p]] -= Lx[p] * yj;
  }
}

/** y ← L⁻ᵀ y. */
export function ldlUpperSolveInPlace(F: LdlFactor, y: Float64Array): void {
  const { n, Lp, Li, Lx } = F;
  for (let j = n - 1; j >= 0; j--) {
    let s = y[j];
    for (let p = Lp[j]; p < Lp[j + 1]; p++) s -= Lx[p] * y[Li[p]];
    y[j] = s;
  }
}

/** y ← L y (unit lower). */
export function ldlLowerMulInPlace(F: LdlFactor, y: Float64Array): void {
  const { n, Lp, Li, Lx } = F;
  for (let j = n - 1; j >= 0; j--) {
    const yj = y[j];
    if (yj === 0) continue;
    for (let p = Lp[j]; p < Lp[j + 1]; p++) y[Li[p]] += Lx[p] * yj;
  }
}

/** y ← Lᵀ y. */
export function ldlUpperMulInPlace(F: LdlFactor, y: Float64Array): void {
  const { n, Lp, Li, Lx } = F;
  for (let j = 0; j < n; j++) {
    let s = y[j];
    for (let p = Lp[j]; p < Lp[j + 1]; p++) s += Lx[p] * y[Li[p]];
    y[j] = s;
  }
}
