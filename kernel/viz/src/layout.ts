/** Node positions for the node-link display: spectral coordinates or a seeded force layout. */
import { linalg, Matrix, Rng } from "@eigenlab/core";
import type { CsrMatrix } from "@eigenlab/core";

/** Largest graph laid out spectrally with the dense solver (O(n³)); larger graphs use the force layout. */
export const SPECTRAL_LAYOUT_MAX_NODES = 600;

/**
 * Laplacian-eigenmap layout (Belkin & Niyogi 2003; Koren 2005, "Drawing graphs by eigenvectors"): the
 * eigenvectors of L_sym = I − D^{-1/2} W D^{-1/2} for the 2nd and 3rd smallest eigenvalues, mapped back by
 * D^{-1/2} (the generalized problem L v = λ D v, whose drawings Koren shows to be better balanced).
 * Returns n×2 row-major positions. Isolated nodes (degree 0) sit at the origin.
 */
export function spectralLayout(W: CsrMatrix): Float64Array {
  const n = W.rows;
  const out = new Float64Array(2 * n);
  if (n < 3) {
    for (let i = 0; i < n; i++) out[2 * i] = i;
    return out;
  }
  const deg = W.rowSums();
  const inv = Float64Array.from(deg, (d) => (d > 0 ? 1 / Math.sqrt(d) : 0));
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    L[i * n + i] = deg[i] > 0 ? 1 : 0;
    for (let p = W.indptr[i]; p < W.indptr[i + 1]; p++) {
      const j = W.indices[p];
      // Symmetrize on the fly so a slightly asymmetric input still gives a symmetric Laplacian.
      L[i * n + j] -= 0.5 * W.values[p] * inv[i] * inv[j];
      L[j * n + i] -= 0.5 * W.values[p] * inv[i] * inv[j];
    }
  }
  const s = linalg.eigh(new Matrix(n, n, L));
  const V = s.vectors;
  for (let i = 0; i < n; i++) {
    out[2 * i] = V.get(i, 1) * inv[i];
    out[2 * i + 1] = V.get(i, 2) * inv[i];
  }
  return out;
}

/**
 * Fruchterman–Reingold force layout (Fruchterman & Reingold 1991): attraction d²/K along edges, repulsion
 * K²/d between nodes, cooling temperature. Seeded start; above 1 500 nodes repulsion is estimated from a
 * seeded sample of 64 nodes per node, which keeps it O(n) per sweep. `init` (n×2) replaces the random start.
 */
export function forceLayout(W: CsrMatrix, opts: { seed?: number; iterations?: number; init?: Float64Array } = {}): Float64Array {
  const n = W.rows;
  const rng = new Rng(opts.seed ?? 0);
  const pos = opts.init ? Float64Array.from(opts.init) : new Float64Array(2 * n);
  if (!opts.init) for (let i = 0; i < 2 * n; i++) pos[i] = rng.uniform() - 0.5;
  if (n < 2) return pos;
  const K = 1 / Math.sqrt(n);
  const iters = opts.iterations ?? (n > 1500 ? 40 : 100);
  const sampled = n > 1500;
  const SAMPLE = 64;
  const disp = new Float64Array(2 * n);
  let temp = 0.1;
  for (let it = 0; it < iters; it++) {
    disp.fill(0);
    for (let i = 0; i < n; i++) {
      const m = sampled ? SAMPLE : n;
      const scale = sampled ? n / SAMPLE : 1;
      for (let t = 0; t < m; t++) {
        const j = sampled ? rng.int(n) : t;
        if (j === i) continue;
        let dx = pos[2 * i] - pos[2 * j];
        let dy = pos[2 * i + 1] - pos[2 * j + 1];
        let d2 = dx * dx + dy * dy;
        if (d2 < 1e-12) {
          dx = (rng.uniform() - 0.5) * 1e-3;
          dy = (rng.uniform() - 0.5) * 1e-3;
          d2 = dx * dx + dy * dy;
        }
        const f = (scale * K * K) / d2;
        disp[2 * i] += dx * f;
        disp[2 * i + 1] += dy * f;
      }
      for (let p = W.indptr[i]; p < W.indptr[i + 1]; p++) {
        const j = W.indices[p];
        if (j === i) continue;
        const dx = pos[2 * i] - pos[2 * j];
        const dy = pos[2 * i + 1] - pos[2 * j + 1];
        const d = Math.sqrt(dx * dx + dy * dy);
        const f = (d / K) * Math.min(1, Math.abs(W.values[p]));
        disp[2 * i] -= dx * f;
        disp[2 * i + 1] -= dy * f;
      }
    }
    for (let i = 0; i < n; i++) {
      const dx = disp[2 * i];
      const dy = disp[2 * i + 1];
      const d = Math.sqrt(dx * dx + dy * dy);
      if (d > 0) {
        const step = Math.min(d, temp) / d;
        pos[2 * i] += dx * step;
        pos[2 * i + 1] += dy * step;
      }
    }
    temp *= 0.95;
  }
  return pos;
}
