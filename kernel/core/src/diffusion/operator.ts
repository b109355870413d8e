/**
 * The symmetric operator (a graph Laplacian, usually) that diffusion functions apply, and an interval that
 * contains its spectrum: Gershgorin discs for explicit matrices (a guaranteed enclosure: for a combinatorial
 * Laplacian [0, 2·max degree]); for a matrix-free LinearOperator a 40-step Lanczos estimate widened by its
 * residual bound and 1 %.
 */
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { isLinearOperator, LinearOperator } from "../operator";
import { checkFinite } from "../validate";
import { Rng } from "../random";
import { tridiagonalEigen } from "../linalg/implicit-ql";
import { nrm2, reorthogonalizeInto } from "../kernels";
import { asOperatorInput } from "../validate/inputs";

export type SymmetricInput = Matrix | CsrMatrix | LinearOperator;

export interface SymmetricOperator {
  n: number;
  /** y = L x */
  applyInto(y: Float64Array, x: Float64Array): void;
  source: SymmetricInput;
}

export function symmetricOperator(fn: string, input: SymmetricInput): SymmetricOperator {
  const L = asOperatorInput(fn, "L", input) as SymmetricInput;
  if (L instanceof CsrMatrix) {
    if (L.rows !== L.cols) throw new EigenlabError("not-square", message.operatorNotSquare(fn, L.rows, L.cols));
    checkFinite(`${fn}: operator`, L.values);
    return { n: L.rows, applyInto: (y, x) => L.matvecInto(y, x), source: L };
  }
  if (L instanceof Matrix) {
    if (L.rows !== L.cols) throw new EigenlabError("not-square", message.operatorNotSquare(fn, L.rows, L.cols));
    checkFinite(`${fn}: operator`, L.data);
    const n = L.rows;
    const a = L.data;
    return {
      n,
      applyInto: (y, x) => {
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += a[i * n + j] * x[j];
          y[i] = s;
        }
      },
      source: L,
    };
  }
  if (isLinearOperator(L)) {
    const [r, c] = L.shape;
    if (r !== c) throw new EigenlabError("not-square", message.operatorNotSquare(fn, r, c));
    return { n: r, applyInto: (y, x) => y.set(L.matvec(x)), source: L };
  }
  throw new EigenlabError("bad-input", message.operatorNotSquare(fn, NaN, NaN));
}

/** An interval [lo, hi] containing the spectrum of the symmetric operator. */
export function spectralInterval(op: SymmetricOperator): [number, number] {
  const L = op.source;
  if (L instanceof CsrMatrix || L instanceof Matrix) {
    let lo = Infinity;
    let hi = -Infinity;
    const n = op.n;
    for (let i = 0; i < n; i++) {
      let d = 0;
      let r = 0;
      if (L instanceof CsrMatrix) {
        for (let p = L.indptr[i]; p < L.indptr[i + 1]; p++) {
          if (L.indices[p] === i) d += L.values[p];
          else r += Math.abs(L.values[p]);
        }
      } else {
        for (let j = 0; j < n; j++) {
          if (j === i) d = L.data[i * n + i];
          else r += Math.abs(L.data[i * n + j]);
        }
      }
      lo = Math.min(lo, d - r);
      hi = Math.max(hi, d + r);
    }
    return n === 0 ? [0, 0] : [lo, hi];
  }
  return lanczosInterval(op, 40);
}

function lanczosInterval(op: SymmetricOperator, steps: number): [number, number] {
  const n = op.n;
  const m = Math.min(steps, n);
  const V: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let v = new Rng(0).fillNormal(new Float64Array(n));
  let nv = nrm2(v); // (not Math.hypot(...v): spreading n arguments overflows the stack from n ≈ 10⁵)
  v = v.map((x) => x / nv);
  const w = new Float64Array(n);
  let lastBeta = 0;
  for (let j = 0; j < m; j++) {
    V.push(v);
    op.applyInto(w, v);
    let a = 0;
    for (let i = 0; i < n; i++) a += w[i] * v[i];
    alpha.push(a);
    // Full reorthogonalization (twice is enough): m is small.
    reorthogonalizeInto(w, V);
    nv = nrm2(w);
    lastBeta = nv;
    if (j === m - 1 || nv < 1e-12) break;
    beta.push(nv);
    v = Float64Array.from(w, (x) => x / nv);
  }
  const { values, vectors } = tridiagonalEigen(alpha, beta);
  const k = values.length;
  // Residual of a Ritz pair = β_m |last component of its eigenvector| (vectors contiguous per eigenvector).
  const resid = (j: number) => lastBeta * Math.abs(vectors[j * k + k - 1]);
  const lo = values[0] - resid(0);
  const hi = values[k - 1] + resid(k - 1);
  const pad = 0.01 * Math.max(Math.abs(lo), Math.abs(hi), 1e-300);
  return [lo - pad, hi + pad];
}
