/** Equal-width histogram of eigenvalues (the empirical spectral density), for the payload and the SVG. */
import type { Histogram } from "./payload";

/**
 * `bins` equal-width bins over [min, max]; `density` = count / (total · width), so it integrates to 1 and
 * sits on the same axis as a theoretical density (Marchenko–Pastur). Default bin count: √k clamped to
 * [10, 100] (the square-root rule; fine for the smooth densities of random-matrix spectra).
 */
export function histogram(values: ArrayLike<number>, bins?: number): Histogram {
  const k = values.length;
  const b = bins ?? Math.min(100, Math.max(10, Math.ceil(Math.sqrt(k))));
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < k; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
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
  const width = (hi - lo) / b;
  const edges = Array.from({ length: b + 1 }, (_, i) => (i === b ? hi : lo + i * width));
  const counts = new Array<number>(b).fill(0);
  for (let i = 0; i < k; i++) counts[Math.min(b - 1, Math.floor((values[i] - lo) / width))]++;
  const density = counts.map((c) => (k === 0 ? 0 : c / (k * width)));
  return { edges, counts, density };
}
