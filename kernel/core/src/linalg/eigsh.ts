/**
 * `linalg.eigsh`: k eigenpairs of a symmetric Matrix / CsrMatrix / LinearOperator, optionally of the
 * generalized problem A x = λ B x and optionally near a shift σ (shift-invert), as scipy.sparse.linalg.eigsh.
 *
 * Every variant is reduced to a STANDARD symmetric problem C y = θ y in the Euclidean inner product, solved by
 * one core (thick-restart Lanczos, or LOBPCG), then mapped back:
 *
 *   no σ, no B :  C = A                                   λ = θ,            x = y
 *   no σ, B    :  C = G⁻¹ A G⁻ᵀ  with B = G Gᵀ             λ = θ,            x = G⁻ᵀ y
 *   σ,    no B :  C = (A − σI)⁻¹                           λ = σ + 1/θ,      x = y
 *   σ,    B    :  C = Gᵀ (A − σB)⁻¹ G                      λ = σ + 1/θ,      x = G⁻ᵀ y
 *
 * (Ericsson & Ruhe 1980 for the spectral transformation; Parlett, "The Symmetric Eigenvalue Problem", ch. 15
 * for the Cholesky reduction.) For a diagonal B, G = B^{1/2} is exact and free — the normalized-cut case
 * (D − W) x = λ D x becomes D^{-1/2}(D − W)D^{-1/2}. Otherwise B = Pᵀ L D Lᵀ P by sparse LDLᵀ and G = Pᵀ L D^{1/2}.
 * x is B-orthonormal (xᵢᵀ B xⱼ = δᵢⱼ), as scipy's. `which` refers to θ, as in scipy: with σ the default "LM"
 * gives the eigenvalues nearest σ.
 */
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { LinearOperator } from "../operator";
import { ConvergenceError, EigenlabError } from "../errors";
import { message } from "../messages";
import { checkChoice, checkFinite, checkK, checkOptions, checkTolerance, opt } from "../validate";
import { Rng } from "../random";
import { columnsToMatrix, Spectrum } from "../spectrum";
import { ResultMeta, stamp } from "../meta";
import { nrm2, normalizeSignsInPlace } from "../kernels";
import { RitzPairs, thickRestartLanczos, Which } from "./lanczos";
import { lobpcgRun } from "./lobpcg";
import { isLaplacianLike } from "./lobpcg-preconditioner";
import { minresInto } from "./minres";
import {
  LDL_MAX_FLOPS,
  ldlFactor,
  LdlFactor,
  ldlLowerMulInPlace,
  ldlLowerSolveInPlace,
  ldlSolveInto,
  ldlUpperMulInPlace,
  ldlUpperSolveInPlace,
  reverseCuthillMcKee,
  SINGULAR_RTOL,
} from "./sparse-ldl";
import { luFactor, luSolveInto } from "./sparse-lu";
import { breadthFirstOrder, permutedMatvecInto, permuteSymmetric, poorLocality } from "./locality";
import { engineOf, rejectLocalOnly, SolverEngine } from "./engine";
import { csrAddScaled, diagonalOnly, maxAbsRowSum, OperatorInput, symmetricOperator, SymmetricOperator } from "./symmetric-operator";

export interface EigshOptions {
  /** Number of eigenpairs, 1 ≤ k < n (default 6, as scipy). */
  k?: number;
  /** Which end of the spectrum of the (transformed) operator: "SA" smallest algebraic, "LA" largest, "LM"
   * largest magnitude (default, as scipy), "SM" smallest magnitude (slow without sigma). */
  which?: Which;
  /** Shift-invert: eigenvalues nearest sigma (with the default which = "LM"). */
  sigma?: number;
  /** Symmetric positive definite B for A x = λ B x (Matrix or CsrMatrix; a diagonal one is cheapest). */
  B?: Matrix | CsrMatrix;
  /** Relative tolerance (default 1e-10; 0 means machine precision). Without sigma each pair satisfies
   * ‖C y − θ y‖ ≤ tol·‖C‖ on the (possibly B-transformed) operator C, ‖C‖ estimated by the largest Ritz value
   * magnitude seen: unlike ARPACK's ‖r‖ ≤ tol·|θ|, eigenvalues at or near 0 (a Laplacian's) are not held to an
   * absolute precision far below rounding. With sigma, C = (A − σB)⁻¹ and each pair satisfies ARPACK's
   * ‖C y − θ y‖ ≤ tol·|θ| (the Ritz vectors then purified by one more solve), which is ‖A x − λ B x‖ ≲
   * tol·‖A − σB‖: in every mode tol·‖A‖ (for |σ| ≲ ‖A‖) bounds the residual, so eigenvalues come to
   * ~tol·‖A‖ absolute (‖r‖²/gap for well-separated ones) and vectors to ‖r‖/gap. LOBPCG tests explicit
   * residuals, which cannot fall below rounding: it uses max(tol, 256·√n·ε)·‖A‖ (see LOBPCG_RESIDUAL_FLOOR). */
  tol?: number;
  /** Maximum restart cycles (Lanczos) or iterations (LOBPCG); default 10·n, as scipy. */
  maxIter?: number;
  /** Lanczos basis size, k < ncv ≤ n (default min(n, max(2k + 1, 20)), as scipy). */
  ncv?: number;
  /** Seed of the random start vector (default 0). Same seed, same result, bit for bit. */
  seed?: number;
  /** Start vector (overrides the seeded one). */
  v0?: ArrayLike<number>;
  /** "lanczos" (thick restart) or "lobpcg"; default: see DEFAULT_METHOD. */
  method?: "lanczos" | "lobpcg";
  /** LOBPCG preconditioner T ≈ C⁻¹ (LinearOperator, or a vector for a diagonal one). Default for a
   * Laplacian-like CSR A (off-diagonals ≤ 0) and "SA": a degree-6 Chebyshev polynomial in A; "none": none. */
  preconditioner?: LinearOperator | ArrayLike<number> | "none";
  /** Solve elsewhere: `mpi({ np, hosts, workdir })` runs SLEPc's Krylov–Schur under mpirun with the same k,
   * which, sigma, B, tol, maxIter and ncv (A and B must be a Matrix or CsrMatrix; seed, v0, method and
   * preconditioner belong to the built-in solver and are refused). */
  engine?: SolverEngine;
}

