/** `cluster.ncut`: normalized cuts (Shi & Malik 2000) by recursive two-way partitioning. */
import { CsrMatrix } from "../csr";
import { Clustering } from "../clustering";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { hashArrays, stamp } from "../meta";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { checkAdjacency } from "../validate/graph";
import { positiveInteger } from "../validate";
import { componentsOf } from "../graph/components";
import { laplacianOf, offDiagonalDegrees } from "../graph/laplacian";
import { eigenpairs } from "../graph/eigenpairs";

export interface NcutOptions {
  /** Number of segments (default 2). */
  k?: number;
  /** Seed of the eigensolver's starting vector (default 0). */
  seed?: number;
}

interface Split {
  a: number[];
  b: number[];
  ncut: number;
}

/** W restricted to `nodes` (in that order), self-loops dropped. */
function induced(W: CsrMatrix, nodes: number[]): CsrMatrix {
  const local = new Map<number, number>();
  nodes.forEach((v, i) => local.set(v, i));
  const ii: number[] = [], jj: number[] = [], vv: number[] = [];
  nodes.forEach((v, i) => {
    for (let p = W.indptr[v]; p < W.indptr[v + 1]; p++) {
      const j = local.get(W.indices[p]);
      if (j !== undefined && j !== i && W.values[p] !== 0) { ii.push(i); jj.push(j); vv.push(W.values[p]); }
    }
  });
  return CsrMatrix.fromTriplets(nodes.length, nodes.length, ii, jj, vv);
}

/**
 * The best two-way split of `nodes`. A disconnected piece splits along its first component for free
 * (Ncut 0). Otherwise x = D^{-1/2} u₂, u₂ the second eigenvector of I − D^{-1/2} W D^{-1/2}, solves
 * (D − W) x = λ D x (Shi & Malik 2000, eq. 8); every threshold along sorted x is tried and the one with
 * the smallest Ncut(A, B) = cut/assoc(A, V) + cut/assoc(B, V) is kept (their §3.1 "splitting point").
 */
function bestSplit(W: CsrMatrix, nodes: number[], seed: number): Split {
  const S = induced(W, nodes);
  const m = nodes.length;
  const comps = componentsOf(S);
  if (comps.count > 1) {
    const a: number[] = [], b: number[] = [];
    for (let i = 0; i < m; i++) (comps.labels[i] === 0 ? a : b).push(nodes[i]);
    return { a, b, ncut: 0 };
  }
  const deg = S.rowSums();
  let x: Float64Array;
  if (m === 2) x = Float64Array.of(0, 1);
  else {
    const spec = eigenpairs(laplacianOf(S, "sym", offDiagonalDegrees(S)), { k: 2, which: "SA", seed });
    x = new Float64Array(m);
    for (let i = 0; i < m; i++) x[i] = spec.vectors.data[i * 2 + 1] / Math.sqrt(deg[i]);
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((p, q) => x[p] - x[q] || p - q);
  let total = 0;
  for (const d of deg) total += d;
  const inA = new Uint8Array(m);
  let cut = 0, assocA = 0, best = Infinity, bestPos = 1;
  for (let pos = 0; pos < m - 1; pos++) {
    const v = order[pos];
    let toA = 0;
    for (let p = S.indptr[v]; p < S.indptr[v + 1]; p++) if (inA[S.indices[p]]) toA += S.values[p];
    cut += deg[v] - 2 * toA;
    assocA += deg[v];
    inA[v] = 1;
    const value = cut / assocA + cut / (total - assocA);
    if (value < best) { best = value; bestPos = pos + 1; }
  }
  const a: number[] = [], b: number[] = [];
  const chosen = new Uint8Array(m);
  for (let pos = 0; pos < bestPos; pos++) chosen[order[pos]] = 1;
  for (let i = 0; i < m; i++) (chosen[i] ? a : b).push(nodes[i]);
  return { a, b, ncut: best };
}

/**
 * Normalized-cut segmentation into k parts: repeatedly bipartition the segment whose best split has the
 * smallest Ncut (Shi & Malik's recursive two-way Ncut, §3.1, with "which part next" decided by Ncut).
 * A disconnected graph is handled per component: components are separated first, at Ncut 0. Labels are
 * numbered by each segment's lowest node; `meta.ncuts` lists the Ncut value of every split made.
 *
 * @example
 * ```ts
 * // two triangles joined by one edge: cutting it costs cut/vol(A) + cut/vol(B) = 1/7 + 1/7
 * const W = graph.fromEdges(6, [[0, 1], [1, 2], [0, 2], [3, 4], [4, 5], [3, 5], [2, 3]]);
 * const c = cluster.ncut(W, { k: 2, seed: 0 });
 * c.labels; // => [0, 0, 0, 1, 1, 1]
 * c.meta.ncuts; // => [2 / 7]
 * ```
 */
export function ncut(W: CsrMatrix, opts: NcutOptions = {}): Clustering {
  const fn = "cluster.ncut";
  checkOptions(fn, opts, { k: opt.integer(1), seed: opt.seed });
  checkAdjacency(fn, W, { symmetric: true });
  const k = positiveInteger(fn, "k", opts.k ?? 2);
  const seed = opts.seed ?? 0;
  const n = W.rows;
  if (k > n) throw new EigenlabError("k-too-large", message.clustersTooMany(fn, k, n));
  const t0 = performance.now();
  const segments: number[][] = [Array.from({ length: n }, (_, i) => i)];
  const splits: (Split | undefined)[] = [undefined];
  const ncuts: number[] = [];
  while (segments.length < k) {
    let pick = -1;
    for (let s = 0; s < segments.length; s++) {
      if (segments[s].length < 2) continue;
      if (!splits[s]) splits[s] = bestSplit(W, segments[s], seed);
      if (pick < 0 || splits[s]!.ncut < splits[pick]!.ncut) pick = s;
    }
    const sp = splits[pick]!;
    ncuts.push(sp.ncut);
    segments.splice(pick, 1, sp.a, sp.b);
    splits.splice(pick, 1, undefined, undefined);
  }
  segments.sort((p, q) => Math.min(...p) - Math.min(...q));
  const labels = new Int32Array(n);
  segments.forEach((seg, l) => seg.forEach((v) => (labels[v] = l)));
  return new Clustering({
    labels,
    k,
    affinity: W,
    meta: stamp({
      solver: "ncut:recursive-two-way (Shi-Malik 2000)",
      inputShape: [n, n],
      inputHash: hashArrays(W.indptr, W.indices, W.values),
      seed,
      ncuts,
      timeMs: performance.now() - t0,
    }),
  });
}
