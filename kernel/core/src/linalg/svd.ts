/**
 * `linalg.svd(A, { k, method })`: singular value decomposition A ≈ U diag(s) Vᵀ, s descending.
 *
 * - "full": Householder QR, then one-sided (Hestenes) Jacobi on the triangular factor, started from the
 *   eigenvectors of AᵀA when σ_min ≥ 1e-6·σ_max (see gramEigenvectors; `meta.preconditioned`); when those
 *   already pass Jacobi's convergence test, no QR and no sweep is needed (`meta.sweeps` 0). Jacobi computes
 *   every singular value to high relative accuracy (Demmel & Veselić, "Jacobi's method is more accurate
 *   than QR", SIMAX 13, 1992); the QR preconditioning shrinks the work from m×n to n×n columns (Drmač &
 *   Veselić, SIMAX 29, 2008). Forming AᵀA and calling eigh would square the condition number and lose the
 *   small singular values, so we do not.
 * - "randomized": Halko, Martinsson & Tropp, "Finding structure with randomness", SIAM Review 53 (2011),
 *   Algorithm 4.4 (randomized subspace iteration, re-orthonormalized by QR after every product) + 5.1.
 *   Defaults as scikit-learn's `randomized_svd`: oversample 10, nIter 7 when k < 0.1·min(m, n), else 4.
 * - "lanczos": Golub–Kahan–Lanczos bidiagonalization (Golub & Kahan 1965) with full reorthogonalization of
 *   both Lanczos bases (Simon & Zha, SISC 21, 2000, "one-sided" variant not needed at this scale), grown
 *   until the top-k Ritz triplets have residual ‖Aᵀu − σv‖ = β_j|x_{j,i}| ≤ tol·σ_1. Works on any operator
 *   with matvec and rmatvec.
 *
 * Signs are deterministic: each left singular vector's largest-magnitude entry is positive (V follows).
 */
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { LinearOperator, isLinearOperator } from "../operator";
import { checkChoice, checkFinite, checkOptions, checkTolerance } from "../validate";
import { opt } from "../validate/options";
import { checkSeed, Rng } from "../random";
import { hashArrays, ResultMeta, stamp } from "../meta";
import { displayBundle, JUPYTER_DISPLAY, MimeBundle } from "../display";
import { axpyInto, blasThreads, dot, gemm, gemmBackend, normalizeColumnSignsInPlace, nrm2, reorthogonalizeInto, scalInto, transposeInto, withWasmScratch, WasmScratch } from "../kernels";
import { orthonormalizeInto, qrFactors } from "./qr";
import { symmetricEigenRows } from "./symmetric-eigen";
import { asOperatorInput } from "../validate/inputs";
import { engineOf, rejectLocalOnly, SolverEngine } from "./engine";
import { Dtype, toFloat64 } from "../dtype";

export type SvdMethod = "full" | "randomized" | "lanczos";

export interface SvdOptions {
  /** Number of singular triplets (default: all for "full", 6 otherwise). */
  k?: number;
  /** "full" (default): the dense SVD (all triplets); "randomized": Halko–Martinsson–Tropp range finder for the k largest; "lanczos": Golub–Kahan–Lanczos for the k largest of a large sparse matrix or operator. */
  method?: SvdMethod;
  /** Seed of the random start (randomized, lanczos). */
  seed?: number;
  /** Power iterations of the randomized range finder (default 7 if k < 0.1·min(m,n), else 4). */
  nIter?: number;
  /** Extra random directions of the randomized range finder (default 10). */
  oversample?: number;
  /** Lanczos: relative residual tolerance (default 1e-12). */
  tol?: number;
  /** Lanczos: largest Krylov dimension (default min(m, n)). */
  maxIter?: number;
  /** Solve elsewhere: `mpi({ np, hosts, workdir })` computes the k largest triplets by SLEPc's thick-restart
   * Lanczos bidiagonalization under mpirun (A a Matrix or CsrMatrix; k, tol, maxIter carry over). */
  engine?: SolverEngine;
}

/**
 * The result of `linalg.svd`.
 *
 * @example
 * ```ts
 * const r = linalg.svd(Matrix.from([[1, 1], [1, 1]]));
 * r instanceof linalg.SvdResult; // => true
 * r.s; // => [2, 0]
 * r.U.shape; // => [2, 2]
 * ```
 */
export class SvdResult {
  /** m×k, orthonormal columns. */
  readonly U: Matrix;
  /** k singular values, descending. */
  readonly s: Float64Array;
  /** n×k, orthonormal columns. */
  readonly V: Matrix;
  readonly meta: ResultMeta;
  constructor(init: { U: Matrix; s: Float64Array; V: Matrix; meta: ResultMeta }) {
    this.U = init.U;
    this.s = init.s;
    this.V = init.V;
    this.meta = init.meta;
  }

