/**
 * The symmetric operator (a graph Laplacian, usually) that diffusion functions apply, and a guaranteed interval
 * that holds its spectrum. The interval matters more than it looks: a Chebyshev series of e^{−tλ} on [lo, hi] has
 * its rounding error relative to the function's largest value on the interval, e^{−t·lo}, so a loose lower end
 * amplifies rounding by e^{t(λ_min − lo)} (on the karate club's normalized Laplacian, Gershgorin's lo = −1.23 cost
 * 14 digits at t = 20 and all of them at t = 50; issue #16). So:
 *   - a Laplacian built by graph.laplacian has its spectrum in [0, 2] (kind "sym": Chung 1997, Lemma 1.7) or
 *     [0, 2·max degree] (combinatorial: Anderson & Morley 1985);
 *   - an explicit matrix gets Gershgorin discs, and when its off-diagonal entries are ≤ 0 (a Z-matrix, as every
 *     Laplacian) a lower end max(Gershgorin, min_i (Lv)_i / v_i) for positive vectors v (the Collatz–Wielandt
 *     bound applied to sI − L, valid for any v > 0; tight when v is the bottom eigenvector, which is positive),
 *     with v = 1 and v = |the bottom Ritz vector of a 40-step Lanczos run|;
 *   - a matrix-free LinearOperator gets a 40-step Lanczos estimate widened by its residual bound and 1 %, the
 *     only thing that can be known about it without more products (an estimate, not a guarantee: pass lmin/lmax
 *     when the operator is known).
 * `amplification` compares the lower end with the smallest Ritz value (which is ≥ λ_min): callers refuse an
 * interval whose lower end would cost more than three digits.
 */
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { LinearOperator } from "../operator";
import { Rng } from "../random";
import { tridiagonalEigen } from "../linalg/implicit-ql";
import { symmetricOperator as checkedSymmetricOperator } from "../linalg/symmetric-operator";
import { nrm2, reorthogonalizeInto } from "../kernels";
import { knownLaplacian, KnownLaplacian } from "../graph/known-spectrum";
import { asOperatorInput } from "../validate/inputs";

export type SymmetricInput = Matrix | CsrMatrix | LinearOperator;

export interface SymmetricOperator {
  n: number;
  /** y = L x */
  applyInto(y: Float64Array, x: Float64Array): void;
  source: SymmetricInput;
}

/**
 * Validates L as a square, finite, symmetric operator (Matrix and CsrMatrix checked entry by entry, a
 * LinearOperator probed with two random vectors) and returns its internal form. Nested arrays are taken as a
 * Matrix (validate/inputs.ts's rule).
 */
export function symmetricOperator(fn: string, input: SymmetricInput): SymmetricOperator {
  const L = asOperatorInput(fn, "L", input) as SymmetricInput;
  const op = checkedSymmetricOperator(L, `${fn}: L`, fn);
  return { n: op.n, applyInto: op.applyInto, source: L };
}

/** A spectral interval with how it was obtained. */
export interface SpectralInterval {
  lo: number;
  hi: number;
  /** An upper estimate of λ_min (the smallest Ritz value), or lo when the lower end is exact. */
  ritzMin: number;
  /** "laplacian" (known bounds), "gershgorin" (guaranteed), "lanczos" (an estimate). */
  source: "laplacian" | "gershgorin" | "lanczos";
}

/** The Laplacian structure of L when graph.laplacian made it or it has the form D − W (row sums 0, W ≥ 0). */
export function laplacianStructure(op: SymmetricOperator): KnownLaplacian | undefined {
  const known = knownLaplacian(op.source);
  if (known) return known;
  const L = op.source;
  if (!(L instanceof CsrMatrix || L instanceof Matrix)) return undefined;
  const n = op.n;
  const degrees = new Float64Array(n);
  let minWeight = Infinity;
  let bad = false;
  forEachEntry(L, (i, j, v) => {
    if (i === j) degrees[i] += v;
    else if (v > 0) bad = true;
    else if (v < 0 && -v < minWeight) minWeight = -v;
  });
  if (bad) return undefined;
  // row sums zero (to rounding): the diagonal is the off-diagonal degree
  const sums = new Float64Array(n);
  forEachEntry(L, (i, _j, v) => (sums[i] += v));
  for (let i = 0; i < n; i++) if (Math.abs(sums[i]) > 1e-12 * Math.max(degrees[i], 1e-300)) return undefined;
  return { kind: "combinatorial", degrees, minWeight };
}

function forEachEntry(L: CsrMatrix | Matrix, f: (i: number, j: number, v: number) => void): void {
  if (L instanceof CsrMatrix) {
    for (let i = 0; i < L.rows; i++) for (let p = L.indptr[i]; p < L.indptr[i + 1]; p++) f(i, L.indices[p], L.values[p]);
  } else {
    const n = L.rows;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (L.data[i * n + j] !== 0) f(i, j, L.data[i * n + j]);
  }
}

