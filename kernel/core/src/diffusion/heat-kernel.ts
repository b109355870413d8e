/**
 * `diffusion.heatKernel`: u = exp(−tL) x, heat diffusion of a graph signal, by the Chebyshev expansion of the
 * exponential whose coefficients are modified Bessel functions (Tal-Ezer & Kosloff 1984; Hammond et al. 2011):
 * with the spectrum in [a, b], c = (a + b)/2, r = (b − a)/2 and z = t·r,
 *   exp(−tL) = e^{−ta} Σ_k (2 − δ_k0) (−1)^k Ĩ_k(z) T_k((L − cI)/r),   Ĩ_k(z) = e^{−z} I_k(z).
 * Ĩ_k is computed by Miller's backward recurrence normalized with e^z = I_0 + 2 Σ I_k, which is stable and never
 * overflows; the series is cut where the remaining coefficients fall below `tol`. Ĩ_k decays like e^{−k²/2z}, so
 * about √(2z·ln(1/tol)) products with L are needed.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions, checkTolerance } from "../validate";
import { opt } from "../validate/options";
import { laplacianGapLowerBound, laplacianSteadyState, laplacianStructure, SymmetricInput, symmetricOperator, SymmetricOperator } from "./operator";
import { chebyshevApply, checkResultFinite, resolveInterval, signalVector } from "./chebyshev";

export interface HeatKernelOptions {
  /** Diffusion time t ≥ 0. */
  t: number;
  /** Truncation tolerance on the coefficients, relative to e^{−t·lmin} (default 1e-14). */
  tol?: number;
  /** Lower end of the spectral interval of the Chebyshev series. Default: the Laplacian's known bounds ([0, 2] normalized, [0, 2·max degree] combinatorial) for graph.laplacian's output, else Gershgorin (Collatz–Wielandt for Z-matrices) or a Lanczos estimate; an interval whose lower end is too loose for t is refused, pass it when you know it. */
  lmin?: number;
  /** Upper end of the spectral interval (see lmin). */
  lmax?: number;
}

/** e^{−z} I_k(z) for k = 0..K (z ≥ 0). */
export function scaledBesselI(z: number, K: number): Float64Array {
  const out = new Float64Array(K + 1);
  if (z === 0) {
    out[0] = 1;
    return out;
  }
  const N = K + 30 + Math.ceil(Math.sqrt(40 * Math.max(K, z)));
  const vals = new Float64Array(N + 2);
  vals[N + 1] = 0;
  vals[N] = 1e-300;
  for (let k = N; k >= 1; k--) {
    vals[k - 1] = vals[k + 1] + ((2 * k) / z) * vals[k];
    if (vals[k - 1] > 1e250) {
      for (let j = k - 1; j <= N; j++) vals[j] *= 1e-250;
    }
  }
  let sum = vals[0];
  for (let k = 1; k <= N; k++) sum += 2 * vals[k];
  for (let k = 0; k <= K; k++) out[k] = vals[k] / sum;
  return out;
}

/** The Chebyshev expansion of exp(−tL) on L's spectral interval [lo, hi] (coefficients for `chebyshevApply`). */
export interface HeatExpansion {
  coef: Float64Array;
  lo: number;
  hi: number;
}

/** The most products with L a heat series may take (t·(λ_max − λ_min) ≈ 10⁸ at tol 1e-14): beyond, fail fast. */
export const MAX_HEAT_TERMS = 100_000;

/** e^{−t(ritzMin − lo)} may amplify rounding at most this much (3 digits). */
const MAX_AMPLIFICATION = Math.log(1e3);

/** The number of series terms for z = t·(hi − lo)/2 at tolerance tol (Ĩ_k ≈ e^{−k²/2z}). */
function heatTerms(z: number, tol: number): number {
  return Math.ceil(Math.sqrt(2 * z * Math.log(1 / Math.max(tol, 1e-300)))) + 20;
}

/**
 * The series of exp(−tL) on a guaranteed interval. The factor e^{−t·lo} makes the series' rounding error relative
 * to e^{−t·lo}, while the answer is of size e^{−t·λ_min}: an interval whose lower end is not known to within
 * ln(1000)/t of λ_min is refused (message.heatIntervalLoose) instead of silently losing digits; so is a t that needs
 * more than MAX_HEAT_TERMS products.
 */
