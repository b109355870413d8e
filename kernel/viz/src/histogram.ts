/** Equal-width histogram of eigenvalues (the empirical spectral density), for the payload and the SVG. */
import type { Histogram } from "./payload";

/**
 * `bins` equal-width bins over [min, max]; `density` = count / (total · width), so it integrates to 1 and
 * sits on the same axis as a theoretical density (Marchenko–Pastur). Default bin count: √k clamped to
 * [10, 100] (the square-root rule; fine for the smooth densities of random-matrix spectra). With
 * `{ scale: "log" }` (positive values only) the bins are equal in log x, as heavy-tailed ESDs are drawn on
 * log–log axes (Clauset, Shalizi & Newman 2009, §2.1: linear bins leave the tail in a few noisy bins).
 */
export function histogram(values: ArrayLike<number>, bins?: number, opts: { scale?: "linear" | "log" } = {}): Histogram {
  const k = values.length;
  const b = bins ?? Math.min(100, Math.max(10, Math.ceil(Math.sqrt(k))));
  const log = opts.scale === "log";
  const t = log ? Math.log : (x: number) => x;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < k; i++) {
    lo = Math.min(lo, t(values[i]));
    hi = Math.max(hi, t(values[i]));
  }
  if (k === 0) {
    lo = 0;
    hi = 1;
  }
  if (hi === lo) {
    // One distinct value: a bin of width 1 centred on it.
    lo -= 0.5;
    hi += 0.5;
  }
  const step = (hi - lo) / b;
  const at = (i: number) => (i === b ? hi : lo + i * step);
  const edges = Array.from({ length: b + 1 }, (_, i) => (log ? Math.exp(at(i)) : at(i)));
  const counts = new Array<number>(b).fill(0);
  for (let i = 0; i < k; i++) counts[Math.max(0, Math.min(b - 1, Math.floor((t(values[i]) - lo) / step)))]++;
  const density = counts.map((c, i) => (k === 0 ? 0 : c / (k * (edges[i + 1] - edges[i]))));
  return { edges, counts, density };
}
