/**
 * Discretization of a spectral embedding into cluster indicators (Yu & Shi 2003, "Multiclass spectral
 * clustering"), following scikit-learn's `discretize`: alternate between the best discrete indicator
 * matrix X for a rotation R (argmax of each row of V·R) and the best rotation for X (R = W Uᵀ from the SVD
 * Xᵀ V = U Σ Wᵀ, an orthogonal Procrustes step), until the objective 2(n − Σσ) stops changing. Private.
 */
import { Rng } from "../random";
import { Matrix } from "../matrix";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { eigh } from "../linalg";

/** Orthogonal polar factor parts of the small k×k M: {U, V, sum σ} with M = U Σ Vᵀ (via eigh of MᵀM). */
function smallSvd(M: Float64Array, k: number): { U: Float64Array; V: Float64Array; sigmaSum: number } {
  const MtM = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
    let s = 0;
    for (let r = 0; r < k; r++) s += M[r * k + a] * M[r * k + b];
    MtM[a * k + b] = s;
  }
  const E = eigh(new Matrix(k, k, MtM));
  const V = E.vectors.data; // column j = right singular vector j (row-major k×k)
  const U = new Float64Array(k * k);
  let sigmaSum = 0;
  let scale = 0;
  for (let j = 0; j < k; j++) scale = Math.max(scale, E.values[j]);
  const filled: boolean[] = [];
  for (let j = 0; j < k; j++) {
    const s = Math.sqrt(Math.max(E.values[j], 0));
    sigmaSum += s;
    if (E.values[j] > 1e-14 * scale && s > 0) {
      for (let r = 0; r < k; r++) {
        let t = 0;
        for (let c = 0; c < k; c++) t += M[r * k + c] * V[c * k + j];
        U[r * k + j] = t / s;
      }
      filled.push(true);
    } else filled.push(false);
  }
  // Complete U to an orthonormal basis where σ = 0 (Gram–Schmidt on unit vectors).
  for (let j = 0; j < k; j++) {
    if (filled[j]) continue;
    for (let e = 0; e < k; e++) {
      const v = new Float64Array(k);
      v[e] = 1;
      for (let pass = 0; pass < 2; pass++) {
        for (let o = 0; o < k; o++) {
          if (!filled[o]) continue;
          let dp = 0;
          for (let r = 0; r < k; r++) dp += U[r * k + o] * v[r];
          for (let r = 0; r < k; r++) v[r] -= dp * U[r * k + o];
        }
      }
      const nv = Math.hypot(...v);
      if (nv > 1e-6) {
        for (let r = 0; r < k; r++) U[r * k + j] = v[r] / nv;
        filled[j] = true;
        break;
      }
    }
  }
  return { U, V, sigmaSum };
}

export function discretize(vectors: Matrix, rng: Rng, maxRestarts = 30, maxIter = 20): Int32Array {
  const n = vectors.rows, k = vectors.cols;
  const V = Float64Array.from(vectors.data);
  // Columns scaled to norm √n, signs so that the first row is non-positive, then rows to unit norm.
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += V[i * k + j] ** 2;
    const f = Math.sqrt(n) / Math.sqrt(s);
    const sign = V[j] !== 0 ? -Math.sign(V[j]) : 1;
    for (let i = 0; i < n; i++) V[i * k + j] *= f * sign;
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += V[i * k + j] ** 2;
    const f = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let j = 0; j < k; j++) V[i * k + j] *= f;
  }
  const labels = new Int32Array(n);
  for (let restart = 0; restart < maxRestarts; restart++) {
    // Initial rotation: a random row, then rows most orthogonal to the ones chosen so far.
    const R = new Float64Array(k * k);
    const first = rng.int(n);
    for (let r = 0; r < k; r++) R[r * k] = V[first * k + r];
    const c = new Float64Array(n);
    for (let j = 1; j < k; j++) {
      let arg = 0, min = Infinity;
      for (let i = 0; i < n; i++) {
        let dp = 0;
        for (let r = 0; r < k; r++) dp += V[i * k + r] * R[r * k + j - 1];
        c[i] += Math.abs(dp);
        if (c[i] < min) { min = c[i]; arg = i; }
      }
      for (let r = 0; r < k; r++) R[r * k + j] = V[arg * k + r];
    }
    let last = 0;
    for (let it = 1; ; it++) {
      for (let i = 0; i < n; i++) {
        let arg = 0, best = -Infinity;
        for (let j = 0; j < k; j++) {
          let s = 0;
          for (let r = 0; r < k; r++) s += V[i * k + r] * R[r * k + j];
          if (s > best) { best = s; arg = j; }
        }
        labels[i] = arg;
      }
      // M = Xᵀ V (k×k): row j sums the rows of V labelled j.
      const M = new Float64Array(k * k);
      for (let i = 0; i < n; i++) for (let r = 0; r < k; r++) M[labels[i] * k + r] += V[i * k + r];
      const { U, V: W, sigmaSum } = smallSvd(M, k);
      const ncut = 2 * (n - sigmaSum);
      if (Math.abs(ncut - last) < Number.EPSILON || it > maxIter) return labels;
      last = ncut;
      // R = W Uᵀ
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
        let s = 0;
        for (let j = 0; j < k; j++) s += W[a * k + j] * U[b * k + j];
        R[a * k + b] = s;
      }
    }
  }
  throw new EigenlabError("no-convergence", message.discretizeFailed(maxRestarts));
}