  toString(): string {
    const k = this.s.length;
    const show = (v: number) => v.toPrecision(6);
    const vals = k <= 8 ? Array.from(this.s, show).join(", ") : `${Array.from(this.s.subarray(0, 5), show).join(", ")}, …, ${show(this.s[k - 1])}`;
    return `SVD: ${k} singular value${k === 1 ? "" : "s"} of a ${this.meta.inputShape.join("×")} matrix [${vals}]; method ${this.meta.solver}.`;
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return displayBundle("svd", this, this.toString());
  }
}

/** Raw dense SVD: U (m×k row-major), s (k, descending), V (n×k row-major), k = min(m, n). */
export interface RawSvd {
  U: Float64Array;
  s: Float64Array;
  V: Float64Array;
  k: number;
  sweeps: number;
  /** Method "full": whether the Jacobi sweeps started from AᵀA's eigenvectors (false: from I, see RELATIVE_SWITCH). */
  preconditioned?: boolean;
}

const EPS = 2 ** -52;
const MAX_SWEEPS = 60;

/** Full thin SVD of the m×n row-major `a` (QR + one-sided Jacobi). */
export function svdDense(a: Float64Array, m: number, n: number): RawSvd {
  if (m < n) {
    const at = new Float64Array(m * n);
    transposeInto(at, a, m, n);
    const r = svdDense(at, n, m);
    return { U: r.V, s: r.s, V: r.U, k: r.k, sweeps: r.sweeps, preconditioned: r.preconditioned };
  }
  // V₀: the eigenvectors of AᵀA (rows of W0, largest first), or null below RELATIVE_SWITCH / for small n.
  const W0 = n >= PRECONDITION_MIN ? gramEigenvectors(a, m, n) : null;
  if (W0) {
    const fast = preconditionedNoQr(a, m, n, W0);
    if (fast) return fast;
  }
  // m ≥ n: A = Q R, R = U_R Σ Vᵀ, U = Q U_R.
  const { Q, R } = qrFactors(a, m, n, true);
  // G: the columns of R·V₀, contiguous (G[j*n + i] = (R V₀)[i, j]); W: V accumulated the same way, from V₀
  // (RᵀR = AᵀA, so V₀ preconditions R as well as A).
  const G = new Float64Array(n * n);
  const W = new Float64Array(n * n);
  const preconditioned = W0 !== null;
  if (W0) {
    W.set(W0);
    gemm(false, true, n, n, n, 1, W, 0, n, R, 0, n, 0, G, 0, n); // row j of G = R · (row j of W)
  } else {
    transposeInto(G, R, n, n);
    for (let j = 0; j < n; j++) W[j * n + j] = 1;
  }
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) norms[j] = sq(G, j * n, n);
  const tol = EPS * Math.sqrt(n);
  // The sweeps run on the WebAssembly SIMD kernel when available (columns padded to an even stride).
  const sweeps = withWasmScratch(2 * (n + (n & 1)) * n + n, (ws) => (ws ? jacobiWasm(ws, G, W, norms, n, tol) : jacobiJs(G, W, norms, n, tol)));
  const sigma = new Float64Array(n);
  for (let j = 0; j < n; j++) sigma[j] = Math.sqrt(norms[j]);
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => sigma[y] - sigma[x] || x - y);
  // U_R (n×n row-major, columns sorted), V (n×n row-major).
  const UR = new Float64Array(n * n);
  const V = new Float64Array(n * n);
  const s = new Float64Array(n);
  const small = sigma[order[0]] * n * EPS;
  const deficient: number[] = [];
  for (let c = 0; c < n; c++) {
    const j = order[c];
    s[c] = sigma[j];
    for (let i = 0; i < n; i++) V[i * n + c] = W[j * n + i];
    if (sigma[j] > small && sigma[j] > 0) {
      const inv = 1 / sigma[j];
      for (let i = 0; i < n; i++) UR[i * n + c] = G[j * n + i] * inv;
    } else deficient.push(c);
  }
  completeOrthonormal(UR, n, n, deficient);
  const U = new Float64Array(m * n);
  gemm(false, false, m, n, n, 1, Q, 0, n, UR, 0, n, 0, U, 0, n);
  normalizeColumnSignsInPlace(U, m, n, V, n);
  return { U, s, V, k: n, sweeps, preconditioned };
}

