/**
 * Result type and input checks shared by the Krylov linear solvers `linalg.cg` and `linalg.minres`.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { asVector, checkFinite, checkOptions, checkTolerance, opt } from "../validate";
import { OperatorInput, symmetricOperator, SymmetricOperator } from "./symmetric-operator";
import { ResultMeta, stamp } from "../meta";
import { isLinearOperator, LinearOperator } from "../operator";
import { nrm2 } from "../kernels";

export interface SolveOptions {
  /** Relative residual tolerance ‖b − A x‖ ≤ tol·‖b‖ (default 1e-10). */
  tol?: number;
  /** Iteration limit (default 10·n). */
  maxIter?: number;
  /** Initial guess (default 0). */
  x0?: ArrayLike<number>;
  /** Symmetric positive definite preconditioner M ≈ A⁻¹, applied as z = M r (a LinearOperator or a diagonal vector). */
  M?: LinearOperator | ArrayLike<number>;
}

/** A linear solve: `x`, how far it got, and provenance. */
export interface SolveResult {
  readonly x: Float64Array;
  readonly iterations: number;
  /** ‖b − A x‖ recomputed at the end (not the recursive estimate). */
  readonly residualNorm: number;
  /** True when residualNorm ≤ tol·‖b‖ (scipy's info == 0). */
  readonly converged: boolean;
  readonly meta: ResultMeta;
}

export interface PreparedSolve {
  op: SymmetricOperator;
  b: Float64Array;
  x0: Float64Array;
  tol: number;
  maxIter: number;
  precond?: (z: Float64Array, r: Float64Array) => void;
}

const SOLVE_OPTIONS = { tol: opt.number(), maxIter: opt.integer(1), x0: opt.any, M: opt.any };

export function prepareSolve(fn: string, A: OperatorInput, b: ArrayLike<number>, opts: SolveOptions): PreparedSolve {
  checkOptions(fn, opts, SOLVE_OPTIONS);
  const op = symmetricOperator(A, "A", fn);
  const n = op.n;
  asVector(fn, "b", b);
  if (b.length !== n) throw new EigenlabError("shape", message.vectorLength("b", b.length, n));
  const bb = Float64Array.from(b);
  checkFinite("b", bb);
  const tol = opts.tol ?? 1e-10;
  checkTolerance(tol);
  const maxIter = opts.maxIter ?? 10 * n;
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new EigenlabError("bad-option", message.badMaxIter(maxIter));
  const x0 = new Float64Array(n);
  if (opts.x0 !== undefined) {
    if (opts.x0.length !== n) throw new EigenlabError("shape", message.vectorLength("x0", opts.x0.length, n));
    x0.set(opts.x0);
    checkFinite("x0", x0);
  }
  let precond: PreparedSolve["precond"];
  if (opts.M !== undefined) {
    const M = opts.M;
    if (isLinearOperator(M)) {
      if (M.shape[0] !== n || M.shape[1] !== n) throw new EigenlabError("shape", message.preconditionerShape(M.shape, n));
      precond = (z, r) => z.set(M.matvec(r));
    } else {
      if (M.length !== n) throw new EigenlabError("shape", message.vectorLength("M (diagonal preconditioner)", M.length, n));
      const d = Float64Array.from(M);
      checkFinite("M", d);
      precond = (z, r) => {
        for (let i = 0; i < n; i++) z[i] = d[i] * r[i];
      };
    }
  }
  return { op, b: bb, x0, tol, maxIter, precond };
}

export function solveMeta(solver: string, p: PreparedSolve, iterations: number, residualNorm: number): ResultMeta {
  return stamp({
    solver,
    inputShape: [p.op.n, p.op.n],
    inputHash: p.op.hash,
    tol: p.tol,
    iterations,
    residualNorms: [residualNorm],
  });
}

/** How far an in-place Krylov iteration got. */
export interface KrylovRun {
  iterations: number;
  converged: boolean;
}

/** x ← solution of A x = b, x holding the initial guess on entry (cgInto, minresInto). */
export type KrylovInto = (
  x: Float64Array,
  apply: (y: Float64Array, x: Float64Array) => void,
  b: Float64Array,
  rtol: number,
  maxIter: number,
  precond?: (z: Float64Array, r: Float64Array) => void,
) => KrylovRun;

/** ‖b − A x‖, recomputed rather than trusted from the recursion. */
export function trueResidual(apply: (y: Float64Array, x: Float64Array) => void, x: Float64Array, b: Float64Array): number {
  const Ax = new Float64Array(b.length);
  apply(Ax, x);
  for (let i = 0; i < b.length; i++) Ax[i] = b[i] - Ax[i];
  return nrm2(Ax);
}

/**
 * The public solvers' common frame: check the inputs, run `into` from x0, and report convergence on the
 * true residual (scipy's info == 0 test, with a 10× margin for the recursion's drift).
 */
export function krylovSolve(fn: string, solver: string, into: KrylovInto, A: OperatorInput, b: ArrayLike<number>, opts: SolveOptions): SolveResult {
  const p = prepareSolve(fn, A, b, opts);
  const x = Float64Array.from(p.x0);
  const run = into(x, p.op.applyInto, p.b, p.tol, p.maxIter, p.precond);
  const res = trueResidual(p.op.applyInto, x, p.b);
  return {
    x,
    iterations: run.iterations,
    residualNorm: res,
    converged: run.converged && res <= 10 * p.tol * nrm2(p.b),
    meta: solveMeta(solver, p, run.iterations, res),
  };
}