const EIGSH_OPTIONS = {
  k: opt.integer(1), which: opt.oneOf("SA", "LA", "LM", "SM"), sigma: opt.number(), B: opt.any, tol: opt.number(), maxIter: opt.integer(1),
  ncv: opt.integer(1), seed: opt.seed, v0: opt.any, method: opt.oneOf("lanczos", "lobpcg"), preconditioner: opt.any, engine: opt.any,
};
const WHICH: readonly Which[] = ["SA", "LA", "LM", "SM"];
const METHODS = ["lanczos", "lobpcg"] as const;

/**
 * Default method, also for the "k smallest of a graph Laplacian" case. Measured on the bench workload
 * (k = 10 smallest of a 10-NN normalized Laplacian, n = 10⁴, 2-core machine): thick-restart Lanczos ≈ 0.2–1.0 s
 * with ≈ 100–400 matvecs, our unpreconditioned LOBPCG 2–8 s with about as many matvecs. LOBPCG's per-iteration
 * dense work on a 3·(k + guard)-wide basis (Gram matrix, orthonormalization, Ritz updates: ~5·10⁷ flops at
 * n = 10⁴) outweighs its matvec savings unless a good preconditioner cuts the iteration count, so Lanczos is the
 * default and LOBPCG is opt-in (with `preconditioner`).
 */
const DEFAULT_METHOD = "lanczos";

/** Default relative tolerance (see EigshOptions.tol). */
export const EIGSH_DEFAULT_TOL = 1e-10;
const EPS = 2.220446049250313e-16;

interface Transformed {
  apply: (y: Float64Array, x: Float64Array) => void;
  /** θ → λ */
  value: (theta: number) => number;
  /** y → x, in place on a length-n vector. */
  vectorInPlace?: (y: Float64Array) => void;
  applyB?: (y: Float64Array, x: Float64Array) => void;
  solver: string;
  extra: Record<string, unknown>;
  /** C = (A − σB)⁻¹ (or its B-symmetric form): pairs converge by ARPACK's per-pair test ‖r‖ ≤ tol·|θ|. */
  shiftInvert?: boolean;
  /** Purify the Ritz vectors by one exact application of C (direct shift-invert; see purifyInPlace). */
  purify?: boolean;
  /** The core solved C/scale (see rescaled). */
  scale?: number;
}

/**
 * Operators whose norm is far from 1 (entries near 1e±300) would overflow or underflow in the dot products
 * and in the small dense eigensolver; one probe ‖C v0‖/‖v0‖ decides, and only then the core solves C/scale
 * (values are scaled back). Ordinary inputs are left untouched, so their results do not change by a bit.
 */
function rescaled(T: Transformed, v0: Float64Array, n: number): (y: Float64Array, x: Float64Array) => void {
  T.scale = 1;
  const y = new Float64Array(n);
  const x = Float64Array.from(v0);
  const nx = nrm2(x);
  if (!(nx > 0)) return T.apply;
  T.apply(y, x);
  const s = nrm2(y) / nx;
  if (!(s > 0) || !Number.isFinite(s) || (s > 1e-100 && s < 1e100)) return T.apply;
  T.scale = s;
  const inv = 1 / s;
  return (out, v) => {
    T.apply(out, v);
    for (let i = 0; i < n; i++) out[i] *= inv;
  };
}

