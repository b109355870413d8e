/**
 * `ot.sinkhorn`: entropy-regularized optimal transport, min_P ⟨P, C⟩ − ε H(P) over couplings of a and b
 * (Cuturi 2013, "Sinkhorn distances"), solved by Sinkhorn's alternating projections in the log domain
 * (Peyré & Cuturi 2019, "Computational optimal transport", Remark 4.23 / §4.4): dual potentials f, g with
 *   g_j = ε log b_j − ε LSE_i((f_i − C_ij)/ε),   f_i = ε log a_i − ε LSE_j((g_j − C_ij)/ε),
 * and plan P_ij = exp((f_i + g_j − C_ij)/ε). Log-sum-exp never overflows, so small ε works where the
 * classical scaling iteration K = exp(−C/ε) underflows. After each f-update the rows of P sum exactly to a;
 * the column error Σ_j |(Pᵀ1)_j − b_j| = Σ_j b_j |exp((g_j − g'_j)/ε) − 1| falls out of the next g-update for
 * free, and is the stopping criterion and the recorded history.
 */
import { Matrix } from "../matrix";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { ResultMeta, hashArrays, stamp } from "../meta";
import { displayBundle, JUPYTER_DISPLAY, MimeBundle } from "../display";
import { checkFinite, checkOptions, checkTolerance } from "../validate";
import { opt } from "../validate/options";
import { positiveInteger, positiveNumber } from "../validate";
import { Backend, defaultBackend, getBackend } from "../backend";
import { asMatrix, asVector } from "../validate/inputs";

export interface SinkhornOptions {
  /** Entropic regularization ε (default 0.05; in the units of C, so rescale C or ε together). */
  epsilon?: number;
  /** Iteration cap (default 1000). */
  maxIter?: number;
  /** Stop when the L1 marginal error falls below tol (default 1e-9). */
  tol?: number;
  /**
   * Where the scaling steps run: "auto" (default: the registry's measured crossover, the CPU path unless a
   * registered backend was measured faster on this machine), "cpu", "gpu" (needs `@eigenlab/gpu` imported) or
   * any registered backend id. A non-CPU backend runs the classical scaling iteration u = a ⊘ Kv, v = b ⊘ Kᵀu
   * on K = exp(−C/ε) (Cuturi 2013, Algorithm 1) to a marginal error of BACKEND_TOL, and the float64
   * log-domain iteration below finishes from its potentials (f, g) = ε(log u, log v), so `tol` means the same.
   */
  backend?: string;
}

/** Marginal error to which a non-CPU (possibly float32) backend's scaling iteration runs before the float64 polish. */
const BACKEND_TOL = 1e-5;

/**
 * Warm start from a backend's scaling iteration: returns g = ε log v after at most maxIter steps, and the steps
 * taken. K = exp(−C/ε) must not underflow to an all-zero row or column (else the scaling form has no solution
 * in floating point): that is an EigenlabError pointing to the log-domain CPU path or a larger ε.
 */
function backendWarmStart(be: Backend, c: Float64Array, n: number, m: number, pa: Float64Array, pb: Float64Array, eps: number, tol: number, maxIter: number): { g: Float64Array; steps: number } {
  const K = new Float64Array(n * m);
  const rowMax = new Float64Array(n);
  const colMax = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const v = Math.exp(-c[i * m + j] / eps);
      K[i * m + j] = v;
      if (v > rowMax[i]) rowMax[i] = v;
      if (v > colMax[j]) colMax[j] = v;
    }
  }
  // Only rows/columns with positive mass need kernel entries (Sinkhorn never divides by an empty one otherwise).
  for (let i = 0; i < n; i++) if (pa[i] > 0 && !(rowMax[i] > 1e-30)) throw new EigenlabError("bad-option", message.sinkhornKernelUnderflow(be.name, eps));
  for (let j = 0; j < m; j++) if (pb[j] > 0 && !(colMax[j] > 1e-30)) throw new EigenlabError("bad-option", message.sinkhornKernelUnderflow(be.name, eps));
  const Kb = { rows: n, cols: m, data: K };
  let v = new Float64Array(m).fill(1);
  let steps = 0;
  const target = Math.max(tol, BACKEND_TOL);
  while (steps < maxIter) {
    const step = be.sinkhornStep(Kb, pa, pb, v);
    steps++;
    // Column error of the plan diag(u) K diag(v): (Kᵀu)_j v_j = b_j v_j / v'_j.
    let err = 0;
    for (let j = 0; j < m; j++) if (pb[j] > 0) err += pb[j] * Math.abs(v[j] / step.v[j] - 1);
    if (!step.v.every((x, j) => pb[j] === 0 || (x > 0 && Number.isFinite(x)))) break;
    v = Float64Array.from(step.v);
    if (err <= target) break;
  }
  return { g: Float64Array.from(v, (x, j) => (pb[j] === 0 ? -Infinity : eps * Math.log(x))), steps };
}

