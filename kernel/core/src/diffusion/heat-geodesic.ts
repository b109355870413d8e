/**
 * `diffusion.heatGeodesic`: heat-geodesic distances on a graph (Huguet, Tong, De Brouwer, Zhang, Wolf, Adelstein &
 * Krishnaswamy, NeurIPS 2023, "A Heat Diffusion Perspective on Geodesic Preserving Dimensionality Reduction").
 * Varadhan's formula d(x, y)² = lim_{t→0} −4t log h_t(x, y) turns heat into distance; at a fixed t on a graph the
 * paper's dissimilarity (§4, with the Harnack regularization ρ) is
 *   d_t(i, j)² = −4t log H_t(i, j) + ρ · 4t log((H_t(i, i) + H_t(j, j)) / 2),   H_t = exp(−tL),
 * clipped at 0. ρ = 0 is plain Varadhan; ρ = 1 removes the volume term so that d_t(i, i) = 0.
 * Each column H_t e_s comes from the Chebyshev expansion of `heatKernel` (no eigendecomposition), applied to a
 * block of sources at a time so each pass over L serves the whole block.
 */
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions, checkTolerance } from "../validate";
import { opt } from "../validate/options";
import { positiveNumber } from "../validate";
import { SymmetricInput, symmetricOperator, SymmetricOperator } from "./operator";
import { heatExpansion } from "./heat-kernel";

export interface HeatGeodesicOptions {
  /** Diffusion time t > 0 (in the units of L's eigenvalues: larger t reaches farther at lower resolution). */
  t: number;
  /** Rows of the result: node indices to measure from (default: every node, giving a symmetric n × n matrix). */
  sources?: ArrayLike<number>;
  /** Harnack regularization ρ ∈ [0, 1] (default 0, Varadhan). ρ > 0 needs H_t(j, j) for every j: n heat columns. */
  harnack?: number;
  /** Truncation tolerance of the Chebyshev series (default 1e-14). Heat values below 10·tol·e^{−t·lmin} are
   *  at the level of the expansion's error, so they are clipped there: distances saturate at about √(4t ln(1/(10 tol))). */
  tol?: number;
  /** Lower end of the spectral interval of the Chebyshev series. Default: the Laplacian's known bounds ([0, 2] normalized, [0, 2·max degree] combinatorial) for graph.laplacian's output, else Gershgorin; a loose lower end is refused, pass it when you know it. */
  lmin?: number;
  /** Upper end of the spectral interval (see lmin). */
  lmax?: number;
}

/** Columns per block: enough to amortize each pass over L, small enough to stay in cache. */
const BLOCK = 16;

/**
 * Heat-geodesic distances (Huguet et al. 2023): d_t(i, j)² = −4t log H_t(i, j) + ρ · 4t log((H_t(i, i) + H_t(j, j)) /
 * 2) with H_t = exp(−tL) from Chebyshev heat columns, clipped at 0; rows for `sources` (default every node).
 *
 * @example
 * ```ts
 * const L = graph.laplacian(graph.fromEdges(4, [[0, 1], [1, 2], [2, 3]]));
 * // with the Harnack term (ρ = 1) a node is at distance 0 from itself
 * const D = diffusion.heatGeodesic(L, { t: 1, harnack: 1 });
 * D.shape; // => [4, 4]
 * D.get(0, 0); // => 0
 * D.get(0, 1) < D.get(0, 2) && D.get(0, 2) < D.get(0, 3); // => true
 * ```
 */
