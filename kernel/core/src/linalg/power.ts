/**
 * `linalg.powerIteration` (the dominant eigenpair of a square operator) and `linalg.oja` (the streaming
 * estimate of the top-k principal directions of a sequence of samples).
 */
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { ConvergenceError, EigenlabError } from "../errors";
import { message } from "../messages";
import { LinearOperator, isLinearOperator } from "../operator";
import { checkChoice, checkFinite, checkOptions, checkTolerance } from "../validate";
import { opt } from "../validate/options";
import { checkSeed, Rng } from "../random";
import { hashArrays, ResultMeta, stamp } from "../meta";
import { displayBundle, JUPYTER_DISPLAY, MimeBundle } from "../display";
import { dot, normalizeColumnSignsInPlace, normalizeSignsInPlace, nrm2, scalInto } from "../kernels";
import { qrFactors } from "./qr";
import { asOperatorInput } from "../validate/inputs";

export interface PowerIterationOptions {
  /** Stop when ‖Av − λv‖ ≤ tol·|λ| (default 1e-10). */
  tol?: number;
  /** Most iterations before a ConvergenceError (default 1000). */
  maxIter?: number;
  /** Seed of the starting vector (default 0). */
  seed?: number;
}

export interface PowerIterationResult {
  /** The eigenvalue of largest magnitude (Rayleigh quotient vᵀAv). */
  value: number;
  /** Unit eigenvector, largest-magnitude entry positive. */
  vector: Float64Array;
  iterations: number;
  residual: number;
  /** Rayleigh quotient after every iteration. */
  history: Float64Array;
  meta: ResultMeta;
}

/**
 * Power iteration v ← Av/‖Av‖ from a seeded Gaussian start (von Mises 1929; Golub & Van Loan §7.3.1).
 * Converges at rate |λ₂/λ₁| to the eigenvalue of largest magnitude; the Rayleigh quotient is the estimate
 * (for symmetric A its error is O(|λ₂/λ₁|^{2t})). Throws ConvergenceError carrying the last iterate.
 *
 * @example
 * ```ts
 * const r = linalg.powerIteration(Matrix.diag([1, 2, 5]), { seed: 0 });
 * r.value; // => 5
 * r.vector.map((x) => Math.round(x * 1e6) / 1e6); // => [0, 0, 1]
 * ```
 */
export function powerIteration(A: Matrix | CsrMatrix | LinearOperator, opts: PowerIterationOptions = {}): PowerIterationResult {
  const fn = "linalg.powerIteration";
  A = asOperatorInput(fn, "A", A) as Matrix | CsrMatrix | LinearOperator;
  checkOptions(fn, opts, { tol: opt.number(), maxIter: opt.integer(1), seed: opt.seed });
  if (!(A instanceof Matrix) && !isLinearOperator(A)) throw new EigenlabError("bad-input", message.notOperator(fn));
  const [n, c] = A.shape;
  if (n !== c) throw new EigenlabError("not-square", message.notSquare("A", n, c));
  if (n === 0) throw new EigenlabError("shape", message.emptyMatrix(fn, n, c));
  if (A instanceof Matrix) checkFinite("A", A.data);
  if (A instanceof CsrMatrix) checkFinite("A", A.values);
  const tol = opts.tol ?? 1e-10;
  checkTolerance(tol);
  const maxIter = opts.maxIter ?? 1000;
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new EigenlabError("bad-option", message.badPositive(fn, "maxIter", maxIter));
  const seed = opts.seed === undefined ? 0 : checkSeed(opts.seed);
  const t0 = performance.now();
  let v = new Rng(seed).fillNormal(new Float64Array(n));
  scalInto(v, 1 / nrm2(v));
  const history: number[] = [];
  let lambda = 0;
  let residual = Infinity;
  let it = 0;
  while (it < maxIter) {
    it++;
    const w = A.matvec(v);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(w[i])) throw new EigenlabError("nan", message.matvecNotFinite(fn, it, i, w[i]));
    }
    lambda = dot(v, w);
    history.push(lambda);
    let r = 0;
    for (let i = 0; i < n; i++) r += (w[i] - lambda * v[i]) ** 2;
    residual = Math.sqrt(r) / Math.max(Math.abs(lambda), 1e-300);
    const nw = nrm2(w);
    if (nw === 0) {
      residual = 0; // A v = 0: v is an eigenvector for 0, the largest magnitude when A = 0
      break;
    }
    if (residual <= tol) break;
    scalInto(w, 1 / nw);
    v = w;
  }
  normalizeSignsInPlace(v, v.length, 1);
  const meta: ResultMeta = stamp({
    solver: "power-iteration",
    inputShape: [n, n],
    inputHash: A instanceof Matrix ? hashArrays(A.data) : undefined,
    seed,
    tol,
    iterations: it,
    converged: residual <= tol ? 1 : 0,
    residualNorms: [residual * Math.abs(lambda)],
    timeMs: performance.now() - t0,
  });
  if (residual > tol) {
    throw new ConvergenceError(message.powerNoConvergence(maxIter, residual, tol), {
      values: Float64Array.of(lambda),
      vectors: { rows: n, cols: 1, data: v },
      residuals: Float64Array.of(residual * Math.abs(lambda)),
      iterations: it,
    });
  }
  return { value: lambda, vector: v, iterations: it, residual: residual * Math.abs(lambda), history: Float64Array.from(history), meta };
}

