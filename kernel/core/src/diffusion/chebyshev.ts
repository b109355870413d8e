/**
 * `diffusion.chebyshevFilter`: y = h(L) x for a spectral filter h, by a truncated Chebyshev expansion of h on an
 * interval holding L's spectrum (Hammond, Vandergheynst & Gribonval 2011, "Wavelets on graphs via spectral graph
 * theory", §6; Shuman et al. 2013, "The emerging field of signal processing on graphs"). Costs `order` products
 * with L and no eigendecomposition.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkFinite, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { asScalar, asVector, positiveInteger } from "../validate";
import { spectralInterval, SymmetricInput, symmetricOperator, SymmetricOperator } from "./operator";

export interface ChebyshevFilterOptions {
  /** The filter h(λ), evaluated on the spectrum. */
  filter: (lambda: number) => number;
  /** Polynomial degree (default 50). */
  order?: number;
  /**
   * Spectral interval. Default: [0, 2] for a normalized Laplacian from graph.laplacian, [0, 2·max degree] for a
   * combinatorial one; for another explicit matrix Gershgorin discs (lower end tightened by Collatz–Wielandt when
   * the off-diagonal entries are ≤ 0); for a LinearOperator a Lanczos estimate. A filter with a pole must have it
   * outside [lmin, lmax]: pass the interval when you know a tighter one.
   */
  lmin?: number;
  /** Upper end of the spectral interval (see lmin). */
  lmax?: number;
}

/**
 * The largest order accepted: the quadrature below costs O(order²) (10⁸ cosines, about a second, at 10⁴) and a
 * filter then needs `order` products with L. A smooth filter on a graph spectrum converges long before
 * (heatKernel's own series is bounded separately, by MAX_HEAT_TERMS); a typo such as 1e9 would hang the kernel.
 */
export const MAX_CHEBYSHEV_ORDER = 10_000;

/**
 * Chebyshev coefficients c_0..c_order of h on [lo, hi], from Chebyshev–Gauss quadrature at order + 1 nodes (exact
 * interpolation at the Chebyshev points): h(λ) ≈ c_0/2 + Σ c_k T_k((λ − c)/r). Returned with c_0 already halved.
 *
 * @example
 * ```ts
 * // h(λ) = λ² on [−1, 1] is (T₀ + T₂)/2
 * diffusion.chebyshevCoefficients((l) => l * l, 4, -1, 1); // => [0.5, 0, 0.5, 0, 0]
 * ```
 */
export function chebyshevCoefficients(h: (lambda: number) => number, order: number, lo: number, hi: number): Float64Array {
  const fn = "diffusion.chebyshevCoefficients";
  if (typeof h !== "function") throw new EigenlabError("bad-input", message.notAFunction(fn, "h (the filter λ ↦ h(λ))", h));
  positiveInteger(fn, "order", order);
  if (order > MAX_CHEBYSHEV_ORDER) throw new EigenlabError("too-large", message.chebyshevOrder(fn, order, MAX_CHEBYSHEV_ORDER));
  asScalar(fn, "lo", lo);
  asScalar(fn, "hi", hi, "");
  if (!(lo < hi)) throw new EigenlabError("bad-option", message.notAScalar(fn, "hi", hi, `It must exceed lo = ${lo}: [lo, hi] is the interval holding the spectrum.`));
  const M = order + 1;
  const c = 0.5 * (hi + lo);
  const r = 0.5 * (hi - lo);
  const f = new Float64Array(M);
  for (let j = 0; j < M; j++) f[j] = h(c + r * Math.cos((Math.PI * (j + 0.5)) / M));
  const coef = new Float64Array(M);
  for (let k = 0; k < M; k++) {
    let s = 0;
    for (let j = 0; j < M; j++) s += f[j] * Math.cos((Math.PI * k * (j + 0.5)) / M);
    coef[k] = (2 / M) * s;
  }
  coef[0] /= 2;
  return coef;
}