/**
 * Jacobi preconditioned by the eigenvectors of AᵀA (Veselić & Hari, "A note on a one-sided Jacobi algorithm",
 * Numer. Math. 56, 1989; the preconditioning idea of Drmač & Veselić, SIMAX 29, 2008): V₀ from the fast
 * symmetric eigensolver (blocked tridiagonalization + divide and conquer, most flops in gemm) makes the columns
 * of A·V₀ orthogonal up to ~ε·σ₁²/gap, so one-sided Jacobi converges quadratically from there: on a
 * well-conditioned matrix its convergence test already holds (preconditionedNoQr, no sweep and no QR), else a
 * few sweeps on R·V₀ finish instead of ~12 from V₀ = I. Why not a gesdd-class path (bidiagonalization +
 * bidiagonal divide and conquer): it would need its own reduction, D&C and back-transformation for the same
 * ~ε·σ₁ accuracy, while this path reuses eigh's tuned kernels and ends in Jacobi's convergence test, so U and
 * V are orthonormal to Jacobi's tolerance. Returns the rows of W = V₀ᵀ (largest first), or null when relative
 * accuracy of small singular values can matter (RELATIVE_SWITCH): the caller then runs the sweeps from V₀ = I
 * on R itself, as before.
 */
function gramEigenvectors(a: Float64Array, m: number, n: number): Float64Array | null {
  const C = new Float64Array(n * n);
  gemm(true, false, n, n, m, 1, a, 0, n, a, 0, n, 0, C, 0, n);
  const { values, Z } = symmetricEigenRows(C, n, true); // eigenvectors as columns, eigenvalues ascending
  if (!(values[0] > RELATIVE_SWITCH * RELATIVE_SWITCH * values[n - 1])) return null;
  // Rows of W = eigenvectors, largest first (Jacobi on columns ordered by decreasing norm: de Rijk, SISC 10, 1989).
  const W = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const c = n - 1 - j;
    const o = j * n;
    for (let i = 0; i < n; i++) W[o + i] = Z[i * n + c];
  }
  return W;
}

/**
 * The common case without any QR: G = A·V₀ (one gemm), and Jacobi's convergence test on G's columns run as one
 * gemm H = GᵀG: when every pair already has |H_pq| ≤ tol·√(H_pp·H_qq) with dgesvj's tol = ε·√m (a sweep would
 * rotate nothing), G's columns are orthogonal to working accuracy, σ_j = ‖G e_j‖ and U = G Σ⁻¹. Otherwise (κ
 * large enough that ε·κ² spoils the start's orthogonality, or clustered values) null: the caller runs the
 * Jacobi sweeps on R·V₀ after a QR, on columns of length n instead of m.
 */
function preconditionedNoQr(a: Float64Array, m: number, n: number, W0: Float64Array): RawSvd | null {
  const V = new Float64Array(n * n);
  transposeInto(V, W0, n, n); // columns of V = rows of W0
  const U = new Float64Array(m * n);
  gemm(false, false, m, n, n, 1, a, 0, n, V, 0, n, 0, U, 0, n);
  const H = new Float64Array(n * n);
  gemm(true, false, n, n, m, 1, U, 0, n, U, 0, n, 0, H, 0, n);
  const tol = EPS * Math.sqrt(m);
  const s = new Float64Array(n);
  for (let j = 0; j < n; j++) s[j] = Math.sqrt(H[j * n + j]);
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) if (Math.abs(H[p * n + q]) > tol * s[p] * s[q]) return null;
    // Descending order is part of the answer: a pair swapped by rounding goes to the sweeps (they sort).
    if (p + 1 < n && !(s[p + 1] <= s[p])) return null;
  }
  for (let i = 0; i < m; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) U[o + j] /= s[j];
  }
  normalizeColumnSignsInPlace(U, m, n, V, n);
  return { U, s, V, k: n, sweeps: 0, preconditioned: true };
}

/** From this order on, the Jacobi sweeps start from AᵀA's eigenvectors (below it the sweeps are cheap anyway). */
const PRECONDITION_MIN = 32;

/**
 * Start from V₀ only when AᵀA's eigenvalues say σ_min ≥ 1e-6·σ_max (λ_min ≥ 1e-12·λ_max, which AᵀA resolves to
 * ~10 %, its eigenvalues being accurate to ~n·ε·λ_max). Forming A·V₀ (or R·V₀) perturbs each row by ~ε relative to
 * its norm, which bounds the error of σᵢ by ~ε·σ₁ — what gesdd gives — but not by ~ε·σᵢ: on a column-graded or
 * otherwise ill-conditioned matrix that would lose the small singular values' relative accuracy that one-sided
 * Jacobi on R itself keeps (Demmel & Veselić 1992; Drmač & Veselić 2008 §2). Below the switch the error bound
 * ε·σ₁/σ_min would pass 2e-10, so the sweeps start from I exactly as before (slower, ~12 sweeps, but accurate);
 * above it the fast start loses at most ~1e-10 relative on the smallest value, i.e. agrees with LAPACK.
 */
const RELATIVE_SWITCH = 1e-6;