export function heatGeodesic(L: SymmetricInput, opts: HeatGeodesicOptions): Matrix {
  const fn = "diffusion.heatGeodesic";
  checkOptions(fn, opts, { t: opt.number(), sources: opt.array(opt.integer(0)), harnack: opt.number(), tol: opt.number(), lmin: opt.number(), lmax: opt.number() });
  const t = positiveNumber(fn, "t", opts?.t);
  const tol = opts.tol ?? 1e-14;
  checkTolerance(tol);
  const rho = opts.harnack ?? 0;
  if (typeof rho !== "number" || !(rho >= 0 && rho <= 1)) throw new EigenlabError("bad-option", message.unitInterval(fn, "harnack", rho));
  const op = symmetricOperator(fn, L);
  const n = op.n;
  const all = opts.sources === undefined;
  const sources = all ? Int32Array.from({ length: n }, (_, i) => i) : checkSources(fn, opts.sources!, n);
  const { coef, lo, hi } = heatExpansion(fn, op, t, tol, opts.lmin, opts.lmax);
  const floor = 10 * Math.max(tol, 1e-16) * Math.exp(-t * lo);
  const m = sources.length;
  const H = heatColumns(op, sources, coef, lo, hi); // m × n, row a = (H_t e_{s_a})ᵀ
  let diag: Float64Array | undefined;
  if (rho > 0) {
    diag = new Float64Array(n);
    if (all) for (let i = 0; i < n; i++) diag[i] = H[i * n + i];
    else {
      const every = Int32Array.from({ length: n }, (_, i) => i);
      for (let s = 0; s < n; s += BLOCK) {
        const block = every.subarray(s, Math.min(n, s + BLOCK));
        const Hb = heatColumns(op, block, coef, lo, hi);
        for (let a = 0; a < block.length; a++) diag[block[a]] = Hb[a * n + block[a]];
      }
    }
  }
  const D = new Float64Array(m * n);
  for (let a = 0; a < m; a++) {
    const s = sources[a];
    for (let j = 0; j < n; j++) {
      let d2 = -4 * t * Math.log(Math.max(H[a * n + j], floor));
      if (diag) d2 += rho * 4 * t * Math.log(Math.max(0.5 * (diag[s] + diag[j]), floor));
      D[a * n + j] = j === s && rho === 1 ? 0 : Math.sqrt(Math.max(d2, 0));
    }
  }
  if (all) {
    // H_t is symmetric; its two Chebyshev columns differ by round-off only. Average so D is exactly symmetric.
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const v = 0.5 * (D[i * n + j] + D[j * n + i]);
        D[i * n + j] = v;
        D[j * n + i] = v;
      }
    }
  }
  return new Matrix(m, n, D);
}

function checkSources(fn: string, sources: ArrayLike<number>, n: number): Int32Array {
  const out = new Int32Array(sources.length);
  for (let a = 0; a < sources.length; a++) {
    const v = sources[a];
    if (!Number.isInteger(v) || v < 0 || v >= n) throw new EigenlabError("bad-option", message.sourceIndex(fn, a, v, n));
    out[a] = v;
  }
  return out;
}

/**
 * Rows a of the result hold H_t e_{s_a} (H_t symmetric, so also row s_a of H_t), from the same three-term recurrence
 * as `chebyshevApply`, run on blocks of up to BLOCK columns stored node-major (n × b).
 */
function heatColumns(op: SymmetricOperator, sources: Int32Array, coef: Float64Array, lo: number, hi: number): Float64Array {
  const n = op.n;
  const m = sources.length;
  const out = new Float64Array(m * n);
  const c = 0.5 * (hi + lo);
  const r = 0.5 * (hi - lo);
  const apply = blockApply(op);
  for (let start = 0; start < m; start += BLOCK) {
    const b = Math.min(BLOCK, m - start);
    let prev = new Float64Array(n * b);
    for (let q = 0; q < b; q++) prev[sources[start + q] * b + q] = 1;
    const y = Float64Array.from(prev, (v) => coef[0] * v);
    let cur = new Float64Array(n * b);
    const tmp = new Float64Array(n * b);
    if (coef.length > 1) {
      apply(tmp, prev, b);
      for (let i = 0; i < n * b; i++) {
        cur[i] = (tmp[i] - c * prev[i]) / r;
        y[i] += coef[1] * cur[i];
      }
      for (let k = 2; k < coef.length; k++) {
        apply(tmp, cur, b);
        const ck = coef[k];
        for (let i = 0; i < n * b; i++) {
          const next = (2 * (tmp[i] - c * cur[i])) / r - prev[i];
          prev[i] = next;
          y[i] += ck * next;
        }
        const swap = prev;
        prev = cur;
        cur = swap;
      }
    }
    for (let q = 0; q < b; q++) {
      const row = (start + q) * n;
      for (let i = 0; i < n; i++) out[row + i] = y[i * b + q];
    }
  }
  return out;
}

/** Y = L X for an n × b node-major block: one CSR pass for a CsrMatrix, column by column otherwise. */
function blockApply(op: SymmetricOperator): (Y: Float64Array, X: Float64Array, b: number) => void {
  const L = op.source;
  const n = op.n;
  if (L instanceof CsrMatrix) return (Y, X, b) => L.matmatInto(Y, X, b);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  return (Y, X, b) => {
    for (let q = 0; q < b; q++) {
      for (let i = 0; i < n; i++) x[i] = X[i * b + q];
      op.applyInto(y, x);
      for (let i = 0; i < n; i++) Y[i * b + q] = y[i];
    }
  };
}
