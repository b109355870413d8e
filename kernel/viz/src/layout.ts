/** Node positions for the node-link display: spectral coordinates or a seeded ForceAtlas2 layout. */
import { linalg, Matrix, Rng } from "@eigenlab/core";
import type { CsrMatrix } from "@eigenlab/core";
import { UndirectedGraph } from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import { LIMITS } from "./limits";
import fa2Defaults from "graphology-layout-forceatlas2/defaults.js";
import fa2Iterate from "graphology-layout-forceatlas2/iterate.js";

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
 * ForceAtlas2 (Jacomy, Venturini, Heymann & Bastian 2014, PLoS ONE 9(6): e98679) through
 * graphology-layout-forceatlas2, with the library's inferred settings (strong gravity, scaling 10, slow-down
 * 1 + ln n) and its Barnes–Hut approximation of the repulsion above BARNES_HUT_FROM nodes (O(n log n) per
 * sweep instead of O(n²)). Edge weights are the symmetrized (W_ij + W_ji)/2, self-loops dropped. Deterministic: the layout
 * itself draws no random numbers, and the start is a seeded uniform cloud (or `init`, n×2). Returns n×2
 * row-major positions. Default sweeps: 100, or 50 with Barnes–Hut.
 */
/** Node count above which ForceAtlas2's repulsion uses the Barnes–Hut quadtree. */
export const BARNES_HUT_FROM = 500;

export function forceLayout(W: CsrMatrix, opts: { seed?: number; iterations?: number; init?: Float64Array } = {}): Float64Array {
  const n = W.rows;
  const rng = new Rng(opts.seed ?? 0);
  const start = opts.init ? Float64Array.from(opts.init) : new Float64Array(2 * n);
  if (!opts.init) for (let i = 0; i < 2 * n; i++) start[i] = rng.uniform() - 0.5;
  else {
    // Nodes with the same neighbours share their spectral coordinates, and ForceAtlas2's forces on two
    // coincident nodes are equal, so they would never part: a seeded jitter of 0.1 % of the extent parts them.
    let extent = 0;
    for (const v of start) extent = Math.max(extent, Math.abs(v));
    for (let i = 0; i < 2 * n; i++) start[i] += (rng.uniform() - 0.5) * 1e-3 * (extent || 1);
  }
  if (n < 2) return start;
  const G = new UndirectedGraph();
  for (let i = 0; i < n; i++) G.addNode(String(i), { x: start[2 * i], y: start[2 * i + 1] });
  for (let i = 0; i < n; i++) {
    for (let p = W.indptr[i]; p < W.indptr[i + 1]; p++) {
      const j = W.indices[p];
      const w = Math.abs(W.values[p]) / 2;
      if (j === i || w === 0) continue;
      // Each stored entry adds half its weight: (W_ij + W_ji)/2 once both sides are seen.
      const a = String(Math.min(i, j));
      const b = String(Math.max(i, j));
      if (G.hasEdge(a, b)) G.updateEdgeAttribute(a, b, "weight", (x: number | undefined) => (x ?? 0) + w);
      else G.addEdge(a, b, { weight: w });
    }
  }
  const iterations = opts.iterations ?? (n > BARNES_HUT_FROM ? 50 : 100);
  // Barnes–Hut from 500 nodes rather than the library's 2 000: exact repulsion at 2 000 nodes took 2.3 s for
  // 100 sweeps here, Barnes–Hut at 5 000 nodes 2.0 s for 60.
  const settings = { ...forceAtlas2.inferSettings(n), barnesHutOptimize: n > BARNES_HUT_FROM };
  const positions = forceAtlas2(G, { iterations, settings, getEdgeWeight: "weight" });
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const q = positions[String(i)];
    out[2 * i] = q.x;
    out[2 * i + 1] = q.y;
  }
  return out;
}

/**
 * Graphs from this many nodes take the large-graph path: a sparse spectral start (powerIterationLayout), a
 * few Barnes–Hut ForceAtlas2 sweeps on flat arrays (largeForceLayout), edges thinned (thinEdges), and the
 * lab draws them on the CPU canvas with the large point clouds.
 */