/**
 * The k eigenpairs of a symmetric (sparse, dense or matrix-free) A at one end of the spectrum ("LM", "SA", "LA",
 * "SM"), or nearest `sigma` by shift-invert, or of the generalized problem A x = λ B x: thick-restart Lanczos or
 * LOBPCG (scipy.sparse.linalg.eigsh's interface).
 *
 * @example
 * ```ts
 * // the path graph on 10 nodes: Laplacian eigenvalues 2 − 2cos(jπ/10)
 * const L = graph.laplacian(graph.fromEdges(10, Array.from({ length: 9 }, (_, i) => [i, i + 1])));
 * const S = linalg.eigsh(L, { k: 3, which: "SA", seed: 0 });
 * S.values; // => [0, 2 - 2 * Math.cos(Math.PI / 10), 2 - 2 * Math.cos(Math.PI / 5)]
 * linalg.eigsh(L, { k: 1, sigma: 0.9, seed: 0 }).values; // => [2 - 2 * Math.cos((3 * Math.PI) / 10)]
 * // the same problem by SLEPc on 2 MPI processes (needs openmpi-bin and python3-slepc4py-real)
 * const P = linalg.eigsh(L, { k: 3, which: "SA", engine: mpi({ np: 2 }) });
 * Math.abs(P.values[1] - S.values[1]) < 1e-9; // => true
 * P.meta.processes; // => 2
 * ```
 */
export function eigsh(A: OperatorInput, opts: EigshOptions = {}): Spectrum {
  return eigshOf(A, opts, false);
}

/**
 * eigsh for internal callers (graph/eigenpairs: cluster.spectral, embed.spectral, ncut, diffusionMap, eigenvector
 * centrality) on a CsrMatrix they built from, or that is, a graph already checked at their public boundary
 * (finite, symmetric): its O(nnz) finiteness pass and the symmetry check (a transpose-like scan of the whole
 * matrix) are skipped. Not exported from the linalg barrel: users' matrices always go through `eigsh`.
 */
export function eigshChecked(A: CsrMatrix, opts: EigshOptions): Spectrum {
  return eigshOf(A, opts, true);
}