export function heatExpansion(fn: string, op: SymmetricOperator, t: number, tol: number, lmin?: number, lmax?: number): HeatExpansion {
  const [lo, hi, ritzMin] = resolveInterval(op, lmin, lmax);
  if (t * (ritzMin - lo) > MAX_AMPLIFICATION) throw new EigenlabError("inaccurate", message.heatIntervalLoose(fn, lo, ritzMin, t));
  const r = 0.5 * (hi - lo);
  const z = t * r;
  const K = heatTerms(z, tol);
  if (K > MAX_HEAT_TERMS) throw new EigenlabError("too-large", message.heatTooLong(fn, t, K, MAX_HEAT_TERMS));
  const ive = scaledBesselI(z, K);
  let last = K;
  while (last > 0 && ive[last] < tol) last--;
  const scale = Math.exp(-t * lo);
  const coef = new Float64Array(last + 1);
  for (let k = 0; k <= last; k++) coef[k] = scale * (k === 0 ? 1 : 2) * (k % 2 ? -1 : 1) * ive[k];
  return { coef, lo, hi };
}

/** t must be a finite number ≥ 0. */
export function checkTime(fn: string, t: unknown): number {
  if (typeof t !== "number" || !(t >= 0) || !Number.isFinite(t)) throw new EigenlabError("bad-option", message.nonNegativeNumber(fn, "t", t));
  return t;
}

/**
 * exp(−tL) x for a symmetric positive semidefinite L (graph Laplacian; sparse, dense or an operator) by a Chebyshev
 * expansion on [lmin, lmax], accurate to `tol`. L must be symmetric (checked). The default interval is exact for a
 * Laplacian from graph.laplacian ([0, 2] normalized, [0, 2·max degree] combinatorial), guaranteed for an explicit
 * matrix (Gershgorin, with a Collatz–Wielandt lower end when off-diagonals are ≤ 0), estimated by Lanczos for a
 * LinearOperator; an interval whose lower end is too loose for t is refused with an error (pass `lmin`). For a
 * Laplacian and t past its mixing time the t → ∞ limit (projection onto the null space) is returned directly.
 *
 * @example
 * ```ts
 * // two nodes, L = [[1, −1], [−1, 1]]: heat spreads from node 0 as ((1 + e^{−2t})/2, (1 − e^{−2t})/2)
 * const L = graph.laplacian(graph.fromEdges(2, [[0, 1]]));
 * const u = diffusion.heatKernel(L, [1, 0], { t: 0.5 });
 * Math.abs(u[0] - (1 + Math.exp(-1)) / 2) < 1e-8; // => true
 * Math.abs(u[1] - (1 - Math.exp(-1)) / 2) < 1e-8; // => true
 * ```
 */
export function heatKernel(L: SymmetricInput, x: ArrayLike<number>, opts: HeatKernelOptions): Float64Array {
  const fn = "diffusion.heatKernel";
  checkOptions(fn, opts, { t: opt.number(), tol: opt.number(), lmin: opt.number(), lmax: opt.number() });
  const t = checkTime(fn, opts?.t);
  const tol = opts.tol ?? 1e-14;
  checkTolerance(tol);
  const op = symmetricOperator(fn, L);
  const v = signalVector(fn, x, op.n);
  if (t === 0) return v;
  // Steady state: for a graph Laplacian, once e^{−t·λ₂} < tol (λ₂ bounded below by Mohar's 4·w_min/n²), exp(−tL)x
  // is the projection of x onto the null space to within tol, and costs one pass instead of ~√t products. This is
  // what keeps heatKernel(L, x, { t: 1e15 }) from running for days.
  const lap = opts.lmin === undefined && opts.lmax === undefined ? laplacianStructure(op) : undefined;
  if (lap && t * laplacianGapLowerBound(lap, op.n) > Math.log(1 / tol) + 1) return laplacianSteadyState(op, lap, v);
  const { coef, lo, hi } = heatExpansion(fn, op, t, tol, opts.lmin, opts.lmax);
  const y = chebyshevApply(op, v, coef, lo, hi);
  checkResultFinite(fn, y);
  return y;
}