/** y = Σ coef_k T_k(Y) x with Y = (L − cI)/r, by the three-term recurrence (one product with L per term). */
export function chebyshevApply(op: SymmetricOperator, x: Float64Array, coef: Float64Array, lo: number, hi: number): Float64Array {
  const n = op.n;
  const c = 0.5 * (hi + lo);
  const r = 0.5 * (hi - lo);
  const y = Float64Array.from(x, (v) => coef[0] * v);
  if (coef.length === 1) return y;
  let prev = Float64Array.from(x);
  let cur = new Float64Array(n);
  const tmp = new Float64Array(n);
  op.applyInto(tmp, prev);
  for (let i = 0; i < n; i++) {
    cur[i] = (tmp[i] - c * prev[i]) / r;
    y[i] += coef[1] * cur[i];
  }
  for (let k = 2; k < coef.length; k++) {
    op.applyInto(tmp, cur);
    const ck = coef[k];
    // next = 2 Y cur − prev, written over prev.
    for (let i = 0; i < n; i++) {
      const next = (2 * (tmp[i] - c * cur[i])) / r - prev[i];
      prev[i] = next;
      y[i] += ck * next;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return y;
}

/**
 * The interval a Chebyshev series is built on: the caller's { lmin, lmax } where given (trusted), else the
 * operator's spectral interval (known Laplacian bounds, Gershgorin with a Collatz–Wielandt lower end, or a Lanczos
 * estimate; see ./operator). Also returns the smallest Ritz value, an upper bound of λ_min, for the heat kernel's
 * accuracy check.
 */
export function resolveInterval(op: SymmetricOperator, lmin?: number, lmax?: number): [number, number, number] {
  for (const v of [lmin, lmax]) {
    if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v))) throw new EigenlabError("bad-option", message.spectralInterval(Number(lmin), Number(lmax)));
  }
  let lo: number;
  let hi: number;
  let ritzMin: number;
  if (lmin !== undefined && lmax !== undefined) {
    [lo, hi, ritzMin] = [lmin, lmax, lmin];
  } else {
    const iv = spectralInterval(op);
    lo = lmin ?? iv.lo;
    hi = lmax ?? iv.hi;
    ritzMin = lmin ?? iv.ritzMin;
  }
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) throw new EigenlabError("bad-option", message.spectralInterval(lo, hi));
  if (lo === hi) hi = lo + 1; // a multiple of the identity: any non-empty interval works
  return [lo, hi, Math.max(lo, ritzMin)];
}

/** A NaN or ±∞ in a result means the operator (or the filter) produced one: say so instead of returning it. */
export function checkResultFinite(fn: string, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new EigenlabError("nan", message.diffusionNotFinite(fn, i, y[i]));
  }
}

export function signalVector(fn: string, x: ArrayLike<number>, n: number): Float64Array {
  const v = Float64Array.from(asVector(fn, "x (the signal)", x));
  if (v.length !== n) throw new EigenlabError("shape", message.signalLength(fn, v.length, n));
  checkFinite(`${fn}: signal`, v);
  return v;
}

/**
 * h(L) x for a spectral filter h on a symmetric L, by a Chebyshev expansion of the given order on [lmin, lmax]
 * (Hammond, Vandergheynst & Gribonval 2011).
 *
 * @example
 * ```ts
 * const L = graph.laplacian(graph.fromEdges(2, [[0, 1]]));
 * // h(λ) = λ is L itself
 * const y = diffusion.chebyshevFilter(L, [1, 0], { filter: (l) => l, order: 5 });
 * y; // => [1, -1]
 * ```
 */
export function chebyshevFilter(L: SymmetricInput, x: ArrayLike<number>, opts: ChebyshevFilterOptions): Float64Array {
  const fn = "diffusion.chebyshevFilter";
  checkOptions(fn, opts, { filter: opt.callback(1), order: opt.integer(1), lmin: opt.number(), lmax: opt.number() });
  if (typeof opts?.filter !== "function") throw new EigenlabError("bad-option", message.filterNotFunction(fn));
  const op = symmetricOperator(fn, L);
  const v = signalVector(fn, x, op.n);
  const order = positiveInteger(fn, "order", opts.order ?? 50);
  if (order > MAX_CHEBYSHEV_ORDER) throw new EigenlabError("too-large", message.chebyshevOrder(fn, order, MAX_CHEBYSHEV_ORDER));
  const [lo, hi] = resolveInterval(op, opts.lmin, opts.lmax);
  const y = chebyshevApply(op, v, chebyshevCoefficients(opts.filter, order, lo, hi), lo, hi);
  checkResultFinite(fn, y);
  return y;
}