/** Cyclic one-sided Jacobi sweeps until no pair needs a rotation (TypeScript path). Returns the sweeps. */
function jacobiJs(G: Float64Array, W: Float64Array, norms: Float64Array, n: number, tol: number): number {
  let sweeps = 0;
  for (;;) {
    let rotations = 0;
    for (let p = 0; p < n - 1; p++) {
      const op = p * n;
      for (let q = p + 1; q < n; q++) {
        const oq = q * n;
        const alpha = norms[p];
        const beta = norms[q];
        if (alpha === 0 || beta === 0) continue;
        let gamma = 0;
        for (let i = 0; i < n; i++) gamma += G[op + i] * G[oq + i];
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotations++;
        // Rotation zeroing the (p, q) entry of GᵀG (Rutishauser's formulas, stable for small angles).
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < n; i++) {
          const x = G[op + i];
          const y = G[oq + i];
          G[op + i] = c * x - s * y;
          G[oq + i] = s * x + c * y;
        }
        for (let i = 0; i < n; i++) {
          const x = W[op + i];
          const y = W[oq + i];
          W[op + i] = c * x - s * y;
          W[oq + i] = s * x + c * y;
        }
        // Norm updates from the 2×2 eigenproblem, refreshed exactly once per sweep below.
        norms[p] = alpha - t * gamma;
        norms[q] = beta + t * gamma;
      }
    }
    sweeps++;
    for (let j = 0; j < n; j++) norms[j] = sq(G, j * n, n);
    if (rotations === 0) return sweeps;
    if (sweeps >= MAX_SWEEPS) throw new EigenlabError("no-convergence", message.svdNoConvergence("full", sweeps));
  }
}

/** The same sweeps on the WebAssembly kernel: G, V and the norms copied into scratch, results copied back. */
function jacobiWasm(ws: WasmScratch, G: Float64Array, W: Float64Array, norms: Float64Array, n: number, tol: number): number {
  const st = n + (n & 1);
  const f = ws.f64;
  const gI = 0;
  const vI = st * n;
  const nI = 2 * st * n;
  f.fill(0, 0, nI + n);
  for (let j = 0; j < n; j++) {
    f.set(G.subarray(j * n, j * n + n), gI + j * st);
    f.set(W.subarray(j * n, j * n + n), vI + j * st);
  }
  f.set(norms, nI);
  let sweeps = 0;
  for (;;) {
    const rotations = ws.jacobiSweep(gI, vI, nI, n, st, st, tol);
    sweeps++;
    for (let j = 0; j < n; j++) f[nI + j] = sq(f, gI + j * st, n);
    if (rotations === 0) break;
    if (sweeps >= MAX_SWEEPS) throw new EigenlabError("no-convergence", message.svdNoConvergence("full", sweeps));
  }
  for (let j = 0; j < n; j++) {
    G.set(f.subarray(gI + j * st, gI + j * st + n), j * n);
    W.set(f.subarray(vI + j * st, vI + j * st + n), j * n);
  }
  norms.set(f.subarray(nI, nI + n));
  return sweeps;
}

/** Σ x[o + i]² for i < n: the squared norm of one contiguous column. */
function sq(x: Float64Array, o: number, n: number): number {
  const v = x.subarray(o, o + n);
  return dot(v, v);
}

/**
 * Fills the columns `cols` of the r×c row-major `U` (other columns orthonormal) with unit vectors orthogonal
 * to all others: Gram–Schmidt (twice) on the coordinate vectors, taking the one that survives best.
 */
function completeOrthonormal(U: Float64Array, r: number, c: number, cols: number[]): void {
  const filled = new Set(Array.from({ length: c }, (_, i) => i).filter((i) => !cols.includes(i)));
  const v = new Float64Array(r);
  for (const col of cols) {
    let bestNorm = -1;
    let best = new Float64Array(r);
    for (let e = 0; e < r && bestNorm < 0.5; e++) {
      v.fill(0);
      v[e] = 1;
      for (let pass = 0; pass < 2; pass++) {
        for (const f of filled) {
          let d = 0;
          for (let i = 0; i < r; i++) d += U[i * c + f] * v[i];
          for (let i = 0; i < r; i++) v[i] -= d * U[i * c + f];
        }
      }
      const nv = nrm2(v);
      if (nv > bestNorm) {
        bestNorm = nv;
        best = Float64Array.from(v);
      }
    }
    for (let i = 0; i < r; i++) U[i * c + col] = best[i] / bestNorm;
    filled.add(col);
  }
}

/** The operator view every method works on: block products Y = A X and Z = Aᵀ X (X row-major, c columns). */
interface Op {
  m: number;
  n: number;
  /** out (m×c) = A · X (n×c) */
  apply(X: Float64Array, c: number): Float64Array;
  /** out (n×c) = Aᵀ · X (m×c) */
  applyT(X: Float64Array, c: number): Float64Array;
  /** The entries as float64, for method "full" (which factors a working copy anyway). */
  dense?: () => Float64Array;
  hashSource: ArrayBufferView[];
  /** Storage type of A's numbers (`meta.inputPrecision`). */
  inputDtype: Dtype;
}

