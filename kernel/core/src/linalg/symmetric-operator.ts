/**
 * Operator helpers shared by the iterative solvers (eigsh, lobpcg, cg, minres): one internal form for a
 * symmetric Matrix / CsrMatrix / LinearOperator, validated once at the door so that no solver loop ever
 * meets a wrong shape, a NaN or an asymmetric input deep inside.
 */
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { isLinearOperator, LinearOperator } from "../operator";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkFinite, SYMMETRY_RTOL } from "../validate";
import { hashArrays } from "../meta";
import { Rng } from "../random";
import { dot, nrm2 } from "../kernels";
import { asOperatorInput } from "../validate/inputs";
import type { Dtype, FloatArray } from "../dtype";

/** Anything the iterative solvers accept as a matrix. */
export type OperatorInput = Matrix | CsrMatrix | LinearOperator;

/** The validated internal form: y = A x into caller-owned arrays. */
export interface SymmetricOperator {
  readonly n: number;
  /** y = A x; y and x never alias. */
  applyInto(y: Float64Array, x: Float64Array): void;
  /** An upper bound of ‖A‖₂ when cheap (max absolute row sum for explicit matrices), else NaN. */
  readonly normBound: number;
  /** FNV-1a hash of the input's numbers ("operator" for a matrix-free input). */
  readonly hash: string;
  readonly kind: "dense" | "csr" | "operator";
  /** Storage type of the input's numbers ("float64" for a matrix-free operator): `meta.inputPrecision`. */
  readonly inputDtype: Dtype;
  /** The explicit matrix when there is one (factorizations need it). */
  readonly csr?: CsrMatrix;
  readonly dense?: Matrix;
}

/**
 * Validates `A` as a square, finite, symmetric operator. For Matrix and CsrMatrix symmetry is checked to
 * SYMMETRY_RTOL·max|a_ij|; a LinearOperator is probed once with two seeded random vectors
 * (|xᵀAy − yᵀAx| must be tiny against ‖A‖·‖x‖‖y‖), which catches a non-symmetric operator for two matvecs.
 * `checked` (internal callers only: a CsrMatrix they built from a graph checked at the public boundary, e.g.
 * the Laplacian of cluster.spectral) skips the finiteness and symmetry passes, which the construction
 * guarantees; the public linalg.eigsh never sets it.
 */
export function symmetricOperator(input: unknown, what: string, fn: string, checked = false): SymmetricOperator {
  const A = asOperatorInput(fn, what, input);
  if (A instanceof Matrix) {
    if (A.rows !== A.cols) throw new EigenlabError("not-square", message.notSquare(what, A.rows, A.cols));
    // The stored entries, float32 included: no float64 copy of A is made; products are summed in float64.
    checkFinite(what, A.stored);
    const n = A.rows;
    const a = A.stored;
    let maxAbs = 0;
    let rowMax = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) {
        const v = Math.abs(a[i * n + j]);
        s += v;
        if (v > maxAbs) maxAbs = v;
      }
      if (s > rowMax) rowMax = s;
    }
    const tol = SYMMETRY_RTOL * Math.max(maxAbs, Number.MIN_VALUE);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const asym = Math.abs(a[i * n + j] - a[j * n + i]);
        if (asym > tol) throw new EigenlabError("not-symmetric", message.notSymmetric(what, i, j, asym, tol));
      }
    }
    const applyInto =
      a instanceof Float64Array
        ? (y: Float64Array, x: Float64Array) => {
          for (let i = 0; i < n; i++) y[i] = dot(a.subarray(i * n, i * n + n), x, n);
        }
        : (y: Float64Array, x: Float64Array) => {
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0, o = i * n; j < n; j++) s += a[o + j] * x[j];
            y[i] = s;
          }
        };
    return {
      n,
      applyInto,
      normBound: rowMax,
      hash: hashArrays(a),
      kind: "dense",
      inputDtype: A.dtype,
      dense: A,
    };
  }
  if (A instanceof CsrMatrix) {
    if (A.rows !== A.cols) throw new EigenlabError("not-square", message.notSquare(what, A.rows, A.cols));
    const v = A.storedValues; // float32 values are read as stored (csrMatvecInto too)
    if (!checked) {
      checkFinite(what, v);
      let maxAbs = 0;
      for (let p = 0; p < v.length; p++) maxAbs = Math.max(maxAbs, Math.abs(v[p]));
      const tol = SYMMETRY_RTOL * Math.max(maxAbs, Number.MIN_VALUE);
      const asym = A.asymmetry();
      if (asym.value > tol) throw new EigenlabError("not-symmetric", message.notSymmetric(what, asym.i, asym.j, asym.value, tol));
    }
    return {
      n: A.rows,
      applyInto: (y, x) => csrMatvecInto(y, A, x),
      normBound: maxAbsRowSum(A),
      hash: hashArrays(A.indptr, A.indices, v),
      kind: "csr",
      inputDtype: A.dtype,
      csr: A,
    };
  }
  if (isLinearOperator(A)) {
    const [r, c] = A.shape;
    if (r !== c) throw new EigenlabError("not-square", message.notSquare(what, r, c));
    const n = r;
    let calls = 0;
    const op: SymmetricOperator = {
      n,
      applyInto: (y, x) => {
        const out = A.matvec(x);
        calls++;
        if (out.length !== n) throw new EigenlabError("shape", message.operatorOutput(what, out.length, n));
        // a NaN from a matrix-free operator would otherwise come back as NaN eigenvalues or a zero/NaN solution
        for (let i = 0; i < n; i++) if (!Number.isFinite(out[i])) throw new EigenlabError("nan", message.matvecNotFinite(what, calls, i, out[i]));
        y.set(out);
      },
      normBound: NaN,
      hash: "operator",
      kind: "operator",
      inputDtype: "float64",
    };
    probeSymmetry(op, what, fn);
    return op;
  }
  throw new EigenlabError("bad-input", message.notAnOperator(fn, what, describe(A)));
}