function eigshOf(A: OperatorInput, opts: EigshOptions, checked: boolean): Spectrum {
  checkOptions("linalg.eigsh", opts, EIGSH_OPTIONS);
  const t0 = performance.now();
  const Aop = symmetricOperator(A, "A", "linalg.eigsh", checked);
  const n = Aop.n;
  const k = opts.k ?? 6;
  checkK(k, n, "linalg.eigsh");
  const which = checkChoice("linalg.eigsh", "which", opts.which ?? "LM", WHICH);
  if (opts.engine !== undefined) return eigshByEngine(Aop, k, which, opts);
  const method = checkChoice("linalg.eigsh", "method", opts.method ?? DEFAULT_METHOD, METHODS);
  const tolIn = opts.tol ?? EIGSH_DEFAULT_TOL;
  checkTolerance(tolIn);
  const tol = Math.max(tolIn, EPS);
  const maxIter = opts.maxIter ?? 10 * n;
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new EigenlabError("bad-option", message.badMaxIter(opts.maxIter));
  const ncv = opts.ncv ?? Math.min(n, Math.max(2 * k + 1, 20));
  if (!Number.isInteger(ncv) || ncv <= k || ncv > n) throw new EigenlabError("bad-option", message.badNcv(opts.ncv, k, n));
  const seed = opts.seed ?? 0;
  const rng = new Rng(seed);
  const sigma = opts.sigma;
  if (sigma !== undefined && !(typeof sigma === "number" && Number.isFinite(sigma))) {
    throw new EigenlabError("bad-option", message.badSigma(sigma));
  }
  const v0 = new Float64Array(n);
  if (opts.v0 !== undefined) {
    if (opts.v0.length !== n) throw new EigenlabError("shape", message.vectorLength("v0", opts.v0.length, n));
    v0.set(opts.v0);
    checkFinite("v0", v0);
  } else rng.fillNormal(v0);
  if (method === "lobpcg") {
    if (sigma !== undefined) throw new EigenlabError("bad-option", message.lobpcgSigma());
    if (which !== "SA" && which !== "LA") throw new EigenlabError("bad-option", message.lobpcgWhich(which));
    if (3 * k >= n) throw new EigenlabError("k-too-large", message.lobpcgBlockTooLarge(k, n));
  }

  // "SM" on an explicit matrix: shift-invert at 0 turns the smallest |λ| into the largest |θ| = 1/|λ|, which
  // Lanczos finds in a few cycles instead of hunting interior eigenvalues (the route scipy's documentation
  // recommends). A singular A (a graph Laplacian) cannot be inverted: then plain Lanczos on |θ| it is.
  let T: Transformed | undefined;
  let lanczosWhich = which;
  if (which === "SM" && sigma === undefined && method === "lanczos" && Aop.kind !== "operator") {
    try {
      T = transform(Aop, opts.B, 0, tol);
      T.solver += "(SM)";
      lanczosWhich = "LM";
    } catch (e) {
      if (!(e instanceof EigenlabError && e.code === "singular")) throw e;
    }
  }
  T ??= transform(Aop, opts.B, sigma, tol);
  // Plain Lanczos on a large CSR matrix whose order scatters the matvec's reads of x: solve P A Pᵀ in a
  // breadth-first order instead (see locality.ts), with the start vector permuted alike so the Krylov space is
  // the same one; the Ritz vectors are permuted back below.
  let order: Int32Array | undefined;
  let Tsolve = T;
  let v0solve = v0;
  if (method === "lanczos" && T.solver === "" && Aop.kind === "csr" && Aop.csr && poorLocality(Aop.csr)) {
    order = breadthFirstOrder(Aop.csr);
    const P = permuteSymmetric(Aop.csr, order);
    Tsolve = { ...T, apply: (y, x) => permutedMatvecInto(y, P, x) };
    v0solve = new Float64Array(n);
    for (let i = 0; i < n; i++) v0solve[i] = v0[order[i]];
    T.extra.reordered = "breadth-first";
  }
  const apply = rescaled(Tsolve, v0solve, n);
  T.scale = Tsolve.scale;
  let pairs: RitzPairs;
  try {
    pairs =
      method === "lanczos"
        ? thickRestartLanczos(apply, n, { k, which: lanczosWhich, tol, maxIter, ncv, v0: v0solve, rng: rng.stream(1), perPair: T.shiftInvert === true })
        : lobpcgRun(apply, n, { k, largest: which === "LA", tol, maxIter, v0, rng: rng.stream(1), preconditioner: preconditionerOf(opts.preconditioner, n), chebyshev: lobpcgDefaultPreconditioner(Aop, opts), ...(T.scale === 1 && sigma === undefined ? { csr: Aop.csr } : {}) });
  } catch (e) {
    if (e instanceof EigenlabError) throw e;
    throw new EigenlabError("nan", message.operatorNotFinite(opts.B || sigma !== undefined ? "The transformed operator" : "A"));
  }
  if (order) {
    unpermuteInPlace(pairs.vectors, order, n);
    if (pairs.best) unpermuteInPlace(pairs.best.vectors, order, n);
  }

  const scale = T.scale ?? 1;
  if (scale !== 1) {
    for (let i = 0; i < pairs.values.length; i++) pairs.values[i] *= scale;
    if (pairs.best) for (let i = 0; i < pairs.best.values.length; i++) pairs.best.values[i] *= scale;
    pairs.normEstimate *= scale;
  }
  const solver = `eigsh:${method === "lanczos" ? "lanczos-thick-restart" : "lobpcg"}${T.solver}`;
  if (T.purify) purifyInPlace(pairs, T.apply, n);
  const found = backTransform(pairs, T, Aop, n);
  const meta: ResultMeta = stamp({
    solver,
    inputShape: [n, n],
    inputHash: Aop.hash,
    inputPrecision: Aop.inputDtype,
    seed,
    tol,
    iterations: pairs.iterations,
    converged: found.values.length,
    residualNorms: Array.from(found.residuals),
    which,
    k,
    ...(method === "lanczos" ? { ncv } : {}),
    matvecs: pairs.matvecs,
    normEstimate: pairs.normEstimate,
    ...(sigma !== undefined ? { sigma } : {}),
    ...T.extra,
    timeMs: performance.now() - t0,
  });
  if (pairs.converged < k) {
    let best: { values: Float64Array; vectors: { rows: number; cols: number; data: Float64Array }; residuals: Float64Array } | undefined;
    if (pairs.best) {
      const b = backTransform({ ...pairs, ...pairs.best, best: undefined }, T, Aop, n);
      best = { values: b.values, vectors: { rows: n, cols: b.values.length, data: b.vectors.data }, residuals: b.residuals };
    }
    const text = best ? message.eigshNoConvergenceBest : message.eigshNoConvergence;
    throw new ConvergenceError(text(solver, pairs.converged, k, pairs.iterations, tol), {
      values: found.values,
      vectors: { rows: n, cols: found.values.length, data: found.vectors.data },
      residuals: found.residuals,
      iterations: pairs.iterations,
      ...(best ? { best } : {}),
    });
  }
  return new Spectrum({
    values: found.values,
    vectors: found.vectors,
    residuals: found.residuals,
    iterations: pairs.iterations,
    converged: k,
    meta,
  });
}

/** Vectors (contiguous, each of length n) solved in the order `order` back to the input's: x[order[i]] = xp[i]. */
function unpermuteInPlace(vectors: Float64Array, order: Int32Array, n: number): void {
  const tmp = new Float64Array(n);
  for (let o = 0; o + n <= vectors.length; o += n) {
    const v = vectors.subarray(o, o + n);
    for (let i = 0; i < n; i++) tmp[order[i]] = v[i];
    v.set(tmp);
  }
}