function toOp(A: Matrix | CsrMatrix | LinearOperator, fn: string, needT: boolean): Op {
  if (A instanceof Matrix && A.stored instanceof Float32Array) return float32Op(A, A.stored);
  if (A instanceof Matrix) {
    checkFinite("A", A.data);
    const { rows: m, cols: n, data } = A;
    return {
      m,
      n,
      dense: () => data,
      hashSource: [data],
      inputDtype: "float64",
      // One vector at a time (Lanczos) a plain loop beats packing for the blocked kernel.
      apply: (X, c) => {
        const out = new Float64Array(m * c);
        if (c === 1) rowsTimesVector(data, m, n, X, out);
        else gemm(false, false, m, c, n, 1, data, 0, n, X, 0, c, 0, out, 0, c);
        return out;
      },
      applyT: (X, c) => {
        const out = new Float64Array(n * c);
        if (c === 1) rowsTransposeTimesVector(data, m, n, X, out);
        else gemm(true, false, n, c, m, 1, data, 0, n, X, 0, c, 0, out, 0, c);
        return out;
      },
    };
  }
  if (A instanceof CsrMatrix) {
    const { indptr, indices, storedValues: values } = A; // float32 values read as stored
    checkFinite("A", values);
    const [m, n] = A.shape;
    return {
      m,
      n,
      hashSource: [indptr, indices, values],
      inputDtype: A.dtype,
      apply: (X, c) => {
        const out = new Float64Array(m * c);
        A.matmatInto(out, X, c);
        return out;
      },
      applyT: (X, c) => {
        const out = new Float64Array(n * c);
        for (let i = 0; i < m; i++) {
          const o = i * c;
          for (let p = indptr[i]; p < indptr[i + 1]; p++) {
            const v = values[p];
            const x = indices[p] * c;
            for (let j = 0; j < c; j++) out[x + j] += v * X[o + j];
          }
        }
        return out;
      },
    };
  }
  if (!isLinearOperator(A)) throw new EigenlabError("bad-input", message.notOperator(fn));
  const [m, n] = A.shape;
  if (needT && typeof A.rmatvec !== "function") throw new EigenlabError("bad-input", message.needsRmatvec(fn));
  const columnwise = (f: (x: Float64Array) => Float64Array, rIn: number, rOut: number) => (X: Float64Array, c: number) => {
    const out = new Float64Array(rOut * c);
    const x = new Float64Array(rIn);
    for (let j = 0; j < c; j++) {
      for (let i = 0; i < rIn; i++) x[i] = X[i * c + j];
      const y = f(x);
      for (let i = 0; i < rOut; i++) out[i * c + j] = y[i];
    }
    return out;
  };
  return {
    m,
    n,
    hashSource: [],
    inputDtype: "float64",
    apply: columnwise((x) => A.matvec(x), n, m),
    applyT: columnwise((x) => (A.rmatvec as (x: Float64Array) => Float64Array)(x), m, n),
  };
}

/**
 * The operator of a float32 Matrix: no float64 copy of A is made for "randomized" and "lanczos". One vector at a
 * time (Lanczos) a plain loop reads the float32 entries and sums in float64; a block of c vectors (randomized)
 * widens A a panel of rows at a time (PANEL_ENTRIES, 4 MB) and runs the float64 GEMM on it, so the sums are the
 * float64 GEMM's (same kernel, p-order: independent of the thread count) at O(panel) extra memory. Method "full"
 * widens A into the float64 working copy it factors anyway.
 */
function float32Op(A: Matrix, data: Float32Array): Op {
  checkFinite("A", data);
  const { rows: m, cols: n } = A;
  const panelRows = Math.max(1, Math.min(m, Math.floor(PANEL_ENTRIES / Math.max(1, n))));
  const panel = new Float64Array(panelRows * n);
  const widen = (i0: number, r: number) => {
    const p = panel.subarray(0, r * n);
    p.set(data.subarray(i0 * n, (i0 + r) * n));
    return p;
  };
  return {
    m,
    n,
    dense: () => toFloat64(data),
    hashSource: [data],
    inputDtype: "float32",
    apply: (X, c) => {
      const out = new Float64Array(m * c);
      if (c === 1) return rowsTimesVector(data, m, n, X, out);
      for (let i0 = 0; i0 < m; i0 += panelRows) {
        const r = Math.min(panelRows, m - i0);
        gemm(false, false, r, c, n, 1, widen(i0, r), 0, n, X, 0, c, 0, out, i0 * c, c);
      }
      return out;
    },
    applyT: (X, c) => {
      const out = new Float64Array(n * c);
      if (c === 1) return rowsTransposeTimesVector(data, m, n, X, out);
      // Aᵀ X = Σ over row panels P of A_Pᵀ X_P, accumulated into out (beta = 1 after the first panel).
      for (let i0 = 0; i0 < m; i0 += panelRows) {
        const r = Math.min(panelRows, m - i0);
        gemm(true, false, n, c, r, 1, widen(i0, r), 0, n, X, i0 * c, c, i0 === 0 ? 0 : 1, out, 0, c);
      }
      return out;
    },
  };
}