export interface OjaOptions {
  /** Number of principal directions (default 1). */
  k?: number;
  /** η₀ of the step size η_t = η₀ / (1 + decay·t) (default 0.01). */
  learningRate?: number;
  /** Step-size decay (default 0: constant step). 1/t-type decay (e.g. 1/n) gives convergence, not just tracking. */
  decay?: number;
  /** Seed of the starting directions (default 0). */
  seed?: number;
  /**
   * "given" streams the rows as they come; "shuffle" visits a Matrix's rows in a seeded random order (a new one
   * each epoch); a permutation of 0..rows−1 visits a Matrix's rows in that order (every epoch), e.g. an
   * adversarial order for studying order dependence (Kacham & Woodruff, NeurIPS 2024).
   */
  order?: "given" | "shuffle" | ArrayLike<number>;
  /** Passes over a Matrix (default 1; a stream is read once). */
  epochs?: number;
  /** Record the history every this many samples (default 100). */
  historyEvery?: number;
  /**
   * A reference direction r (e.g. the exact top eigenvector of XᵀX from eigsh) to score the estimate against
   * while it streams: `history.correlation` gets ‖Wᵀr‖/‖r‖ at every recorded t (|⟨w, r⟩|/‖r‖ for k = 1).
   */
  reference?: ArrayLike<number>;
}

/**
 * The result of `linalg.oja`.
 *
 * @example
 * ```ts
 * const r = linalg.oja(Matrix.from([[1, 0], [2, 0], [3, 0]]), { k: 1, seed: 0, learningRate: 0.1, epochs: 20 });
 * r instanceof linalg.OjaResult; // => true
 * // 3 rows × 20 epochs
 * r.samples; // => 60
 * Math.abs(r.vectors.get(0, 0)); // => 1
 * ```
 */
export class OjaResult {
  /** d×k orthonormal estimate of the top-k principal directions (column signs normalized). */
  readonly vectors: Matrix;
  /**
   * Variance along each direction: wᵀ(XᵀX/N)w over all rows for a Matrix input, the mean of (xᵀw)² over
   * the last history window for a stream.
   */
  readonly values: Float64Array;
  /** Samples seen. */
  readonly samples: number;
  /**
   * At sample counts `t`: the windowed mean of (xᵀw_j)² per direction, the step size and, when a `reference`
   * was given, the correlation ‖Wᵀr‖/‖r‖ of the estimate with it.
   */
  readonly history: { t: number[]; values: number[][]; learningRate: number[]; correlation?: number[] };
  readonly meta: ResultMeta;
  constructor(init: { vectors: Matrix; values: Float64Array; samples: number; history: OjaResult["history"]; meta: ResultMeta }) {
    this.vectors = init.vectors;
    this.values = init.values;
    this.samples = init.samples;
    this.history = init.history;
    this.meta = init.meta;
  }
  toString(): string {
    return `Oja estimate of ${this.vectors.cols} principal direction(s) in ${this.vectors.rows} dimensions after ${this.samples} samples; variances [${Array.from(this.values, (v) => v.toPrecision(5)).join(", ")}].`;
  }
  [JUPYTER_DISPLAY](): MimeBundle {
    return displayBundle("oja", this, this.toString());
  }
}