/** eigsh handed to an engine (e.g. SLEPc under MPI): the same checks on k, which, tol, sigma, B and ncv. */
function eigshByEngine(Aop: SymmetricOperator, k: number, which: Which, opts: EigshOptions): Spectrum {
  const fn = "linalg.eigsh";
  const engine = engineOf(fn, opts.engine);
  rejectLocalOnly(fn, engine, opts, ["seed", "v0", "method", "preconditioner"]);
  if (Aop.kind === "operator") throw new EigenlabError("bad-input", message.engineNeedsMatrix(fn, engine.name, "A"));
  const n = Aop.n;
  const tol = opts.tol ?? EIGSH_DEFAULT_TOL;
  checkTolerance(tol);
  const sigma = opts.sigma;
  if (sigma !== undefined && !(typeof sigma === "number" && Number.isFinite(sigma))) throw new EigenlabError("bad-option", message.badSigma(sigma));
  if (sigma !== undefined && which !== "LM") throw new EigenlabError("bad-option", message.engineSigmaWhich(engine.name, which));
  const maxIter = opts.maxIter ?? 10 * n;
  if (opts.ncv !== undefined && (opts.ncv <= k || opts.ncv > n)) throw new EigenlabError("bad-option", message.badNcv(opts.ncv, k, n));
  let B: CsrMatrix | undefined;
  let hash = Aop.hash;
  if (opts.B !== undefined) {
    if (!(opts.B instanceof Matrix) && !(opts.B instanceof CsrMatrix)) throw new EigenlabError("bad-option", message.bNotSupported(typeof opts.B === "object" && opts.B !== null ? (opts.B as object).constructor?.name ?? "object" : typeof opts.B));
    const Bop = symmetricOperator(opts.B, "B", fn);
    if (Bop.n !== n) throw new EigenlabError("shape", message.bShape([Bop.n, Bop.n], n));
    B = Bop.csr ?? CsrMatrix.fromDense(Bop.dense as Matrix);
    hash += "+" + Bop.hash;
  }
  const A = Aop.csr ?? CsrMatrix.fromDense(Aop.dense as Matrix);
  return engine.eigsh({ A, ...(B ? { B } : {}), k, which, ...(sigma !== undefined ? { sigma } : {}), tol: Math.max(tol, EPS), maxIter, ...(opts.ncv !== undefined ? { ncv: opts.ncv } : {}), inputHash: hash });
}

/**
 * LOBPCG's default preconditioner (no `preconditioner` given, no B): the Chebyshev polynomial of
 * lobpcg-preconditioner.ts, for a Laplacian-like CSR A (where Jacobi is useless: a normalized Laplacian's
 * diagonal is 1). `preconditioner: "none"` turns it off.
 */
function lobpcgDefaultPreconditioner(Aop: SymmetricOperator, opts: EigshOptions): boolean {
  return opts.preconditioner === undefined && opts.B === undefined && Aop.csr !== undefined && isLaplacianLike(Aop.csr);
}

function preconditionerOf(M: LinearOperator | ArrayLike<number> | "none" | undefined, n: number): ((z: Float64Array, r: Float64Array) => void) | undefined {
  if (M === undefined || M === "none") return undefined;
  if (typeof M === "string") throw new EigenlabError("bad-option", message.preconditionerName(M));
  if (typeof M === "object" && "matvec" in M && typeof (M as LinearOperator).matvec === "function") {
    const op = M as LinearOperator;
    if (op.shape[0] !== n || op.shape[1] !== n) throw new EigenlabError("shape", message.preconditionerShape(op.shape, n));
    return (z, r) => z.set(op.matvec(r));
  }
  const d = Float64Array.from(M as ArrayLike<number>);
  if (d.length !== n) throw new EigenlabError("shape", message.vectorLength("preconditioner (diagonal)", d.length, n));
  checkFinite("preconditioner", d);
  return (z, r) => {
    for (let i = 0; i < n; i++) z[i] = d[i] * r[i];
  };
}

/** The factor G of B = G Gᵀ, as four in-place maps. */
interface BFactor {
  applyB: (y: Float64Array, x: Float64Array) => void;
  /** y ← G y, y ← Gᵀ y, y ← G⁻¹ y, y ← G⁻ᵀ y */
  g: (y: Float64Array) => void;
  gT: (y: Float64Array) => void;
  gInv: (y: Float64Array) => void;
  gInvT: (y: Float64Array) => void;
  csr: CsrMatrix;
  kind: string;
  hash: string;
}

