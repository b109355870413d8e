/**
 * `linalg.minres`: MINRES (Paige & Saunders 1975, "Solution of sparse indefinite systems of linear
 * equations", SIAM J. Numer. Anal. 12(4)) for symmetric, possibly indefinite A x = b. It is the inner
 * solver of shift-invert for a matrix-free A, where A − σI is indefinite and CG does not apply.
 * Preconditioning follows the paper's symmetric positive definite M form (z = M r).
 */
import { dot, nrm2 } from "../kernels";
import { OperatorInput } from "./symmetric-operator";
import { KrylovInto, krylovSolve, SolveOptions, SolveResult } from "./krylov-solve";

/** x ← solution of A x = b (x holds the initial guess). Stops when the MINRES residual estimate ≤ rtol·‖b‖. */
export const minresInto: KrylovInto = (x, apply, b, rtol, maxIter, precond) => {
  const n = b.length;
  const eps = 2.220446049250313e-16;
  let r1 = new Float64Array(n);
  let r2 = new Float64Array(n);
  let y = new Float64Array(n);
  const v = new Float64Array(n);
  let w = new Float64Array(n);
  let w1 = new Float64Array(n);
  let w2 = new Float64Array(n);
  apply(y, x);
  for (let i = 0; i < n; i++) r1[i] = b[i] - y[i];
  const bnorm = nrm2(b);
  if (bnorm === 0) {
    x.fill(0);
    return { iterations: 0, converged: true };
  }
  if (precond) precond(y, r1);
  else y.set(r1);
  const beta1sq = dot(r1, y);
  if (!(beta1sq > 0)) return { iterations: 0, converged: beta1sq === 0 };
  let beta = Math.sqrt(beta1sq);
  r2.set(r1);
  let oldb = 0;
  let dbar = 0;
  let epsln = 0;
  let phibar = beta;
  let cs = -1;
  let sn = 0;
  const target = rtol * bnorm;
  if (phibar <= target) return { iterations: 0, converged: true };
  for (let itn = 1; itn <= maxIter; itn++) {
    const s = 1 / beta;
    for (let i = 0; i < n; i++) v[i] = s * y[i];
    apply(y, v);
    if (itn >= 2) {
      const c = beta / oldb;
      for (let i = 0; i < n; i++) y[i] -= c * r1[i];
    }
    const alfa = dot(v, y);
    const c2 = alfa / beta;
    for (let i = 0; i < n; i++) y[i] -= c2 * r2[i];
    // r1 ← r2, r2 ← y, y ← M r2
    const t = r1;
    r1 = r2;
    r2 = y;
    y = t;
    if (precond) precond(y, r2);
    else y.set(r2);
    oldb = beta;
    const bsq = dot(r2, y);
    if (bsq < 0) return { iterations: itn, converged: false }; // M not positive definite
    beta = Math.sqrt(bsq);
    const oldeps = epsln;
    const delta = cs * dbar + sn * alfa;
    const gbar = sn * dbar - cs * alfa;
    epsln = sn * beta;
    dbar = -cs * beta;
    const gamma = Math.max(Math.hypot(gbar, beta), eps);
    cs = gbar / gamma;
    sn = beta / gamma;
    const phi = cs * phibar;
    phibar = sn * phibar;
    const denom = 1 / gamma;
    const tw = w1;
    w1 = w2;
    w2 = w;
    w = tw;
    for (let i = 0; i < n; i++) {
      w[i] = (v[i] - oldeps * w1[i] - delta * w2[i]) * denom;
      x[i] += phi * w[i];
    }
    if (phibar <= target || beta === 0) return { iterations: itn, converged: true };
  }
  return { iterations: maxIter, converged: false };
};

/**
 * Solves A x = b for symmetric (possibly indefinite) A (Matrix, CsrMatrix or LinearOperator).
 *
 * @example
 * ```ts
 * // indefinite A (eigenvalues 3 and −1), where cg does not apply
 * const r = linalg.minres(Matrix.from([[1, 2], [2, 1]]), [3, 3]);
 * r.x; // => [1, 1]
 * r.converged; // => true
 * ```
 */
export function minres(A: OperatorInput, b: ArrayLike<number>, opts: SolveOptions = {}): SolveResult {
  return krylovSolve("linalg.minres", "minres:paige-saunders", minresInto, A, b, opts);
}
