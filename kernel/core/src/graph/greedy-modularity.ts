/**
 * `graph.greedyModularity`: communities by Clauset–Newman–Moore greedy modularity maximization (Clauset, Newman
 * & Moore 2004, "Finding community structure in very large networks", Phys. Rev. E 70, 066111), with Newman's
 * weighted modularity (2004, "Analysis of weighted networks") and a resolution γ (Reichardt & Bornholdt 2006).
 */
import { CsrMatrix } from "../csr";
import { Clustering } from "../clustering";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { hashArrays, stamp } from "../meta";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { positiveNumber } from "../validate";
import { checkAdjacency } from "../validate/graph";

export interface GreedyModularityOptions {
  /** γ in Q = Σ_c [e_cc − γ a_c²]; > 1 favours smaller communities (default 1). */
  resolution?: number;
}

/**
 * Starting from singletons, repeatedly merges the pair of adjacent communities with the largest modularity gain
 * ΔQ_ij = 2(e_ij − γ a_i a_j) (CNM eq. 8; e_ij = W(i, j)/2m, a_i = deg_i/2m), updating ΔQ by CNM eq. 10a–c,
 * and stops when the best gain is negative — the same merges as networkx's greedy_modularity_communities
 * (ties broken by the lowest (i, j), community i merged into j). The best pair is found by scanning the
 * sparse ΔQ rows rather than CNM's heaps: O(n · nnz) instead of O(m d log n), ample for graphs of a few
 * thousand nodes. Edges are taken as undirected (W must be symmetric); self-loops count in e_ii only.
 * Labels number the communities by decreasing size (ties: lowest node first); meta.modularity is Q.
 *
 * @example
 * ```ts
 * // two triangles joined by one edge: the two triangles, with Q = 2 (3/7 − (7/14)²) = 5/14
 * const W = graph.fromEdges(6, [[0, 1], [1, 2], [0, 2], [3, 4], [4, 5], [3, 5], [2, 3]]);
 * const c = graph.greedyModularity(W);
 * c.labels; // => [0, 0, 0, 1, 1, 1]
 * c.meta.modularity; // => 5 / 14
 * ```
 */
export function greedyModularity(W: CsrMatrix, opts: GreedyModularityOptions = {}): Clustering {
  const fn = "graph.greedyModularity";
  const t0 = performance.now();
  checkOptions(fn, opts, { resolution: opt.number() });
  checkAdjacency(fn, W, { symmetric: true });
  const gamma = positiveNumber(fn, "resolution", opts.resolution ?? 1);
  const n = W.rows;
  const deg = W.rowSums();
  let twoM = 0;
  for (let i = 0; i < n; i++) twoM += deg[i];
  if (twoM === 0) throw new EigenlabError("empty-graph", message.emptyGraph(fn));
  const a = Float64Array.from(deg, (d) => d / twoM);
  // dq[i] maps each adjacent community j to ΔQ_ij (networkx's dq = w/m − γ(a_i a_j + a_j a_i)).
  const dq: Map<number, number>[] = Array.from({ length: n }, () => new Map<number, number>());
  let Q = 0;
  for (let i = 0; i < n; i++) {
    Q -= gamma * a[i] * a[i];
    for (let p = W.indptr[i]; p < W.indptr[i + 1]; p++) {
      const j = W.indices[p];
      const w = W.values[p];
      if (w === 0) continue;
      if (j === i) {
        Q += w / twoM;
        continue;
      }
      dq[i].set(j, (dq[i].get(j) ?? 0) + (2 * w) / twoM);
    }
  }
  for (let i = 0; i < n; i++) for (const [j, v] of dq[i]) dq[i].set(j, v - 2 * gamma * a[i] * a[j]);
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const alive = new Uint8Array(n).fill(1);
  let merges = 0;
  for (;;) {
    let best = -Infinity;
    let bu = -1;
    let bv = -1;
    for (let u = 0; u < n; u++) {
      if (!alive[u]) continue;
      for (const [v, x] of dq[u]) {
        if (x > best || (x === best && (u < bu || (u === bu && v < bv)))) {
          best = x;
          bu = u;
          bv = v;
        }
      }
    }
    if (bu < 0 || best < 0) break;
    // Merge u into v (CNM eq. 10): neighbours of both add their gains; of one only, subtract 2γ a_other a_w.
    const u = bu;
    const v = bv;
    const du = dq[u];
    const dv = dq[v];
    const all = new Set<number>([...du.keys(), ...dv.keys()]);
    all.delete(u);
    all.delete(v);
    for (const w of all) {
      const inU = du.has(w);
      const inV = dv.has(w);
      const x = inU && inV ? du.get(w)! + dv.get(w)! : inV ? dv.get(w)! - 2 * gamma * a[u] * a[w] : du.get(w)! - 2 * gamma * a[v] * a[w];
      dv.set(w, x);
      dq[w].set(v, x);
      dq[w].delete(u);
    }
    dv.delete(u);
    dq[u] = new Map();
    alive[u] = 0;
    a[v] += a[u];
    for (const x of members[u]) members[v].push(x);
    members[u] = [];
    Q += best;
    merges++;
  }
  const groups = members.filter((m, i) => alive[i] && m.length > 0).map((m) => m.sort((x, y) => x - y));
  groups.sort((x, y) => y.length - x.length || x[0] - y[0]);
  const labels = new Int32Array(n);
  groups.forEach((g, c) => {
    for (const x of g) labels[x] = c;
  });
  return new Clustering({
    labels,
    k: groups.length,
    meta: stamp({
      solver: "greedy-modularity:clauset-newman-moore",
      inputShape: [n, n],
      inputHash: hashArrays(W.indptr, W.indices, W.values),
      iterations: merges,
      timeMs: performance.now() - t0,
      resolution: gamma,
      modularity: Q,
    }),
  });
}