export const LARGE_GRAPH_FROM = LIMITS.largeGraphFrom;

/**
 * Koren's degree-normalized eigenvectors by power iteration (Y. Koren, "Drawing graphs by eigenvectors:
 * theory and practice", Comput. Math. Appl. 49, 2005, Fig. 1): u ← ½(I + D⁻¹W)u, D-orthogonalized against
 * the constant vector (and u₂ for u₃) and normalized each step; the fixed point pair spans the eigenvectors of
 * L v = λ D v for the 2nd and 3rd smallest λ — spectralLayout's layout, without the dense O(n³) solver. A
 * fixed number of sweeps (each one sparse product, O(nnz)) bounds the time; any mixture of the slowest
 * directions is already a good start for the force refinement that follows. Seeded start; isolated nodes sit
 * at 0. Returns n×2 row-major positions scaled into [−0.5, 0.5]².
 */
export function powerIterationLayout(W: CsrMatrix, opts: { seed?: number; iterations?: number } = {}): Float64Array {
  const n = W.rows;
  const iterations = opts.iterations ?? 50;
  const deg = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let p = W.indptr[i]; p < W.indptr[i + 1]; p++) if (W.indices[p] !== i) deg[i] += Math.abs(W.values[p]);
  const rng = new Rng(opts.seed ?? 0);
  const us: Float64Array[] = [];
  const tmp = new Float64Array(n);
  // D-inner product with the constant vector and with earlier vectors, subtracted.
  const dOrth = (u: Float64Array) => {
    let a = 0, b = 0;
    for (let i = 0; i < n; i++) {
      a += deg[i] * u[i];
      b += deg[i];
    }
    if (b > 0) for (let i = 0; i < n; i++) u[i] -= a / b;
    for (const v of us) {
      let c = 0, d = 0;
      for (let i = 0; i < n; i++) {
        c += deg[i] * u[i] * v[i];
        d += deg[i] * v[i] * v[i];
      }
      if (d > 0) for (let i = 0; i < n; i++) u[i] -= (c / d) * v[i];
    }
  };
  const normalize = (u: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += u[i] * u[i];
    s = Math.sqrt(s) || 1;
    for (let i = 0; i < n; i++) u[i] /= s;
  };
  for (let k = 0; k < 2; k++) {
    const u = new Float64Array(n);
    for (let i = 0; i < n; i++) u[i] = rng.uniform() - 0.5;
    for (let t = 0; t < iterations; t++) {
      dOrth(u);
      normalize(u);
      tmp.fill(0);
      for (let i = 0; i < n; i++) {
        if (deg[i] === 0) continue;
        let s = 0;
        for (let p = W.indptr[i]; p < W.indptr[i + 1]; p++) if (W.indices[p] !== i) s += Math.abs(W.values[p]) * u[W.indices[p]];
        tmp[i] = 0.5 * (u[i] + s / deg[i]);
      }
      u.set(tmp);
    }
    dOrth(u);
    normalize(u);
    us.push(u);
  }
  let max = 0;
  for (const u of us) for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(u[i]));
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = max > 0 ? (0.5 * us[0][i]) / max : 0;
    out[2 * i + 1] = max > 0 ? (0.5 * us[1][i]) / max : 0;
  }
  return out;
}

/**
 * `iterations` ForceAtlas2 sweeps with Barnes–Hut repulsion (θ = 0.5) from `init` (n×2): the sweep of
 * graphology-layout-forceatlas2 (its iterate.js, the function its layout loops over) run on node and edge
 * arrays filled straight from the CSR matrix, with the library's inferred settings. Building a graphology
 * graph object first cost more than the sweeps at 10⁴ nodes (hasEdge / updateEdgeAttribute per entry). Edge
 * weights as forceLayout's ((W_ij + W_ji)/2 once per pair, self-loops dropped); a seeded jitter parts nodes
 * that share their start.
 */
