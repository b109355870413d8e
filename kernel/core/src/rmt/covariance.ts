/**
 * Eigen-decomposition of the sample covariance S = XᵀX / n of an n × p data matrix through the smaller Gram
 * matrix: XᵀX / n (p × p) when p ≤ n, else XXᵀ / n (n × n), whose eigenvalues are the non-zero ones of S.
 * Dividing by n in both cases keeps the Marchenko–Pastur scale of S with γ = p / n.
 */
import { Matrix } from "../matrix";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkFinite } from "../validate";
import { gramInto, normalizeColumnSignsInPlace, outerGramInto } from "../kernels";
import { symmetricEigenvaluesReduced } from "../linalg/symmetric-eigen";

export interface CovarianceEigen {
  /** The min(n, p) eigenvalues of the smaller Gram matrix / n, ascending. */
  values: Float64Array;
  /**
   * p × k feature-space eigenvectors (unit columns, ascending with values, largest-magnitude entry positive)
   * of the k largest eigenvalues, computed on demand: a few vectors cost O(n²k) after the values-only solve.
   */
  topVectors(k: number): Matrix;
  n: number;
  p: number;
}

/** Column-centered copy of X. */
export function centerColumns(X: Matrix): Matrix {
  const { rows, cols, data } = X;
  const mean = X.colMeans();
  const out = Float64Array.from(data);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] -= mean[j];
  return new Matrix(rows, cols, out);
}

export function covarianceEigen(fn: string, X: Matrix): CovarianceEigen {
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
  // Eigenvalues alone (numpy.linalg.eigvalsh's dsytrd + dsterf); an ESD or an MP fit needs nothing more, and
  // the few spike vectors come afterwards by inverse iteration on the kept reduction (dstein + dormtr).
  const reduced = symmetricEigenvaluesReduced(g, m);
  const values = Float64Array.from(reduced.values, (v) => Math.max(v, 0));
  const topVectors = (k: number): Matrix => {
    const raw = reduced.vectors(Array.from({ length: k }, (_, j) => m - k + j)); // vector j at j·m
    if (p <= n) {
      const v = new Float64Array(p * k);
      for (let j = 0; j < k; j++) for (let i = 0; i < p; i++) v[i * k + j] = raw[j * m + i];
      return new Matrix(p, k, v);
    }
    // XXᵀv = nλv ⇒ u = Xᵀv / ‖Xᵀv‖ is the matching eigenvector of XᵀX.
    const V = new Float64Array(m * k);
    for (let j = 0; j < k; j++) for (let i = 0; i < m; i++) V[i * k + j] = raw[j * m + i];
    const u = Float64Array.from(X.T.matmul(new Matrix(m, k, V)).data);
    // The sign convention of eigh (the largest-magnitude entry positive), then unit length.
    normalizeColumnSignsInPlace(u, p, k);
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let i = 0; i < p; i++) s += u[i * k + j] ** 2;
      const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
      for (let i = 0; i < p; i++) u[i * k + j] *= inv;
    }
    return new Matrix(p, k, u);
  };
  return { values, topVectors, n, p };
}