function describe(A: unknown): string {
  if (A === null) return "null";
  if (Array.isArray(A)) return "a plain array";
  if (typeof A === "object") return (A as object).constructor?.name ?? "an object";
  return typeof A;
}

/** max_i Σ_j |a_ij| (the ∞-norm, an upper bound of ‖A‖₂ for symmetric A). */
export function maxAbsRowSum(A: CsrMatrix): number {
  let best = 0;
  for (let r = 0; r < A.rows; r++) {
    let s = 0;
    for (let p = A.indptr[r]; p < A.indptr[r + 1]; p++) s += Math.abs(A.storedValues[p]);
    if (s > best) best = s;
  }
  return best;
}

/** Two matvecs with seeded vectors: xᵀ(Ay) must equal yᵀ(Ax) for a symmetric operator. */
function probeSymmetry(op: SymmetricOperator, what: string, fn: string): void {
  const n = op.n;
  if (n === 0) return;
  const rng = new Rng(0x5e11);
  const x = rng.fillNormal(new Float64Array(n));
  const y = rng.fillNormal(new Float64Array(n));
  const Ax = new Float64Array(n);
  const Ay = new Float64Array(n);
  op.applyInto(Ax, x);
  op.applyInto(Ay, y);
  checkFinite(`${what} (its matvec output)`, Ax);
  checkFinite(`${what} (its matvec output)`, Ay);
  const a = dot(x, Ay);
  const b = dot(y, Ax);
  const scale = Math.max(nrm2(Ax) * nrm2(y), nrm2(Ay) * nrm2(x), Number.MIN_VALUE);
  const rel = Math.abs(a - b) / scale;
  if (rel > 1e-8) throw new EigenlabError("not-symmetric", message.operatorNotSymmetric(fn, what, rel));
}

/** C = A + alpha·B for square CSR matrices of one size (rows merged; explicit zeros kept). */
export function csrAddScaled(A: CsrMatrix, alpha: number, B: CsrMatrix): CsrMatrix {
  const n = A.rows;
  const indptr = new Int32Array(n + 1);
  const cap = A.nnz + B.nnz;
  const indices = new Int32Array(cap);
  const values = new Float64Array(cap);
  let out = 0;
  for (let r = 0; r < n; r++) {
    let p = A.indptr[r];
    let q = B.indptr[r];
    const pe = A.indptr[r + 1];
    const qe = B.indptr[r + 1];
    while (p < pe || q < qe) {
      const cp = p < pe ? A.indices[p] : 0x7fffffff;
      const cq = q < qe ? B.indices[q] : 0x7fffffff;
      if (cp === cq) {
        indices[out] = cp;
        values[out++] = A.values[p++] + alpha * B.values[q++];
      } else if (cp < cq) {
        indices[out] = cp;
        values[out++] = A.values[p++];
      } else {
        indices[out] = cq;
        values[out++] = alpha * B.values[q++];
      }
    }
    indptr[r + 1] = out;
  }
  return new CsrMatrix(n, n, indptr, indices.slice(0, out), values.slice(0, out));
}

/** The diagonal of a CSR matrix when it has no off-diagonal entries, else undefined. */
export function diagonalOnly(A: CsrMatrix): Float64Array | undefined {
  for (let r = 0; r < A.rows; r++) {
    for (let p = A.indptr[r]; p < A.indptr[r + 1]; p++) if (A.indices[p] !== r && A.values[p] !== 0) return undefined;
  }
  return A.diagonal();
}

/**
 * y = A x for CSR A with two interleaved accumulators per row: about 1.8× CsrMatrix.matvecInto's single
 * dependent chain on graph Laplacians (≈17 entries a row) here, and SpMV is the largest single cost of
 * Lanczos on them. Sums in a different order from CsrMatrix.matvec (rounding-level differences).
 */
export function csrMatvecInto(y: Float64Array, A: CsrMatrix, x: Float64Array): void {
  csrArraysMatvecInto(y, A.rows, A.indptr, A.indices, A.storedValues, x);
}

/** csrMatvecInto on bare CSR arrays (also for eigsh's reordered copy, locality.ts). */
export function csrArraysMatvecInto(
  y: Float64Array,
  rows: number,
  indptr: Int32Array,
  indices: Int32Array,
  values: FloatArray,
  x: Float64Array,
): void {
  let q = indptr[0];
  for (let r = 0; r < rows; r++) {
    let s0 = 0;
    let s1 = 0;
    const e = indptr[r + 1];
    for (; q + 1 < e; q += 2) {
      s0 += values[q] * x[indices[q]];
      s1 += values[q + 1] * x[indices[q + 1]];
    }
    if (q < e) {
      s0 += values[q] * x[indices[q]];
      q++;
    }
    y[r] = s0 + s1;
  }
}