function factorB(Bin: unknown, n: number): BFactor {
  if (!(Bin instanceof Matrix) && !(Bin instanceof CsrMatrix)) {
    throw new EigenlabError("bad-option", message.bNotSupported(Bin === null ? "null" : typeof Bin === "object" ? (Bin as object).constructor?.name ?? "object" : typeof Bin));
  }
  const Bop = symmetricOperator(Bin, "B", "linalg.eigsh");
  if (Bop.n !== n) throw new EigenlabError("shape", message.bShape([Bop.n, Bop.n], n));
  const csr = Bop.csr ?? CsrMatrix.fromDense(Bop.dense as Matrix);
  const diag = diagonalOnly(csr);
  if (diag) {
    const root = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (!(diag[i] > 0)) throw new EigenlabError("not-spd", message.bNotSpd(i, diag[i]));
      root[i] = Math.sqrt(diag[i]);
    }
    const mul = (y: Float64Array) => {
      for (let i = 0; i < n; i++) y[i] *= root[i];
    };
    const div = (y: Float64Array) => {
      for (let i = 0; i < n; i++) y[i] /= root[i];
    };
    return { applyB: (y, x) => { for (let i = 0; i < n; i++) y[i] = diag[i] * x[i]; }, g: mul, gT: mul, gInv: div, gInvT: div, csr, kind: "diagonal", hash: Bop.hash };
  }
  const out = ldlFactor(csr);
  if (!out.ok) throw new EigenlabError("not-spd", out.reason === "pivot" ? message.bNotSpd(out.pivot, out.value) : message.bNotSpd(-1, NaN));
  const F = out.factor;
  for (let i = 0; i < n; i++) if (!(F.D[i] > 0)) throw new EigenlabError("not-spd", message.bNotSpd(F.perm[i], F.D[i]));
  const sqrtD = F.D.map(Math.sqrt);
  const w = new Float64Array(n);
  const { perm } = F;
  // G = Pᵀ L D^{1/2}, where (P x)[k] = x[perm[k]].
  return {
    applyB: Bop.applyInto,
    g: (y) => {
      for (let i = 0; i < n; i++) w[i] = y[i] * sqrtD[i];
      ldlLowerMulInPlace(F, w);
      for (let i = 0; i < n; i++) y[perm[i]] = w[i];
    },
    gT: (y) => {
      for (let i = 0; i < n; i++) w[i] = y[perm[i]];
      ldlUpperMulInPlace(F, w);
      for (let i = 0; i < n; i++) y[i] = w[i] * sqrtD[i];
    },
    gInv: (y) => {
      for (let i = 0; i < n; i++) w[i] = y[perm[i]];
      ldlLowerSolveInPlace(F, w);
      for (let i = 0; i < n; i++) y[i] = w[i] / sqrtD[i];
    },
    gInvT: (y) => {
      for (let i = 0; i < n; i++) w[i] = y[i] / sqrtD[i];
      ldlUpperSolveInPlace(F, w);
      for (let i = 0; i < n; i++) y[perm[i]] = w[i];
    },
    csr,
    kind: `ldl-rcm(nnzL=${F.Lp[n]})`,
    hash: Bop.hash,
  };
}

/**
 * Backward error a solve may show before the unpivoted LDLᵀ counts as unstable and the pivoted LU takes over:
 * a stable solve gives η = ‖b − M x̂‖∞ / (‖M‖∞‖x̂‖∞ + ‖b‖∞) of a few ε; 1e-12 lets through element growth up to
 * ~10³ (harmless at every tolerance above it) and catches the small-pivot blow-ups of an indefinite A − σI.
 */
const SOLVE_BACKWARD_RTOL = 1e-12;

type ShiftedSolve = { ok: true; solve: (y: Float64Array, x: Float64Array) => void; kind: string };

/**
 * Direct solver of the explicit symmetric M = A − σB, stable for indefinite M, or `ok: false` when the fill
 * is too large. Unpivoted sparse LDLᵀ first (half the storage and work of an LU, and stable for the generic
 * shift); a zero/tiny pivot or a test solve with backward error above SOLVE_BACKWARD_RTOL sends M to the
 * threshold-pivoted sparse LU (sparse-lu.ts) in the same RCM order, as SciPy's SuperLU would solve it. A
 * truly singular shift (σ on an eigenvalue to working precision) is reported when the pivoted LU meets a
 * zero pivot, or when two inverse-iteration solves show ‖M⁻¹‖·‖M‖ > 1/SINGULAR_RTOL — pivots alone are not
 * a reliable singularity test, the solve is.
 */
