/**
 * Sparse LU with threshold partial pivoting, the stable fallback of shift-invert when the unpivoted sparse
 * LDLᵀ (sparse-ldl.ts) meets a zero or growth-producing pivot: A − σI is symmetric but indefinite, and
 * σ equal to a diagonal entry of A (σ = 4 on a 2-D grid Laplacian, σ = the degree of a regular graph) makes
 * a pivot exactly zero although A − σI may be well conditioned. SciPy's shift-invert solves the same systems
 * with SuperLU, a pivoted LU.
 *
 * Algorithm: the left-looking LU of Gilbert & Peierls ("Sparse partial pivoting in time proportional to
 * arithmetic operations", SIAM J. Sci. Stat. Comput. 9(5), 1988) as written in CSparse's cs_lu (T. A. Davis,
 * "Direct Methods for Sparse Linear Systems", SIAM 2006, ch. 6): column k of L and U from a sparse triangular
 * solve whose pattern is the depth-first reach of A(:, q_k) in the graph of L, then a row pivot. Columns are
 * taken in the caller's fill-reducing order (RCM); the pivot is the diagonal entry when
 * |a_diag| ≥ DIAG_PREFERENCE·max_i |a_i| (which keeps the symmetric ordering, hence the fill, in the usual
 * case) and the largest entry otherwise (threshold partial pivoting, growth ≤ (1 + 1/DIAG_PREFERENCE) per
 * step, as UMFPACK's symmetric strategy).
 */
import { CsrMatrix } from "../csr";
import { maxAbsRowSum } from "./symmetric-operator";
import { SINGULAR_RTOL } from "./sparse-ldl";

/** A diagonal pivot is taken when it is at least this share of the largest candidate of its column. */
const DIAG_PREFERENCE = 0.1;

export interface LuFactor {
  readonly n: number;
  /** pinv[i] = pivot step of original row i. */
  readonly pinv: Int32Array;
  /** q[k] = original column eliminated at step k. */
  readonly q: Int32Array;
  /** Unit lower L (diagonal stored first in each column), row indices in pivot order. */
  readonly Lp: Int32Array;
  readonly Li: Int32Array;
  readonly Lx: Float64Array;
  /** Upper U (diagonal stored last in each column). */
  readonly Up: Int32Array;
  readonly Ui: Int32Array;
  readonly Ux: Float64Array;
}

export type LuOutcome =
  | { ok: true; factor: LuFactor }
  | { ok: false; reason: "pivot"; pivot: number; value: number; norm: number }
  | { ok: false; reason: "fill"; nnz: number; flops: number };

/**
 * Factors P A Q = L U with Q from `q` and P chosen by threshold partial pivoting. A must be square and
 * structurally symmetric with full storage: its CSR rows are read as its columns (A = Aᵀ for every matrix
 * shift-invert passes here). Stops with reason "fill" when the numeric work exceeds `maxFlops` multiply-adds.
 */