/** Entries of A widened per GEMM panel in the float32 SVD operator (4 MB of float64). */
const PANEL_ENTRIES = 1 << 19;

/**
 * The singular value decomposition A = U diag(s) Vᵀ (s descending): exact ("full"), or the leading k by randomized
 * range finding or Lanczos bidiagonalization (for large or sparse A and operators).
 *
 * @example
 * ```ts
 * const A = Matrix.from([[3, 0], [0, -4], [0, 0]]);
 * const { U, s, V } = linalg.svd(A);
 * s; // => [4, 3]
 * U.matmul(Matrix.diag(s)).matmul(V.T).toArray(); // => [[3, 0], [0, -4], [0, 0]]
 * linalg.svd(A, { k: 1, method: "lanczos", seed: 0 }).s; // => [4]
 * // the 2 largest by SLEPc on 2 MPI processes (needs openmpi-bin and python3-slepc4py-real)
 * linalg.svd(CsrMatrix.fromDense(A), { k: 2, engine: mpi({ np: 2 }) }).s; // => [4, 3]
 * ```
 */
export function svd(A: Matrix | CsrMatrix | LinearOperator, opts: SvdOptions = {}): SvdResult {
  const fn = "linalg.svd";
  A = asOperatorInput(fn, "A", A) as Matrix | CsrMatrix | LinearOperator;
  checkOptions(fn, opts, { k: opt.integer(1), method: opt.oneOf("full", "randomized", "lanczos"), seed: opt.seed, nIter: opt.integer(0), oversample: opt.integer(0), tol: opt.number(), maxIter: opt.integer(1), engine: opt.any });
  if (opts.engine !== undefined) return svdByEngine(A, opts);
  const method = checkChoice(fn, "method", opts.method ?? "full", ["full", "randomized", "lanczos"] as const);
  const t0 = performance.now();
  let op: Op;
  if (method === "full") {
    if (!(A instanceof Matrix)) {
      if (A instanceof CsrMatrix) op = toOp(A.toDense(), fn, false);
      else throw new EigenlabError("bad-input", message.notOperator(fn) + ` Method "full" needs a Matrix or CsrMatrix; use "lanczos" or "randomized" for a LinearOperator.`);
    } else op = toOp(A, fn, false);
  } else op = toOp(A, fn, true);
  const { m, n } = op;
  if (m === 0 || n === 0) throw new EigenlabError("shape", message.emptyMatrix(fn, m, n));
  const maxK = Math.min(m, n);
  const k = opts.k ?? (method === "full" ? maxK : Math.min(6, maxK));
  if (!Number.isInteger(k) || k < 1) throw new EigenlabError("bad-option", message.kNotPositive(k));
  if (k > maxK || (method === "lanczos" && k >= maxK && maxK > 1)) {
    throw new EigenlabError("k-too-large", message.svdKTooLarge(k, maxK, method));
  }
  const seed = opts.seed === undefined ? 0 : checkSeed(opts.seed);
  let raw: RawSvd;
  let extra: Record<string, unknown> = {};
  if (method === "full") {
    raw = truncate(svdDense((op.dense as () => Float64Array)(), m, n), m, n, k);
    extra = { sweeps: raw.sweeps, preconditioned: raw.preconditioned === true };
  } else if (method === "randomized") {
    const oversample = nonNegInt(fn, "oversample", opts.oversample ?? 10);
    const nIter = nonNegInt(fn, "nIter", opts.nIter ?? (k < 0.1 * maxK ? 7 : 4));
    raw = randomizedSvd(op, k, oversample, nIter, seed);
    extra = { oversample, nIter, seed };
  } else {
    const tol = opts.tol ?? 1e-12;
    checkTolerance(tol);
    const maxIter = nonNegInt(fn, "maxIter", opts.maxIter ?? maxK);
    const r = lanczosSvd(op, k, tol, Math.max(k + 1, Math.min(maxIter, maxK)), seed);
    raw = r.raw;
    extra = { seed, tol, iterations: r.iterations, residualNorms: r.residuals };
  }
  return new SvdResult({
    U: new Matrix(m, raw.k, raw.U),
    s: raw.s,
    V: new Matrix(n, raw.k, raw.V),
    meta: stamp({
      solver: `svd:${method === "full" ? "qr+one-sided-jacobi" : method === "randomized" ? "randomized-subspace-iteration" : "golub-kahan-lanczos"}`,
      backend: gemmBackend() === "wasm-simd" ? "cpu-wasm" : "cpu",
      inputShape: [m, n],
      inputHash: op.hashSource.length ? hashArrays(...op.hashSource) : undefined,
      ...(op.inputDtype === "float32" ? { inputPrecision: op.inputDtype } : {}),
      threads: blasThreads(),
      timeMs: performance.now() - t0,
      ...extra,
    }),
  });
}