export function largeForceLayout(W: CsrMatrix, init: Float64Array, opts: { seed?: number; iterations?: number } = {}): Float64Array {
  const n = W.rows;
  const PPN = 10, PPE = 3;
  const rng = new Rng(opts.seed ?? 0);
  let extent = 0;
  for (const v of init) extent = Math.max(extent, Math.abs(v));
  const nodes = new Float32Array(n * PPN);
  for (let i = 0; i < n; i++) {
    nodes[i * PPN] = init[2 * i] + (rng.uniform() - 0.5) * 1e-3 * (extent || 1);
    nodes[i * PPN + 1] = init[2 * i + 1] + (rng.uniform() - 0.5) * 1e-3 * (extent || 1);
    nodes[i * PPN + 6] = 1; // mass: 1 + weighted degree, as the library's graphToByteArrays sets it
    nodes[i * PPN + 7] = 1; // convergence
    nodes[i * PPN + 8] = 1; // size
  }
  const pairs: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let p = W.indptr[i]; p < W.indptr[i + 1]; p++) {
      const j = W.indices[p];
      if (j === i || W.values[p] === 0) continue;
      // Each pair once, from its smaller end: weight (|W_ij| + |W_ji|)/2.
      if (j > i) pairs.push(i, j, (Math.abs(W.values[p]) + Math.abs(W.get(j, i))) / 2);
      else if (W.get(j, i) === 0) pairs.push(j, i, Math.abs(W.values[p]) / 2);
    }
  }
  const m = pairs.length / 3;
  const edges = new Float32Array(m * PPE);
  for (let e = 0; e < m; e++) {
    const a = pairs[3 * e], b = pairs[3 * e + 1], w = pairs[3 * e + 2];
    edges[e * PPE] = a * PPN;
    edges[e * PPE + 1] = b * PPN;
    edges[e * PPE + 2] = w;
    nodes[a * PPN + 6] += w;
    nodes[b * PPN + 6] += w;
  }
  const settings = { ...fa2Defaults, ...forceAtlas2.inferSettings(n), barnesHutOptimize: true };
  const iterations = opts.iterations ?? largeSweeps(n);
  for (let t = 0; t < iterations; t++) fa2Iterate(settings, nodes, edges);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = nodes[i * PPN];
    out[2 * i + 1] = nodes[i * PPN + 1];
  }
  return pullInOutliers(out);
}

/**
 * ForceAtlas2 sweeps of a large graph: about 3·10⁵ node-sweeps in all, 2 to 25 (25 up to 12 000 nodes, 15 at
 * 2·10⁴, 3 at 10⁵). One Barnes–Hut sweep cost about 0.17 s of CPU at 2·10⁴ nodes and 1.5 s at 10⁵ here, so
 * the layout stays within a few seconds. From the spectral start, whose plane holds only two of the directions
 * that part k blocks (one of 5 SBM blocks sat in the middle of the others), 15 sweeps parted all 5 blocks of a
 * 2·10⁴-node SBM (10 did not); at 10⁵ nodes and 10 blocks 2 sweeps already did.
 */
export function largeSweeps(n: number): number {
  return Math.max(2, Math.min(25, Math.round(300_000 / n)));
}

/**
 * The start of a large graph's force layout: the spectral coordinates (in [−0.5, 0.5]²) scaled to 10·√n, about
 * the extent ForceAtlas2 (scaling ratio 10) settles at, so the first sweeps refine the start instead of
 * flinging every node apart from a tiny one (which mixed the communities the start had parted).
 */
export function largeLayoutStart(W: CsrMatrix, seed: number): Float64Array {
  const s = 10 * Math.sqrt(W.rows);
  return powerIterationLayout(W, { seed }).map((v) => v * s);
}

/**
 * A few sweeps leave some nodes (low degree, strongly repelled in the first sweeps) far outside the drawing,
 * and the view fits its bounding box, so they would shrink the picture: nodes farther from the median centre
 * than 1.15 × the 99th-percentile distance are moved in along their ray to that distance (at most 1 % of nodes).
 */
