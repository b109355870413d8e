/**
 * `linalg.cg`: preconditioned conjugate gradients (Hestenes & Stiefel 1952) for symmetric positive
 * definite A x = b; the inner solver of shift-invert when σ lies below the spectrum of a matrix-free A.
 */
import { dot, nrm2 } from "../kernels";
import { OperatorInput } from "./symmetric-operator";
import { KrylovInto, krylovSolve, SolveOptions, SolveResult } from "./krylov-solve";

/**
 * x ← solution of A x = b (x holds the initial guess on entry). Stops at ‖r‖ ≤ rtol·‖b‖ (recursive r).
 */
export const cgInto: KrylovInto = (x, apply, b, rtol, maxIter, precond) => {
  const n = b.length;
  const r = new Float64Array(n);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const q = new Float64Array(n);
  apply(q, x);
  for (let i = 0; i < n; i++) r[i] = b[i] - q[i];
  const bnorm = nrm2(b);
  const target = rtol * bnorm;
  if (bnorm === 0) {
    x.fill(0);
    return { iterations: 0, converged: true };
  }
  if (nrm2(r) <= target) return { iterations: 0, converged: true };
  if (precond) precond(z, r);
  else z.set(r);
  p.set(z);
  let rz = dot(r, z);
  for (let it = 1; it <= maxIter; it++) {
    apply(q, p);
    const pq = dot(p, q);
    if (!(pq > 0)) return { iterations: it, converged: false }; // A (or M) not positive definite on p
    const alpha = rz / pq;
    for (let i = 0; i < n; i++) {
      x[i] += alpha * p[i];
      r[i] -= alpha * q[i];
    }
    if (nrm2(r) <= target) return { iterations: it, converged: true };
    if (precond) precond(z, r);
    else z.set(r);
    const rzNew = dot(r, z);
    const beta = rzNew / rz;
    rz = rzNew;
    for (let i = 0; i < n; i++) p[i] = z[i] + beta * p[i];
  }
  return { iterations: maxIter, converged: false };
};

/**
 * Solves A x = b for symmetric positive definite A (Matrix, CsrMatrix or LinearOperator).
 *
 * @example
 * ```ts
 * const r = linalg.cg(Matrix.from([[4, 1], [1, 3]]), [1, 2]);
 * r.x; // => [1 / 11, 7 / 11]
 * r.converged; // => true
 * ```
 */
export function cg(A: OperatorInput, b: ArrayLike<number>, opts: SolveOptions = {}): SolveResult {
  return krylovSolve("linalg.cg", "cg:preconditioned-conjugate-gradient", cgInto, A, b, opts);
}