/** svd handed to an engine (SLEPc under MPI): the k largest triplets of a Matrix or CsrMatrix. */
function svdByEngine(A: Matrix | CsrMatrix | LinearOperator, opts: SvdOptions): SvdResult {
  const fn = "linalg.svd";
  const engine = engineOf(fn, opts.engine);
  rejectLocalOnly(fn, engine, opts, ["method", "seed", "nIter", "oversample"]);
  if (!(A instanceof Matrix) && !(A instanceof CsrMatrix)) throw new EigenlabError("bad-input", message.engineNeedsMatrix(fn, engine.name, "A"));
  if (A instanceof Matrix) checkFinite("A", A.data);
  else checkFinite("A", A.values);
  const m = A.rows;
  const n = A.cols;
  if (m === 0 || n === 0) throw new EigenlabError("shape", message.emptyMatrix(fn, m, n));
  const k = opts.k ?? Math.min(6, m, n);
  if (k > Math.min(m, n)) throw new EigenlabError("k-too-large", message.svdKTooLarge(k, Math.min(m, n), "lanczos"));
  const tol = opts.tol ?? 1e-12;
  checkTolerance(tol);
  const S = A instanceof CsrMatrix ? A : CsrMatrix.fromDense(A);
  return engine.svd({ A: S, k, tol, maxIter: opts.maxIter ?? Math.max(100, Math.min(m, n)), inputHash: hashArrays(S.indptr, S.indices, S.values) });
}

function nonNegInt(fn: string, option: string, v: number): number {
  if (!Number.isInteger(v) || v < 0) throw new EigenlabError("bad-option", message.badNonNegativeInt(fn, option, v));
  return v;
}

/** First k triplets of a raw SVD (columns of row-major U, V). */
function truncate(r: RawSvd, m: number, n: number, k: number): RawSvd {
  if (k === r.k) return r;
  const U = new Float64Array(m * k);
  const V = new Float64Array(n * k);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) U[i * k + j] = r.U[i * r.k + j];
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) V[i * k + j] = r.V[i * r.k + j];
  return { U, s: r.s.slice(0, k), V, k, sweeps: r.sweeps, preconditioned: r.preconditioned };
}

/** HMT Algorithm 4.4 + 5.1: range finder by subspace iteration, then the exact SVD of B = QᵀA. */
function randomizedSvd(op: Op, k: number, oversample: number, nIter: number, seed: number): RawSvd {
  const { m, n } = op;
  const l = Math.min(k + oversample, Math.min(m, n));
  const rng = new Rng(seed);
  const omega = rng.fillNormal(new Float64Array(n * l));
  let Q = orth(op.apply(omega, l), m, l);
  for (let it = 0; it < nIter; it++) {
    // Re-orthonormalize after each product (HMT §4.5): plain powers would lose the small directions to rounding.
    const Z = orth(op.applyT(Q, l), n, l);
    Q = orth(op.apply(Z, l), m, l);
  }
  // Bᵀ = AᵀQ (n×l); svd(Bᵀ) = Ṽ Σ Ũᵀ gives B = Ũ Σ Ṽᵀ.
  const Bt = op.applyT(Q, l);
  const r = svdDense(Bt, n, l); // U: n×l (right vectors of A), V: l×l (left vectors of B)
  const U = new Float64Array(m * l);
  gemm(false, false, m, l, l, 1, Q, 0, l, r.V, 0, l, 0, U, 0, l);
  const out = truncate({ U, s: r.s, V: r.U, k: l, sweeps: r.sweeps }, m, n, k);
  normalizeColumnSignsInPlace(out.U, m, k, out.V, n);
  return out;
}

function orth(Y: Float64Array, rows: number, c: number): Float64Array {
  const Q = new Float64Array(rows * c);
  orthonormalizeInto(Q, Y, rows, c);
  return Q;
}

/**
 * Golub–Kahan–Lanczos: A V_j = U_j B_j, Aᵀ U_j = V_j B_jᵀ + β_j v_{j+1} e_jᵀ with B_j upper bidiagonal
 * (α on the diagonal, β above). Both bases are fully reorthogonalized (classical Gram–Schmidt, twice), so
 * no spurious copies of converged triplets appear. The Krylov dimension grows (checking every few steps)
 * until the k largest Ritz triplets have β_j|x_{j,i}| ≤ tol·σ_1.
 */