function factorShifted(M: CsrMatrix, sigma: number): ShiftedSolve | { ok: false; nnz: number } {
  const n = M.rows;
  const norm = maxAbsRowSum(M);
  const work = new Float64Array(n);
  const perm = reverseCuthillMcKee(M);
  const probe = new Float64Array(n);
  new Rng(0x5eed).fillNormal(probe);
  const x = new Float64Array(n);
  const r = new Float64Array(n);
  /** Backward error of the solve of M x = probe. */
  const backwardError = (solve: (y: Float64Array, b: Float64Array) => void): number => {
    solve(x, probe);
    M.matvecInto(r, x);
    let rmax = 0, xmax = 0, bmax = 0;
    for (let i = 0; i < n; i++) {
      rmax = Math.max(rmax, Math.abs(probe[i] - r[i]));
      xmax = Math.max(xmax, Math.abs(x[i]));
      bmax = Math.max(bmax, Math.abs(probe[i]));
    }
    const eta = rmax / (norm * xmax + bmax);
    return Number.isFinite(eta) ? eta : Infinity;
  };
  let chosen: ShiftedSolve | undefined;
  const ldl = ldlFactor(M, perm, LDL_MAX_FLOPS);
  if (!ldl.ok && ldl.reason === "fill") return { ok: false, nnz: ldl.nnzL };
  if (ldl.ok) {
    const F: LdlFactor = ldl.factor;
    const solve = (y: Float64Array, b: Float64Array) => ldlSolveInto(y, F, b, work);
    if (backwardError(solve) <= SOLVE_BACKWARD_RTOL) chosen = { ok: true, solve, kind: `ldl-rcm(nnzL=${F.Lp[n]})` };
  }
  if (!chosen) {
    const lu = luFactor(M, perm, 4 * LDL_MAX_FLOPS);
    if (!lu.ok) {
      if (lu.reason === "fill") return { ok: false, nnz: lu.nnz };
      throw new EigenlabError("singular", message.sigmaSingular(sigma, lu.pivot, lu.value));
    }
    const F = lu.factor;
    const solve = (y: Float64Array, b: Float64Array) => luSolveInto(y, F, b, work);
    backwardError(solve);
    chosen = { ok: true, solve, kind: `lu-rcm(nnzL+U=${F.Lp[n] + F.Up[n]})` };
  }
  // ‖M⁻¹‖₂ from a second inverse-iteration step on the probe's solution x (already in place).
  const xn = nrm2(x);
  if (!(xn > 0) || !Number.isFinite(xn)) throw new EigenlabError("singular", message.sigmaSingularCond(sigma, Infinity));
  for (let i = 0; i < n; i++) r[i] = x[i] / xn;
  chosen.solve(x, r);
  const inverseNorm = nrm2(x);
  if (!(inverseNorm * norm <= 1 / SINGULAR_RTOL)) throw new EigenlabError("singular", message.sigmaSingularCond(sigma, inverseNorm));
  return chosen;
}

/** (A − σB)⁻¹ as y = solve(x): sparse LDLᵀ (or pivoted LU) for explicit A, MINRES for a LinearOperator. */
function shiftedSolver(Aop: SymmetricOperator, sigma: number, Bf: BFactor | undefined, tol: number): { solve: (y: Float64Array, x: Float64Array) => void; kind: string } {
  const n = Aop.n;
  let fallback = "";
  if (Aop.kind !== "operator") {
    const Acsr = Aop.csr ?? CsrMatrix.fromDense(Aop.dense as Matrix);
    const shifted = csrAddScaled(Acsr, -sigma, Bf ? Bf.csr : CsrMatrix.identity(n));
    const direct = factorShifted(shifted, sigma);
    if (direct.ok) return direct;
    // Too much fill for a direct factorization (RCM on an expander-like graph): solve iteratively instead.
    fallback = `(factorization would need ${direct.nnz} entries)`;
  }
  const Bx = new Float64Array(n);
  const applyShifted = (y: Float64Array, x: Float64Array) => {
    Aop.applyInto(y, x);
    if (Bf) {
      Bf.applyB(Bx, x);
      for (let i = 0; i < n; i++) y[i] -= sigma * Bx[i];
    } else for (let i = 0; i < n; i++) y[i] -= sigma * x[i];
  };
  // The inner solves must be an order of magnitude tighter than the outer tolerance for Lanczos to see a
  // consistent operator (Simoncini & Eldén 2002 discuss the inexact case).
  const rtol = Math.max(tol * 1e-2, 10 * EPS);
  return {
    solve: (y, x) => {
      y.fill(0);
      const run = minresInto(y, applyShifted, x, rtol, 20 * n);
      if (!run.converged) throw new EigenlabError("no-convergence", message.innerSolveFailed(sigma, run.iterations));
    },
    kind: `minres${fallback}`,
  };
}