/**
 * Oja's rule (Oja, J. Math. Biol. 15, 1982) in its subspace form with QR re-orthonormalization, i.e.
 * stochastic power iteration W ← orth(W + η_t x xᵀW) (Oja & Karhunen 1985; the form analysed by Shamir,
 * ICML 2015). Each sample costs O(dk) plus an O(dk²) QR; samples are not centered (center them first for PCA).
 *
 * @example
 * ```ts
 * // samples stretched along (1, 1)/√2: Oja's rule finds that direction
 * const rng = new Rng(1);
 * const rows = Array.from({ length: 4000 }, () => {
 *   const a = 3 * rng.normal();
 *   const b = 0.3 * rng.normal();
 *   return [a + b, a - b];
 * });
 * const w = linalg.oja(rows, { k: 1, seed: 0 }).vectors.col(0);
 * Math.abs(Math.abs(w[0]) - Math.SQRT1_2) < 0.02 && Math.abs(w[0] - w[1]) < 0.04; // => true
 * ```
 */
export function oja(rows: Matrix | Iterable<ArrayLike<number>>, opts: OjaOptions = {}): OjaResult {
  const fn = "linalg.oja";
  if (!(rows instanceof Matrix) && (rows === null || typeof rows !== "object" || typeof (rows as Iterable<unknown>)[Symbol.iterator] !== "function")) {
    throw new EigenlabError("bad-input", message.missingInput(fn, "rows", "a Matrix or an iterable of rows (arrays of numbers)", rows));
  }
  checkOptions(fn, opts, { k: opt.integer(1), learningRate: opt.number(), decay: opt.number(), seed: opt.seed, order: opt.any, epochs: opt.integer(1), historyEvery: opt.integer(0), reference: opt.any });
  const k = opts.k ?? 1;
  if (!Number.isInteger(k) || k < 1) throw new EigenlabError("bad-option", message.kNotPositive(k));
  const eta0 = opts.learningRate ?? 0.01;
  if (!(eta0 > 0) || !Number.isFinite(eta0)) throw new EigenlabError("bad-option", message.badPositive(fn, "learningRate", eta0));
  const decay = opts.decay ?? 0;
  if (!(decay >= 0) || !Number.isFinite(decay)) throw new EigenlabError("bad-option", message.badNonNegativeInt(fn, "decay", decay));
  const permutation = typeof opts.order === "object" && opts.order !== null ? opts.order : undefined;
  const order = permutation ? "permutation" : checkChoice(fn, "order", opts.order ?? "given", ["given", "shuffle"] as const);
  const epochs = opts.epochs ?? 1;
  if (!Number.isInteger(epochs) || epochs < 1) throw new EigenlabError("bad-option", message.badPositive(fn, "epochs", epochs));
  const every = opts.historyEvery ?? 100;
  if (!Number.isInteger(every) || every < 1) throw new EigenlabError("bad-option", message.badPositive(fn, "historyEvery", every));
  const seed = opts.seed === undefined ? 0 : checkSeed(opts.seed);
  const isMatrix = rows instanceof Matrix;
  if (!isMatrix && order === "shuffle") throw new EigenlabError("bad-option", message.ojaOrder());
  if (isMatrix) checkFinite("rows", rows.data);
  if (permutation && !isMatrix) throw new EigenlabError("bad-option", message.ojaPermutationStream());
  const visit = isMatrix ? checkPermutation(permutation, rows.rows) : undefined;
  let reference: Float64Array | undefined;
  if (opts.reference !== undefined) {
    reference = Float64Array.from(opts.reference);
    const rn = nrm2(reference);
    if (!(rn > 0) || !Number.isFinite(rn)) throw new EigenlabError("bad-option", message.ojaReference(reference.length, isMatrix ? rows.cols : reference.length));
    scalInto(reference, 1 / rn);
  }
  const t0 = performance.now();
  const rng = new Rng(seed);

  let d = -1;
  let W: Float64Array = new Float64Array(0); // d×k row-major
  const proj = new Float64Array(k);
  const window = new Float64Array(k);
  let inWindow = 0;
  let t = 0;
  const history: OjaResult["history"] = { t: [], values: [], learningRate: [], ...(reference ? { correlation: [] } : {}) };
  const start = (dim: number) => {
    d = dim;
    if (k > d) throw new EigenlabError("bad-option", message.ojaK(k, d));
    if (reference && reference.length !== d) throw new EigenlabError("bad-option", message.ojaReference(reference.length, d));
    W = qrFactors(rng.fillNormal(new Float64Array(d * k)), d, k, false).Q;
  };
  const step = (x: ArrayLike<number>, index: number) => {
    if (d < 0) start(x.length);
    if (x.length !== d) throw new EigenlabError("shape", message.ojaRowLength(index, x.length, d));
    proj.fill(0);
    for (let i = 0; i < d; i++) {
      const xi = x[i];
      if (!Number.isFinite(xi)) throw new EigenlabError("nan", message.notFinite(`row ${index}`, i, xi));
      for (let j = 0; j < k; j++) proj[j] += xi * W[i * k + j];
    }
    const eta = eta0 / (1 + decay * t);
    for (let i = 0; i < d; i++) {
      const a = eta * x[i];
      for (let j = 0; j < k; j++) W[i * k + j] += a * proj[j];
    }
    if (k === 1) {
      let s = 0;
      for (let i = 0; i < d; i++) s += W[i] * W[i];
      const inv = 1 / Math.sqrt(s);
      for (let i = 0; i < d; i++) W[i] *= inv;
    } else W = qrFactors(W, d, k, false).Q;
    for (let j = 0; j < k; j++) window[j] += proj[j] * proj[j];
    inWindow++;
    t++;
    if (t % every === 0) {
      history.t.push(t);
      history.values.push(Array.from(window, (v) => v / inWindow));
      history.learningRate.push(eta);
      if (reference) history.correlation!.push(correlation(W, d, k, reference));
      window.fill(0);
      inWindow = 0;
    }
  };

  if (isMatrix) {
    const X = rows;
    const idx = visit ?? Int32Array.from({ length: X.rows }, (_, i) => i);
    for (let e = 0; e < epochs; e++) {
      if (order === "shuffle") rng.shuffleInPlace(idx);
      for (const i of idx) step(X.data.subarray(i * X.cols, (i + 1) * X.cols), i);
    }
  } else {
    let i = 0;
    for (const x of rows) step(x, i++);
  }
  if (t === 0) throw new EigenlabError("shape", message.ojaEmpty());
  // Deterministic signs: largest-magnitude entry of each direction positive.
  normalizeColumnSignsInPlace(W, d, k);
  const values = new Float64Array(k);
  if (isMatrix) {
    const X = rows;
    for (let r = 0; r < X.rows; r++) {
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let i = 0; i < d; i++) s += X.data[r * d + i] * W[i * k + j];
        values[j] += (s * s) / X.rows;
      }
    }
  } else {
    const last = inWindow > 0 ? Array.from(window, (v) => v / inWindow) : history.values[history.values.length - 1];
    values.set(last);
  }
  return new OjaResult({
    vectors: new Matrix(d, k, W),
    values,
    samples: t,
    history,
    meta: stamp({
      solver: "oja-subspace-qr",
      inputShape: isMatrix ? [rows.rows, rows.cols] : [t, d],
      inputHash: isMatrix ? hashArrays(rows.data) : undefined,
      seed,
      iterations: t,
      learningRate: eta0,
      decay,
      order,
      epochs: isMatrix ? epochs : 1,
      timeMs: performance.now() - t0,
    }),
  });
}

/** The visiting order of a Matrix's rows: the identity, or the checked permutation. */
function checkPermutation(perm: ArrayLike<number> | undefined, rows: number): Int32Array | undefined {
  if (perm === undefined) return undefined;
  const seen = new Uint8Array(rows);
  if (perm.length !== rows) throw new EigenlabError("bad-option", message.ojaPermutation(rows));
  const out = new Int32Array(rows);
  for (let p = 0; p < rows; p++) {
    const i = perm[p];
    if (!Number.isInteger(i) || i < 0 || i >= rows || seen[i]) throw new EigenlabError("bad-option", message.ojaPermutation(rows));
    seen[i] = 1;
    out[p] = i;
  }
  return out;
}

/** ‖Wᵀr‖ for the d×k orthonormal W (row-major) and a unit r: the cosine of the angle between r and span(W). */
function correlation(W: Float64Array, d: number, k: number, r: Float64Array): number {
  let s = 0;
  for (let j = 0; j < k; j++) {
    let c = 0;
    for (let i = 0; i < d; i++) c += W[i * k + j] * r[i];
    s += c * c;
  }
  return Math.sqrt(s);
}