export function luFactor(A: CsrMatrix, q: Int32Array, maxFlops = Infinity): LuOutcome {
  const n = A.rows;
  const { indptr: Ap, indices: Ai, values: Ax } = A;
  const norm = maxAbsRowSum(A);
  const tiny = SINGULAR_RTOL * Math.max(norm, Number.MIN_VALUE);
  let cap = Math.max(4 * A.nnz + n, 16);
  let Li = new Int32Array(cap);
  let Lx = new Float64Array(cap);
  let ucap = cap;
  let Ui = new Int32Array(ucap);
  let Ux = new Float64Array(ucap);
  const Lp = new Int32Array(n + 1);
  const Up = new Int32Array(n + 1);
  const pinv = new Int32Array(n).fill(-1);
  const x = new Float64Array(n);
  const xi = new Int32Array(n);
  const pstack = new Int32Array(n);
  const mark = new Int32Array(n).fill(-1);
  let lnz = 0;
  let unz = 0;
  let flops = 0;

  // Depth-first reach of column `col` of A in the graph of L (columns of L indexed by pivot step, entries by
  // original row): returns top, the reach in xi[top..n) in topological order (CSparse cs_reach / cs_dfs).
  const reach = (col: number, k: number): number => {
    let top = n;
    for (let p = Ap[col]; p < Ap[col + 1]; p++) {
      const start = Ai[p];
      if (mark[start] === k) continue;
      let head = 0;
      xi[0] = start;
      while (head >= 0) {
        const j = xi[head];
        const jnew = pinv[j];
        if (mark[j] !== k) {
          mark[j] = k;
          pstack[head] = jnew < 0 ? 0 : Lp[jnew];
        }
        let done = true;
        const p2 = jnew < 0 ? 0 : jnew < k ? Lp[jnew + 1] : 0;
        for (let pp = pstack[head]; pp < p2; pp++) {
          const i = Li[pp];
          if (mark[i] === k) continue;
          pstack[head] = pp;
          xi[++head] = i;
          done = false;
          break;
        }
        if (done) {
          head--;
          xi[--top] = j;
        }
      }
    }
    return top;
  };

  for (let k = 0; k < n; k++) {
    Lp[k] = lnz;
    Up[k] = unz;
    if (lnz + n > cap) {
      cap = Math.min(2 * cap + n, 0x7fffffff);
      if (lnz + n > cap) return { ok: false, reason: "fill", nnz: lnz + unz, flops };
      const Li2 = new Int32Array(cap);
      Li2.set(Li.subarray(0, lnz));
      Li = Li2;
      const Lx2 = new Float64Array(cap);
      Lx2.set(Lx.subarray(0, lnz));
      Lx = Lx2;
    }
    if (unz + n > ucap) {
      ucap = Math.min(2 * ucap + n, 0x7fffffff);
      if (unz + n > ucap) return { ok: false, reason: "fill", nnz: lnz + unz, flops };
      const Ui2 = new Int32Array(ucap);
      Ui2.set(Ui.subarray(0, unz));
      Ui = Ui2;
      const Ux2 = new Float64Array(ucap);
      Ux2.set(Ux.subarray(0, unz));
      Ux = Ux2;
    }
    const col = q[k];
    // x = L \ A(:, col) on the reach (cs_spsolve with lo = true).
    const top = reach(col, k);
    for (let p = top; p < n; p++) x[xi[p]] = 0;
    for (let p = Ap[col]; p < Ap[col + 1]; p++) x[Ai[p]] = Ax[p];
    for (let px = top; px < n; px++) {
      const j = xi[px];
      const J = pinv[j];
      if (J < 0) continue;
      const xj = x[j];
      const pe = Lp[J + 1];
      flops += pe - Lp[J] - 1;
      for (let p = Lp[J] + 1; p < pe; p++) x[Li[p]] -= Lx[p] * xj;
    }
    if (flops > maxFlops) return { ok: false, reason: "fill", nnz: lnz + unz, flops };
    // Pivot: the largest candidate, or the diagonal when it is large enough.
    let ipiv = -1;
    let a = -1;
    for (let p = top; p < n; p++) {
      const i = xi[p];
      if (pinv[i] < 0) {
        const t = Math.abs(x[i]);
        if (t > a) {
          a = t;
          ipiv = i;
        }
      } else {
        Ui[unz] = pinv[i];
        Ux[unz++] = x[i];
      }
    }
    if (ipiv < 0 || !(a > tiny)) return { ok: false, reason: "pivot", pivot: col, value: ipiv < 0 ? 0 : x[ipiv], norm };
    if (pinv[col] < 0 && Math.abs(x[col]) >= a * DIAG_PREFERENCE) ipiv = col;
    const pivot = x[ipiv];
    Ui[unz] = k;
    Ux[unz++] = pivot;
    pinv[ipiv] = k;
    Li[lnz] = ipiv;
    Lx[lnz++] = 1;
    for (let p = top; p < n; p++) {
      const i = xi[p];
      if (pinv[i] < 0) {
        Li[lnz] = i;
        Lx[lnz++] = x[i] / pivot;
      }
      x[i] = 0;
    }
  }
  Lp[n] = lnz;
  Up[n] = unz;
  for (let p = 0; p < lnz; p++) Li[p] = pinv[Li[p]];
  return {
    ok: true,
    factor: { n, pinv, q: Int32Array.from(q), Lp, Li: Li.slice(0, lnz), Lx: Lx.slice(0, lnz), Up, Ui: Ui.slice(0, unz), Ux: Ux.slice(0, unz) },
  };
}

/** x = A⁻¹ b with P A Q = L U; `work` is n scratch entries (x and b may not alias). */
export function luSolveInto(x: Float64Array, F: LuFactor, b: Float64Array, work: Float64Array): void {
  const { n, pinv, q, Lp, Li, Lx, Up, Ui, Ux } = F;
  for (let i = 0; i < n; i++) work[pinv[i]] = b[i];
  for (let j = 0; j < n; j++) {
    const wj = work[j];
    if (wj === 0) continue;
    for (let p = Lp[j] + 1; p < Lp[j + 1]; p++) work[Li[p]] -= Lx[p] * wj;
  }
  for (let j = n - 1; j >= 0; j--) {
    const last = Up[j + 1] - 1;
    const wj = (work[j] /= Ux[last]);
    if (wj === 0) continue;
    for (let p = Up[j]; p < last; p++) work[Ui[p]] -= Ux[p] * wj;
  }
  for (let k = 0; k < n; k++) x[q[k]] = work[k];
}