function lanczosSvd(op: Op, k: number, tol: number, maxDim: number, seed: number): { raw: RawSvd; iterations: number; residuals: number[] } {
  const { m, n } = op;
  const rng = new Rng(seed);
  const Ub: Float64Array[] = [];
  const Vb: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let v = unit(rng.fillNormal(new Float64Array(n)));
  let uPrev: Float64Array | null = null;
  let last: { raw: RawSvd; residuals: number[] } | null = null;
  let nextCheck = Math.min(maxDim, Math.max(2 * k + 2, k + 10));
  for (let j = 0; j < maxDim; j++) {
    Vb.push(v);
    const u = op.apply(v, 1);
    if (uPrev) axpyInto(u, -beta[j - 1], uPrev);
    reorthogonalizeInto(u, Ub);
    let a = nrm2(u);
    if (a <= EPS * (alpha[0] ?? 1) * 1e-2) {
      // A v lies in span(U): an exact zero singular direction; continue with a fresh vector orthogonal to U.
      a = 0;
      const fresh = rng.fillNormal(new Float64Array(m));
      reorthogonalizeInto(fresh, Ub);
      u.set(unit(fresh));
    } else scalInto(u, 1 / a);
    alpha.push(a);
    Ub.push(u);
    uPrev = u;
    const w = op.applyT(u, 1);
    axpyInto(w, -a, v);
    reorthogonalizeInto(w, Vb);
    let b = nrm2(w);
    if (j + 1 < Math.min(m, n) && b <= EPS * Math.max(alpha[0], a, 1e-300) * 1e-2) {
      // Invariant subspace found: restart the recurrence with a random vector orthogonal to V (β = 0).
      b = 0;
      const fresh = rng.fillNormal(new Float64Array(n));
      reorthogonalizeInto(fresh, Vb);
      w.set(unit(fresh));
    } else if (b > 0) scalInto(w, 1 / b);
    beta.push(b);
    v = w;
    const dim = j + 1;
    if (dim >= nextCheck || dim === maxDim) {
      last = ritz(Ub, Vb, alpha, beta, k, m, n);
      const sigma1 = last.raw.s[0];
      if (last.residuals.every((r) => r <= tol * Math.max(sigma1, 1e-300)) || dim >= Math.min(m, n)) {
        return { raw: last.raw, iterations: dim, residuals: last.residuals };
      }
      nextCheck = Math.min(maxDim, dim + Math.max(5, Math.ceil(dim / 4)));
    }
  }
  if (!last) last = ritz(Ub, Vb, alpha, beta, k, m, n);
  const found = last;
  throw Object.assign(new EigenlabError("no-convergence", message.svdNoConvergence("lanczos", maxDim)), { partial: found });
}

function ritz(Ub: Float64Array[], Vb: Float64Array[], alpha: number[], beta: number[], k: number, m: number, n: number): { raw: RawSvd; residuals: number[] } {
  const j = alpha.length;
  const B = new Float64Array(j * j);
  for (let i = 0; i < j; i++) {
    B[i * j + i] = alpha[i];
    if (i + 1 < j) B[i * j + i + 1] = beta[i];
  }
  const r = svdDense(B, j, j); // B = X Σ Yᵀ
  const residuals: number[] = [];
  for (let i = 0; i < k; i++) residuals.push(Math.abs(beta[j - 1] * r.U[(j - 1) * j + i]));
  const U = new Float64Array(m * k);
  const V = new Float64Array(n * k);
  for (let p = 0; p < j; p++) {
    const up = Ub[p];
    const vp = Vb[p];
    for (let c = 0; c < k; c++) {
      const x = r.U[p * j + c];
      const y = r.V[p * j + c];
      if (x !== 0) for (let i = 0; i < m; i++) U[i * k + c] += x * up[i];
      if (y !== 0) for (let i = 0; i < n; i++) V[i * k + c] += y * vp[i];
    }
  }
  normalizeColumnSignsInPlace(U, m, k, V, n);
  return { raw: { U, s: r.s.slice(0, k), V, k, sweeps: r.sweeps }, residuals };
}

function unit(x: Float64Array): Float64Array {
  scalInto(x, 1 / nrm2(x));
  return x;
}

/**
 * out = A·x for a row-major m × n A held as float64 or float32 (read as stored, summed in float64). One vector
 * at a time (Lanczos) a plain row loop beats packing for the blocked kernel.
 */
function rowsTimesVector(data: Float64Array | Float32Array, m: number, n: number, x: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < m; i++) {
    let acc = 0;
    const o = i * n;
    for (let j = 0; j < n; j++) acc += data[o + j] * x[j];
    out[i] = acc;
  }
  return out;
}

/** out += Aᵀ·x for a row-major m × n A held as float64 or float32 (see rowsTimesVector); zero entries of x skip their row. */
function rowsTransposeTimesVector(data: Float64Array | Float32Array, m: number, n: number, x: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < m; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const o = i * n;
    for (let j = 0; j < n; j++) out[j] += data[o + j] * xi;
  }
  return out;
}