function transform(Aop: SymmetricOperator, Bin: unknown, sigma: number | undefined, tol: number): Transformed {
  const n = Aop.n;
  const Bf = Bin !== undefined ? factorB(Bin, n) : undefined;
  const extra: Record<string, unknown> = {};
  if (Bf) extra.B = Bf.kind;
  if (Bf) extra.bHash = Bf.hash;
  if (sigma === undefined) {
    if (!Bf) return { apply: Aop.applyInto, value: (t) => t, solver: "", extra };
    const u = new Float64Array(n);
    return {
      apply: (y, x) => {
        u.set(x);
        Bf.gInvT(u);
        Aop.applyInto(y, u);
        Bf.gInv(y);
      },
      value: (t) => t,
      vectorInPlace: Bf.gInvT,
      applyB: Bf.applyB,
      solver: ":generalized-cholesky",
      extra,
    };
  }
  const inner = shiftedSolver(Aop, sigma, Bf, tol);
  extra.factorization = inner.kind;
  const value = (t: number) => sigma + 1 / t;
  const purify = !inner.kind.startsWith("minres");
  if (!Bf) return { apply: inner.solve, value, solver: ":shift-invert", extra, shiftInvert: true, purify };
  const u = new Float64Array(n);
  return {
    apply: (y, x) => {
      u.set(x);
      Bf.g(u);
      inner.solve(y, u);
      Bf.gT(y);
    },
    value,
    vectorInPlace: Bf.gInvT,
    applyB: Bf.applyB,
    solver: ":generalized-shift-invert",
    extra,
    shiftInvert: true,
    purify,
  };
}

/**
 * Shift-invert Ritz vector purification (Ericsson & Ruhe 1980; ARPACK's dseupd does it for mode 3): y ← C y,
 * normalized. The Lanczos relation holds to ε‖C‖ = ε/dist(σ, λ(A)), and that rounding leaves in every Ritz
 * vector components of size ≈ ε‖C‖/|θ_i| along eigenvectors far from σ, where they cost most in
 * ‖A x − λ x‖ (≈ ‖A‖ each): with σ 1e-6 from an eigenvalue they held the other pairs to ~1e-10 in λ-space
 * whatever the tolerance. One application of C scales a component along eigenvector j by θ_j/θ_i, which is
 * small exactly for those far eigenvectors. Then Gram–Schmidt in order of decreasing |θ| (the most accurate
 * vector first) restores orthonormality. Costs one solve per pair; skipped with inexact (MINRES) solves,
 * whose error ≈ rtol·‖C‖ would be amplified instead.
 */
function purifyInPlace(pairs: RitzPairs, apply: (y: Float64Array, x: Float64Array) => void, n: number): void {
  const cnt = pairs.values.length;
  if (cnt === 0) return;
  const order = Array.from({ length: cnt }, (_, i) => i).sort((a, b) => Math.abs(pairs.values[b]) - Math.abs(pairs.values[a]) || a - b);
  const V = pairs.vectors;
  const out = new Float64Array(cnt * n);
  const y = new Float64Array(n);
  for (let a = 0; a < cnt; a++) {
    const i = order[a];
    apply(y, V.subarray(i * n, i * n + n));
    const z = out.subarray(i * n, i * n + n);
    z.set(y);
    for (let pass = 0; pass < 2; pass++) {
      for (let b = 0; b < a; b++) {
        const u = out.subarray(order[b] * n, order[b] * n + n);
        let d = 0;
        for (let t = 0; t < n; t++) d += u[t] * z[t];
        for (let t = 0; t < n; t++) z[t] -= d * u[t];
      }
    }
    const nz = nrm2(z);
    if (!(nz > 0) || !Number.isFinite(nz)) return; // keep the unpurified vectors (cannot happen for a valid C)
    for (let t = 0; t < n; t++) z[t] /= nz;
  }
  V.set(out);
}

/** Maps Ritz pairs back to (λ, x), sorts ascending, fixes signs, and measures ‖A x − λ B x‖ explicitly. */
function backTransform(pairs: RitzPairs, T: Transformed, Aop: SymmetricOperator, n: number): { values: Float64Array; vectors: Matrix; residuals: Float64Array } {
  const cnt = pairs.values.length;
  const lambda = Array.from(pairs.values, T.value);
  const idx = Array.from({ length: cnt }, (_, i) => i).sort((a, b) => lambda[a] - lambda[b] || a - b);
  const values = new Float64Array(cnt);
  const vecs = new Float64Array(cnt * n);
  for (let c = 0; c < cnt; c++) {
    values[c] = lambda[idx[c]];
    const v = vecs.subarray(c * n, c * n + n);
    v.set(pairs.vectors.subarray(idx[c] * n, idx[c] * n + n));
    if (T.vectorInPlace) T.vectorInPlace(v);
  }
  normalizeSignsInPlace(vecs, n, cnt);
  const residuals = new Float64Array(cnt);
  const Ax = new Float64Array(n);
  const Bx = new Float64Array(n);
  for (let c = 0; c < cnt; c++) {
    const v = vecs.subarray(c * n, c * n + n);
    Aop.applyInto(Ax, v);
    if (T.applyB) T.applyB(Bx, v);
    else Bx.set(v);
    for (let i = 0; i < n; i++) Ax[i] -= values[c] * Bx[i];
    residuals[c] = nrm2(Ax);
  }
  return { values, vectors: columnsToMatrix(vecs, n, cnt), residuals };
}