/** An interval [lo, hi] containing the spectrum of the symmetric operator (see the module comment). */
export function spectralInterval(op: SymmetricOperator): SpectralInterval {
  const L = op.source;
  const n = op.n;
  if (n === 0) return { lo: 0, hi: 0, ritzMin: 0, source: "gershgorin" };
  const known = knownLaplacian(L);
  if (known) {
    let dmax = 0;
    for (let i = 0; i < n; i++) dmax = Math.max(dmax, known.degrees[i]);
    return { lo: 0, hi: known.kind === "sym" ? 2 : 2 * dmax, ritzMin: 0, source: "laplacian" };
  }
  if (L instanceof CsrMatrix || L instanceof Matrix) {
    const diag = new Float64Array(n);
    const radius = new Float64Array(n);
    let zMatrix = true;
    forEachEntry(L, (i, j, v) => {
      if (i === j) diag[i] = v;
      else {
        radius[i] += Math.abs(v);
        if (v > 0) zMatrix = false;
      }
    });
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, diag[i] - radius[i]);
      hi = Math.max(hi, diag[i] + radius[i]);
    }
    const ritz = lanczosExtremes(op, 40);
    if (zMatrix) {
      lo = Math.max(lo, collatzWielandtLower(op, new Float64Array(n).fill(1)));
      const v = ritz.bottomVector.map(Math.abs);
      if (v.every((x) => x > 0)) lo = Math.max(lo, collatzWielandtLower(op, v));
      lo = Math.min(lo, ritz.min); // rounding in the bound must not put lo above a Ritz value (which is ≥ λ_min)
    }
    return { lo, hi, ritzMin: Math.max(lo, ritz.min), source: "gershgorin" };
  }
  const ritz = lanczosExtremes(op, 40);
  const lo = ritz.min - ritz.minResidual;
  const hi = ritz.max + ritz.maxResidual;
  const pad = 0.01 * Math.max(Math.abs(lo), Math.abs(hi), 1e-300);
  return { lo: lo - pad, hi: hi + pad, ritzMin: ritz.min, source: "lanczos" };
}

/** min_i (Lv)_i / v_i ≤ λ_min(L) for a symmetric Z-matrix L and any v > 0 (Collatz–Wielandt on sI − L). */
function collatzWielandtLower(op: SymmetricOperator, v: Float64Array): number {
  const w = new Float64Array(op.n);
  op.applyInto(w, v);
  let m = Infinity;
  for (let i = 0; i < op.n; i++) m = Math.min(m, w[i] / v[i]);
  // one ulp-scale allowance per row for the rounding of (Lv)_i
  return m - 4 * Number.EPSILON * Math.abs(m);
}

interface RitzExtremes {
  min: number;
  max: number;
  minResidual: number;
  maxResidual: number;
  bottomVector: Float64Array;
}

function lanczosExtremes(op: SymmetricOperator, steps: number): RitzExtremes {
  const n = op.n;
  const m = Math.min(steps, n);
  const V: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let v = new Rng(0).fillNormal(new Float64Array(n));
  let nv = nrm2(v); // (not Math.hypot(...v): spreading n arguments overflows the stack from n ≈ 10⁵)
  v = v.map((x) => x / nv);
  const w = new Float64Array(n);
  let lastBeta = 0;
  for (let j = 0; j < m; j++) {
    V.push(v);
    op.applyInto(w, v);
    let a = 0;
    for (let i = 0; i < n; i++) a += w[i] * v[i];
    alpha.push(a);
    // Full reorthogonalization (twice is enough): m is small.
    reorthogonalizeInto(w, V);
    nv = nrm2(w);
    lastBeta = nv;
    if (j === m - 1 || nv < 1e-12) break;
    beta.push(nv);
    v = Float64Array.from(w, (x) => x / nv);
  }
  const { values, vectors } = tridiagonalEigen(alpha, beta);
  const k = values.length;
  // Residual of a Ritz pair = β_m |last component of its eigenvector| (vectors contiguous per eigenvector).
  const resid = (j: number) => lastBeta * Math.abs(vectors[j * k + k - 1]);
  const bottomVector = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    const c = vectors[j];
    const Vj = V[j];
    for (let i = 0; i < n; i++) bottomVector[i] += c * Vj[i];
  }
  return { min: values[0], max: values[k - 1], minResidual: resid(0), maxResidual: resid(k - 1), bottomVector };
}

/**
 * The limit of exp(−tL)x as t → ∞ for a graph Laplacian: the orthogonal projection of x onto L's null space, one
 * vector per connected component (constant for D − W, √d for I − D^{-1/2}WD^{-1/2}; Chung 1997, §1.2).
 */
export function laplacianSteadyState(op: SymmetricOperator, lap: KnownLaplacian, x: Float64Array): Float64Array {
  const n = op.n;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const L = op.source as CsrMatrix | Matrix;
  forEachEntry(L, (i, j, v) => {
    if (i !== j && v !== 0) {
      const a = find(i);
      const b = find(j);
      if (a !== b) parent[a] = b;
    }
  });
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  const vec = new Float64Array(n);
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) size[find(i)]++;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    vec[i] = size[r] === 1 ? 1 : lap.kind === "sym" ? Math.sqrt(lap.degrees[i]) : 1;
    num[r] += vec[i] * x[i];
    den[r] += vec[i] * vec[i];
  }
  return Float64Array.from(vec, (vi, i) => (vi * num[find(i)]) / den[find(i)]);
}

/**
 * A lower bound of the smallest non-zero eigenvalue of a Laplacian: λ₂ ≥ 4/(n·diam) ≥ 4/n² for a connected
 * unweighted graph (Mohar 1991), times the smallest weight (L_W ⪰ w_min·L_unweighted on the same edges), divided by
 * the largest degree for the normalized kind (xᵀLx / xᵀDx ≥ xᵀLx / (d_max xᵀx)).
 */
export function laplacianGapLowerBound(lap: KnownLaplacian, n: number): number {
  if (!(lap.minWeight < Infinity)) return Infinity; // no edges: L = 0, the steady state is x itself
  const gap = (4 * lap.minWeight) / (n * n);
  if (lap.kind === "combinatorial") return gap;
  let dmax = 0;
  for (let i = 0; i < n; i++) dmax = Math.max(dmax, lap.degrees[i]);
  return gap / dmax;
}