/**
 * A transport plan (from ot.sinkhorn): the coupling `plan` with marginals a and b, its transport cost ⟨P, C⟩, the
 * entropic objective, the dual potentials f and g, and the convergence record.
 *
 * @example
 * ```ts
 * const r = ot.sinkhorn([1], [0.25, 0.75], Matrix.from([[1, 3]]));
 * r instanceof ot.TransportPlan; // => true
 * // one source: the plan is b itself, costing 1·¼ + 3·¾
 * r.plan.row(0); // => [0.25, 0.75]
 * r.cost; // => 2.5
 * ```
 */
export class TransportPlan {
  /** n × m coupling; rows sum to a, columns to b within `tol`. */
  readonly plan: Matrix;
  /** Transport cost ⟨P, C⟩ of the regularized plan. */
  readonly cost: number;
  /** Regularized objective ⟨P, C⟩ + ε Σ P_ij (log P_ij − 1). */
  readonly objective: number;
  /** Dual potentials. */
  readonly f: Float64Array;
  readonly g: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** L1 marginal error after each iteration. */
  readonly history: Float64Array;
  readonly meta: ResultMeta;

  constructor(init: {
    plan: Matrix; cost: number; objective: number; f: Float64Array; g: Float64Array; iterations: number; converged: boolean;
    history: Float64Array; meta: ResultMeta;
  }) {
    this.plan = init.plan;
    this.cost = init.cost;
    this.objective = init.objective;
    this.f = init.f;
    this.g = init.g;
    this.iterations = init.iterations;
    this.converged = init.converged;
    this.history = init.history;
    this.meta = init.meta;
  }

  toString(): string {
    const err = this.history[this.history.length - 1] ?? NaN;
    const head = `Sinkhorn transport plan ${this.plan.rows}×${this.plan.cols}, ε = ${this.meta.epsilon}: cost ${this.cost.toPrecision(6)}, ` +
      `${this.iterations} iterations, marginal error ${err.toExponential(2)}.`;
    return this.converged ? head : `${head}\nNOT CONVERGED: ${message.sinkhornNoConvergence(this.iterations, err, this.meta.tol as number)}`;
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return displayBundle("transport", this, this.toString());
  }
}

function marginal(which: string, x: ArrayLike<number>, expected: number): Float64Array {
  const v = Float64Array.from(x);
  if (v.length !== expected) throw new EigenlabError("shape", message.marginalLength(which, v.length, expected));
  checkFinite(`ot.sinkhorn: ${which}`, v);
  let s = 0;
  v.forEach((w, i) => {
    if (w < 0) throw new EigenlabError("bad-input", message.marginalNegative(which, i, w));
    s += w;
  });
  if (!(Math.abs(s - 1) <= 1e-6)) throw new EigenlabError("bad-input", message.marginalNotProbability(which, s));
  return v;
}

/**
 * Entropy-regularized optimal transport between histograms a and b for the cost matrix C by Sinkhorn iterations in
 * the log domain (Cuturi 2013): the plan P = diag(e^{f/ε}) e^{−C/ε} diag(e^{g/ε}) whose marginals are a and b.
 *
 * @example
 * ```ts
 * // two points to two points; moving each to its own twin costs 0
 * const plan = ot.sinkhorn([0.5, 0.5], [0.5, 0.5], Matrix.from([[0, 1], [1, 0]]), { epsilon: 0.01 });
 * plan.plan.toArray().map((r) => r.map((p) => Math.round(p * 1e6) / 1e6)); // => [[0.5, 0], [0, 0.5]]
 * plan.cost < 1e-6; // => true
 * plan.converged; // => true
 * ```
 */
