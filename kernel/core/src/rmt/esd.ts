/** `rmt.esd`: the empirical spectral distribution of a set of eigenvalues, as a density histogram. */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { ResultMeta, hashArrays, stamp } from "../meta";
import { displayBundle, JUPYTER_DISPLAY, MimeBundle } from "../display";
import { checkFinite, checkOptions } from "../validate";
import { checkAllocation } from "../guard";
import { opt } from "../validate/options";
import { asVector, positiveInteger } from "../validate";

export interface EsdOptions {
  /** Number of equal-width bins (default: Freedman–Diaconis rule, clipped to [10, 200]). */
  bins?: number;
  /** Histogram range [lo, hi] (default: [min, max] of the values). */
  range?: [number, number];
}

/**
 * An empirical spectral distribution (from rmt.esd): the eigenvalues, histogram bin `edges`, `counts` and `density`.
 *
 * @example
 * ```ts
 * const h = rmt.esd(linalg.eigh(Matrix.from([[2, 1], [1, 2]])), { bins: 4 });
 * h instanceof rmt.Esd; // => true
 * h.values; // => [1, 3]
 * h.counts.reduce((s, c) => s + c, 0); // => 2
 * ```
 */
export class Esd {
  /** The eigenvalues, ascending. */
  readonly values: Float64Array;
  /** Bin edges, length bins + 1. */
  readonly edges: Float64Array;
  readonly counts: Int32Array;
  /** counts / (total · width): integrates to the fraction of values inside the range. */
  readonly density: Float64Array;
  readonly meta: ResultMeta;

  constructor(init: { values: Float64Array; edges: Float64Array; counts: Int32Array; density: Float64Array; meta: ResultMeta }) {
    this.values = init.values;
    this.edges = init.edges;
    this.counts = init.counts;
    this.density = init.density;
    this.meta = init.meta;
  }

  toString(): string {
    const v = this.values;
    return `ESD of ${v.length} eigenvalues in [${v[0]?.toPrecision(4)}, ${v[v.length - 1]?.toPrecision(4)}], ${this.counts.length} bins.`;
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return displayBundle("esd", this, this.toString());
  }
}

/** Accepts eigenvalues as an array or anything with a `values` array (a Spectrum). */
export function eigenvalueArray(fn: string, input: ArrayLike<number> | { values: ArrayLike<number> }): Float64Array {
  if (input === null || typeof input !== "object") throw new EigenlabError("bad-input", message.notAVector(fn, "the eigenvalues (an array, or a Spectrum with .values)", input));
  const raw = "values" in (input as object) && !(ArrayBuffer.isView(input) || Array.isArray(input))
    ? (input as { values: ArrayLike<number> }).values
    : (input as ArrayLike<number>);
  const v = Float64Array.from(asVector(fn, "the eigenvalues", raw));
  checkFinite(`${fn}: eigenvalues`, v);
  return v.sort();
}

/**
 * The empirical spectral distribution of eigenvalues (an array or a Spectrum) as a histogram: bin `edges`, `counts`,
 * and `density` (counts / (total · width)).
 *
 * @example
 * ```ts
 * const h = rmt.esd([1, 2, 2, 3], { bins: 2 });
 * h.edges; // => [1, 2, 3]
 * // bins [1, 2) and [2, 3] (the last one closed)
 * h.counts; // => [1, 3]
 * h.density; // => [0.25, 0.75]
 * ```
 */
export function esd(values: ArrayLike<number> | { values: ArrayLike<number> }, opts: EsdOptions = {}): Esd {
  checkOptions("rmt.esd", opts, { bins: opt.integer(1), range: opt.array(opt.number(), { length: 2 }) });
  const v = eigenvalueArray("rmt.esd", values);
  const n = v.length;
  if (n < 1) throw new EigenlabError("shape", message.tooFewValues("rmt.esd", n, 1));
  let lo = opts.range ? opts.range[0] : v[0];
  let hi = opts.range ? opts.range[1] : v[n - 1];
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi >= lo)) throw new EigenlabError("bad-option", message.spectralInterval(lo, hi));
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  let bins: number;
  if (opts.bins !== undefined) bins = positiveInteger("rmt.esd", "bins", opts.bins);
  else {
    // Freedman–Diaconis: width 2·IQR·n^(−1/3).
    const iqr = v[Math.floor(0.75 * (n - 1))] - v[Math.floor(0.25 * (n - 1))];
    const width = (2 * iqr) / Math.cbrt(n);
    bins = width > 0 ? Math.min(200, Math.max(10, Math.ceil((hi - lo) / width))) : 10;
  }
  // edges (8 bytes a bin), counts (4) and density (8)
  checkAllocation("rmt.esd", `${bins} bins`, 20 * bins + 8);
  const edges = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) edges[b] = lo + ((hi - lo) * b) / bins;
  const counts = new Int32Array(bins);
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x < lo || x > hi) continue;
    counts[Math.min(bins - 1, Math.floor(((x - lo) / (hi - lo)) * bins))]++;
  }
  const width = (hi - lo) / bins;
  // a plain loop: Float64Array.from(counts, map) goes through a JS array, which V8 cannot hold past ~10⁸ entries
  const density = new Float64Array(bins);
  for (let b = 0; b < bins; b++) density[b] = counts[b] / (n * width);
  return new Esd({
    values: v,
    edges,
    counts,
    density,
    meta: stamp({ solver: "histogram", inputShape: [n], inputHash: hashArrays(v) }),
  });
}
