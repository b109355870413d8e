/**
 * Eigen-decomposition of the sample covariance S = XᵀX / n of an n × p data matrix through the smaller Gram
 * matrix: XᵀX / n (p × p) when p ≤ n, else XXᵀ / n (n × n), whose eigenvalues are the non-zero ones of S.
 * Dividing by n in both cases keeps the Marchenko–Pastur scale of S with γ = p / n.
 */
import { Matrix } from "../matrix";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkFinite } from "../validate";
import { eigh } from "../linalg/eigh";
import { gramInto, outerGramInto } from "../linalg/blas";
import { symmetricEigenvalues } from "../linalg/symmetric-eigen";

export interface CovarianceEigen {
  /** The min(n, p) eigenvalues of the smaller Gram matrix / n, ascending. */
  values: Float64Array;
  /** p × min(n, p) feature-space eigenvectors (columns, ascending with values), when requested. */
  vectors?: Matrix;
  n: number;
  p: number;
}

/** Column-centered copy of X. */
export function centerColumns(X: Matrix): Matrix {
  const { rows, cols, data } = X;
  const out = Float64Array.from(data);
  for (let j = 0; j < cols; j++) {
    let m = 0;
    for (let i = 0; i < rows; i++) m += data[i * cols + j];
    m /= rows;
    for (let i = 0; i < rows; i++) out[i * cols + j] -= m;
  }
  return new Matrix(rows, cols, out);
}

export function covarianceEigen(fn: string, X: Matrix, withVectors: boolean): CovarianceEigen {
  const n = X.rows;
  const p = X.cols;
  if (n < 2 || p < 2) throw new EigenlabError("shape", message.matrixTooSmall(fn, n, p));
  checkFinite(`${fn}: X`, X.data);
  const m = Math.min(n, p);
  // The Gram matrix through the SIMD gemm, lower block triangle only (gramInto), exactly symmetric.
  const g = new Float64Array(m * m);
  if (p <= n) gramInto(g, X.data, n, p);
  else outerGramInto(g, X.data, n, p);
  for (let i = 0; i < g.length; i++) g[i] /= n;
  if (!withVectors) {
    // Only the spectrum is needed (ESD, MP fit): eigenvalues alone, as numpy.linalg.eigvalsh (dsytrd + dsterf).
    const values = symmetricEigenvalues(g, m);
    for (let i = 0; i < m; i++) values[i] = Math.max(values[i], 0);
    return { values, n, p };
  }
  const S = eigh(new Matrix(m, m, g));
  const values = Float64Array.from(S.values, (v) => Math.max(v, 0));
  if (p <= n) return { values, vectors: S.vectors, n, p };
  // XXᵀv = nλv ⇒ u = Xᵀv / ‖Xᵀv‖ is the matching eigenvector of XᵀX.
  const U = X.T.matmul(S.vectors);
  const u = Float64Array.from(U.data);
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < p; i++) s += u[i * m + j] ** 2;
    // Unit length, and the sign convention of eigh: the largest-magnitude entry positive.
    let big = 0;
    for (let i = 0; i < p; i++) if (Math.abs(u[i * m + j]) > Math.abs(big)) big = u[i * m + j];
    const inv = s > 0 ? (big < 0 ? -1 : 1) / Math.sqrt(s) : 0;
    for (let i = 0; i < p; i++) u[i * m + j] *= inv;
  }
  return { values, vectors: new Matrix(p, m, u), n, p };
}