export function sinkhorn(a: ArrayLike<number>, b: ArrayLike<number>, C: Matrix, opts: SinkhornOptions = {}): TransportPlan {
  const fn = "ot.sinkhorn";
  const t0 = performance.now();
  checkOptions(fn, opts, { epsilon: opt.number(), maxIter: opt.integer(1), tol: opt.number(), backend: opt.string });
  C = asMatrix(fn, "C (the cost matrix)", C);
  asVector(fn, "a", a);
  asVector(fn, "b", b);
  checkFinite(`${fn}: C`, C.data);
  const n = C.rows;
  const m = C.cols;
  const pa = marginal("a", a, n);
  const pb = marginal("b", b, m);
  const eps = positiveNumber(fn, "epsilon", opts.epsilon ?? 0.05);
  const maxIter = positiveInteger(fn, "maxIter", opts.maxIter ?? 1000);
  const tol = opts.tol ?? 1e-9;
  checkTolerance(tol);
  const be = getBackend(opts.backend ?? defaultBackend(), { kernel: "sinkhornStep", size: Math.max(n, m) });
  const c = C.data;
  const loga = Float64Array.from(pa, Math.log);
  const logb = Float64Array.from(pb, Math.log);
  const f = new Float64Array(n);
  const warm = be.id === "cpu" ? null : backendWarmStart(be, c, n, m, pa, pb, eps, tol, maxIter);
  let g = warm ? warm.g : new Float64Array(m);
  let gNew = new Float64Array(m);
  const colMax = new Float64Array(m);
  const colSum = new Float64Array(m);
  const history: number[] = [];
  const inv = 1 / eps;

  /** g' from f (column log-sum-exp, two row-major passes for cache-friendly access). */
  const updateG = (out: Float64Array) => {
    colMax.fill(-Infinity);
    for (let i = 0; i < n; i++) {
      const fi = f[i];
      if (fi === -Infinity) continue;
      const o = i * m;
      for (let j = 0; j < m; j++) {
        const s = (fi - c[o + j]) * inv;
        if (s > colMax[j]) colMax[j] = s;
      }
    }
    colSum.fill(0);
    for (let i = 0; i < n; i++) {
      const fi = f[i];
      if (fi === -Infinity) continue;
      const o = i * m;
      for (let j = 0; j < m; j++) colSum[j] += Math.exp((fi - c[o + j]) * inv - colMax[j]);
    }
    for (let j = 0; j < m; j++) out[j] = pb[j] === 0 ? -Infinity : eps * (logb[j] - colMax[j] - Math.log(colSum[j]));
  };
  const updateF = () => {
    for (let i = 0; i < n; i++) {
      if (pa[i] === 0) {
        f[i] = -Infinity;
        continue;
      }
      const o = i * m;
      let mx = -Infinity;
      for (let j = 0; j < m; j++) {
        if (g[j] === -Infinity) continue;
        const s = (g[j] - c[o + j]) * inv;
        if (s > mx) mx = s;
      }
      let s = 0;
      for (let j = 0; j < m; j++) if (g[j] !== -Infinity) s += Math.exp((g[j] - c[o + j]) * inv - mx);
      f[i] = eps * (loga[i] - mx - Math.log(s));
    }
  };

  updateF(); // with g = 0 (or the backend's warm start): rows now match a
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    updateG(gNew);
    // Column error of the current plan (f, g): (Pᵀ1)_j = b_j exp((g_j − g'_j)/ε).
    let err = 0;
    for (let j = 0; j < m; j++) if (pb[j] > 0) err += pb[j] * Math.abs(Math.expm1((g[j] - gNew[j]) * inv));
    if (iterations > 0) history.push(err);
    if (iterations > 0 && err <= tol) {
      converged = true;
      break;
    }
    const t = g;
    g = gNew;
    gNew = t;
    updateF();
    iterations++;
  }
  if (!converged) {
    // Record the final state's error (the loop ended after an f-update).
    updateG(gNew);
    let err = 0;
    for (let j = 0; j < m; j++) if (pb[j] > 0) err += pb[j] * Math.abs(Math.expm1((g[j] - gNew[j]) * inv));
    history.push(err);
    converged = err <= tol;
  }
  const P = new Float64Array(n * m);
  let cost = 0;
  let entropyTerm = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const k = i * m + j;
      const pij = f[i] === -Infinity || g[j] === -Infinity ? 0 : Math.exp((f[i] + g[j] - c[k]) * inv);
      P[k] = pij;
      cost += pij * c[k];
      if (pij > 0) entropyTerm += pij * (Math.log(pij) - 1);
    }
  }
  return new TransportPlan({
    plan: new Matrix(n, m, P),
    cost,
    objective: cost + eps * entropyTerm,
    f,
    g: Float64Array.from(g),
    iterations,
    converged,
    history: Float64Array.from(history),
    meta: stamp({
      solver: warm ? "sinkhorn:scaling-on-backend+log-domain-float64" : "sinkhorn:log-domain",
      backend: warm ? be.meta("sinkhornStep").backend : "cpu", precision: warm && be.meta("sinkhornStep").precision !== "float64" ? "float32-refined" : "float64",
      inputShape: [n, m], inputHash: hashArrays(pa, pb, c), tol, iterations, epsilon: eps, timeMs: performance.now() - t0,
      ...(warm ? { backendIterations: warm.steps } : {}),
    }),
  });
}
