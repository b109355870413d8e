/**
 * `rmt.submatrixPowerLawFit`: power-law fit of a weight matrix's ESD averaged over square submatrices.
 *
 * The ESD of an N × M matrix depends on its aspect ratio (the Marchenko–Pastur bulk of γ = M/N ≪ 1 is narrow),
 * so power-law exponents of differently shaped layers are not comparable. Following the FARMS idea (2025:
 * "fixing the aspect-ratio mismatch" in heavy-tailed self-regularization analysis), we slide m × m windows
 * (m = the shorter side by default) along the longer side, take the eigenvalues of each window's WᵢᵀWᵢ / m, pool
 * them (the average of the windows' ESDs, each window weighted equally) and fit the pooled tail with CSN.
 */
import { Matrix } from "../matrix";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkFinite, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { positiveInteger } from "../validate";
import { gramInto } from "../kernels";
import { symmetricEigenvalues } from "../linalg/symmetric-eigen";
import { powerLawFit, PowerLawFit } from "./power-law";
import { asMatrix } from "../validate/inputs";

export interface SubmatrixPowerLawOptions {
  /** Window side m (default: the shorter side of W, capped at 512). */
  size?: number;
  /** Number of windows along the longer side (default: enough for 50 % overlap). */
  windows?: number;
  /** Fewest eigenvalues in a fitted tail (default 10), as powerLawFit's minTail. */
  minTail?: number;
}

/**
 * A power-law fit of the eigenvalues of WᵀW pooled over square submatrices (windows) of a weight matrix W, for
 * rectangular W whose full spectrum is dominated by its aspect ratio.
 *
 * @example
 * ```ts
 * const fit = rmt.submatrixPowerLawFit(Matrix.random(200, 50, { seed: 1 }));
 * fit instanceof rmt.PowerLawFit; // => true
 * fit.alpha > 1; // => true
 * ```
 */
export function submatrixPowerLawFit(W: Matrix, opts: SubmatrixPowerLawOptions = {}): PowerLawFit {
  const fn = "rmt.submatrixPowerLawFit";
  W = asMatrix(fn, "W", W);
  checkOptions(fn, opts, { size: opt.integer(1), windows: opt.integer(1), minTail: opt.number() });
  if (W.rows < 2 || W.cols < 2) throw new EigenlabError("shape", message.matrixTooSmall(fn, W.rows, W.cols));
  checkFinite(`${fn}: W`, W.data);
  const A = W.rows >= W.cols ? W : W.T; // N × M with N ≥ M
  const N = A.rows;
  const M = A.cols;
  const m = Math.min(positiveInteger(fn, "size", opts.size ?? Math.min(M, 512)), M);
  const windowsLong = opts.windows !== undefined ? positiveInteger(fn, "windows", opts.windows) : Math.max(1, Math.ceil((2 * N) / m) - 1);
  const windowsShort = Math.max(1, Math.ceil((2 * M) / m) - 1);
  const pooled: number[] = [];
  const offsets = (len: number, count: number) =>
    count === 1 ? [Math.floor((len - m) / 2)] : Array.from({ length: count }, (_, c) => Math.round(((len - m) * c) / (count - 1)));
  for (const r0 of offsets(N, windowsLong)) {
    for (const c0 of offsets(M, m === M ? 1 : windowsShort)) {
      const sub = new Float64Array(m * m);
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) sub[i * m + j] = A.data[(r0 + i) * M + c0 + j];
      // Eigenvalues only: the window's ESD needs no eigenvectors (values-only tridiagonal QL).
      const G = new Float64Array(m * m);
      gramInto(G, sub, m, m);
      for (let i = 0; i < G.length; i++) G[i] /= m;
      for (const v of symmetricEigenvalues(G, m)) if (v > 0) pooled.push(v);
    }
  }
  const fit = powerLawFit(pooled, { minTail: opts.minTail ?? 10 });
  fit.meta.solver = "submatrix-esd+clauset-shalizi-newman";
  fit.meta.inputShape = [W.rows, W.cols];
  fit.meta.windowSize = m;
  return fit;
}