function pullInOutliers(pos: Float64Array): Float64Array {
  const n = pos.length / 2;
  if (n < 100) return pos;
  const median = (k: number) => Float64Array.from({ length: n }, (_, i) => pos[2 * i + k]).sort()[n >> 1];
  const cx = median(0), cy = median(1);
  const r = Float64Array.from({ length: n }, (_, i) => Math.hypot(pos[2 * i] - cx, pos[2 * i + 1] - cy));
  const limit = 1.15 * Float64Array.from(r).sort()[Math.floor(0.99 * (n - 1))];
  for (let i = 0; i < n; i++) {
    if (!(r[i] > limit)) continue;
    pos[2 * i] = cx + ((pos[2 * i] - cx) * limit) / r[i];
    pos[2 * i + 1] = cy + ((pos[2 * i + 1] - cy) * limit) / r[i];
  }
  return pos;
}

/**
 * The edges a large graph's display keeps: for each node its `perNode` strongest edges (by weight; among equal
 * weights — every edge of an unweighted graph — by the Jaccard similarity of the two ends' neighbourhoods,
 * which ranks edges inside a community above the edges between communities: the local sparsification of
 * Satuluri, Parthasarathy & Ruan, SIGMOD 2011), then — in sparse, locally tree-like graphs most edges share no
 * neighbour — by their `length` in the drawing, shorter first (long edges cross the picture without showing
 * structure); the union over nodes, in input order. `source`/`target`/`weight`/`length`: each undirected edge
 * once. Returns the indices of the kept edges.
 */
export function thinEdges(n: number, source: ArrayLike<number>, target: ArrayLike<number>, weight: ArrayLike<number>, length: ArrayLike<number>, perNode: number): Int32Array {
  const m = source.length;
  // Adjacency lists (sorted neighbour ids) for the Jaccard similarity.
  const count = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    count[source[e] + 1]++;
    count[target[e] + 1]++;
  }
  for (let i = 0; i < n; i++) count[i + 1] += count[i];
  const nbr = new Int32Array(2 * m);
  const inc = new Int32Array(2 * m);
  const fill = count.slice(0, n);
  for (let e = 0; e < m; e++) {
    nbr[fill[source[e]]] = target[e];
    inc[fill[source[e]]++] = e;
    nbr[fill[target[e]]] = source[e];
    inc[fill[target[e]]++] = e;
  }
  for (let i = 0; i < n; i++) {
    const a = count[i], b = count[i + 1];
    const order = Array.from({ length: b - a }, (_, t) => a + t).sort((x, y) => nbr[x] - nbr[y]);
    const nb = order.map((t) => nbr[t]), ic = order.map((t) => inc[t]);
    nbr.set(nb, a);
    inc.set(ic, a);
  }
  const jaccard = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const i = source[e], j = target[e];
    let p = count[i], q = count[j], common = 0;
    while (p < count[i + 1] && q < count[j + 1]) {
      if (nbr[p] === nbr[q]) {
        common++;
        p++;
        q++;
      } else if (nbr[p] < nbr[q]) p++;
      else q++;
    }
    const union = count[i + 1] - count[i] + count[j + 1] - count[j] - common;
    jaccard[e] = union > 0 ? common / union : 0;
  }
  const keep = new Uint8Array(m);
  for (let i = 0; i < n; i++) {
    const list = Array.from(inc.subarray(count[i], count[i + 1]));
    list.sort((x, y) => Math.abs(weight[y]) - Math.abs(weight[x]) || jaccard[y] - jaccard[x] || length[x] - length[y] || x - y);
    for (let t = 0; t < Math.min(perNode, list.length); t++) keep[list[t]] = 1;
  }
  const out: number[] = [];
  for (let e = 0; e < m; e++) if (keep[e]) out.push(e);
  return Int32Array.from(out);
}
