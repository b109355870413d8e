/**
 * Random walks on a weighted graph: first-order (DeepWalk, p = q = 1) and node2vec's second-order biased walks
 * (Grover & Leskovec 2016, §3.2.2): having stepped t → v, the walk moves to x ∈ N(v) with probability ∝
 * w(v, x)·α_pq(t, x), α = 1/p if x = t, 1 if x ∈ N(t), 1/q otherwise.
 *
 * As in the paper, the second-order transition of every edge (t → v) is precomputed as an alias table over
 * N(v), so each step is O(1); the tables hold Σ_v deg(v)² entries. Above `ALIAS_LIMIT` entries we switch to
 * exact rejection sampling (propose x from the first-order table of v, accept with α(t, x)/max α; the approach
 * of KnightKing, Yang et al. SOSP 2019), which needs no per-edge memory. Both are exact; the choice is
 * recorded in `meta.sampler`.
 */
import { CsrMatrix } from "../csr";
import { Rng } from "../random";
import { buildAliasInto, drawAlias, drawAliasF32 } from "./alias";

export const ALIAS_LIMIT = 25_000_000;

export interface WalkOptions {
  p: number;
  q: number;
  walkLength: number;
  walksPerNode: number;
  seed: number;
  sampler?: "alias" | "rejection" | "auto";
  onProgress?: (fraction: number) => void;
}

export interface Walks {
  /** walkCount × walkLength node ids, row-major; a walk stuck at a node without out-edges is padded with −1. */
  nodes: Int32Array;
  walkLength: number;
  walkCount: number;
  /** Number of valid (≥ 0) entries. */
  tokens: number;
  sampler: "first-order" | "alias" | "rejection";
}

function hasEdge(G: CsrMatrix, t: number, x: number): boolean {
  let lo = G.indptr[t];
  let hi = G.indptr[t + 1] - 1;
  const ind = G.indices;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = ind[mid];
    if (c === x) return true;
    if (c < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** First-order alias tables: one per node over its out-edge weights, stored at indptr[v]. */
function nodeTables(G: CsrMatrix): { prob: Float64Array; alias: Int32Array } {
  const nnz = G.nnz;
  const prob = new Float64Array(nnz);
  const alias = new Int32Array(nnz);
  let maxDeg = 0;
  for (let v = 0; v < G.rows; v++) maxDeg = Math.max(maxDeg, G.indptr[v + 1] - G.indptr[v]);
  const small = new Int32Array(maxDeg);
  const large = new Int32Array(maxDeg);
  const scaled = new Float64Array(maxDeg);
  for (let v = 0; v < G.rows; v++) {
    const s = G.indptr[v];
    buildAliasInto(prob, alias, s, G.values.subarray(s, G.indptr[v + 1]), G.indptr[v + 1] - s, small, large, scaled);
  }
  return { prob, alias };
}

/** Second-order tables: for CSR edge e = (t → v), a table over N(v) at edgeOffset[e]. */
function edgeTables(G: CsrMatrix, p: number, q: number): { prob: Float32Array; alias: Int32Array; offset: Float64Array } {
  const { rows, indptr, indices, values } = G;
  const nnz = G.nnz;
  const offset = new Float64Array(nnz + 1);
  for (let e = 0; e < nnz; e++) {
    const v = indices[e];
    offset[e + 1] = offset[e] + (indptr[v + 1] - indptr[v]);
  }
  const prob = new Float32Array(offset[nnz]);
  const alias = new Int32Array(offset[nnz]);
  let maxDeg = 0;
  for (let v = 0; v < rows; v++) maxDeg = Math.max(maxDeg, indptr[v + 1] - indptr[v]);
  const w = new Float64Array(maxDeg);
  const small = new Int32Array(maxDeg);
  const large = new Int32Array(maxDeg);
  const scaled = new Float64Array(maxDeg);
  const invP = 1 / p;
  const invQ = 1 / q;
  for (let t = 0; t < rows; t++) {
    const ts = indptr[t];
    const te = indptr[t + 1];
    for (let e = ts; e < te; e++) {
      const v = indices[e];
      const vs = indptr[v];
      const ve = indptr[v + 1];
      // Merge the sorted rows of t and v to find which x ∈ N(v) are neighbours of t.
      let a = ts;
      for (let k = vs; k < ve; k++) {
        const x = indices[k];
        while (a < te && indices[a] < x) a++;
        const alpha = x === t ? invP : a < te && indices[a] === x ? 1 : invQ;
        w[k - vs] = values[k] * alpha;
      }
      buildAliasInto(prob, alias, offset[e], w, ve - vs, small, large, scaled);
    }
  }
  return { prob, alias, offset };
}

export function randomWalks(G: CsrMatrix, opts: WalkOptions): Walks {
  const { p, q, walkLength, walksPerNode } = opts;
  const n = G.rows;
  const { indptr, indices } = G;
  const firstOrder = p === 1 && q === 1;
  let sumSq = 0;
  for (let v = 0; v < n; v++) {
    const d = indptr[v + 1] - indptr[v];
    sumSq += d * d;
  }
  const sampler = firstOrder ? "first-order" : opts.sampler === "rejection" || (opts.sampler !== "alias" && sumSq > ALIAS_LIMIT) ? "rejection" : "alias";
  const node = nodeTables(G);
  const edge = sampler === "alias" ? edgeTables(G, p, q) : undefined;
  const alphaMax = Math.max(1 / p, 1, 1 / q);
  const walkCount = n * walksPerNode;
  const nodes = new Int32Array(walkCount * walkLength).fill(-1);
  const root = new Rng(opts.seed);
  const order = new Int32Array(n);
  let tokens = 0;
  for (let r = 0; r < walksPerNode; r++) {
    // Each round visits the nodes in a fresh random order (as the reference implementation does), from its own stream.
    const rng = root.stream(r);
    for (let i = 0; i < n; i++) order[i] = i;
    rng.shuffleInPlace(order);
    for (let i = 0; i < n; i++) {
      const base = (r * n + i) * walkLength;
      let cur = order[i];
      nodes[base] = cur;
      tokens++;
      let prevEdge = -1; // CSR index of the edge just taken
      let prev = -1;
      for (let step = 1; step < walkLength; step++) {
        const s = indptr[cur];
        const deg = indptr[cur + 1] - s;
        if (deg === 0) break;
        let k: number;
        if (prevEdge < 0 || sampler === "first-order") {
          k = drawAlias(rng, node.prob, node.alias, s, deg);
        } else if (edge) {
          k = drawAliasF32(rng, edge.prob, edge.alias, edge.offset[prevEdge], deg);
        } else {
          for (;;) {
            k = drawAlias(rng, node.prob, node.alias, s, deg);
            const x = indices[s + k];
            const alpha = x === prev ? 1 / p : hasEdge(G, prev, x) ? 1 : 1 / q;
            if ((rng.nextUint32() + 0.5) * 2.3283064365386963e-10 * alphaMax < alpha) break;
          }
        }
        prevEdge = s + k;
        prev = cur;
        cur = indices[prevEdge];
        nodes[base + step] = cur;
        tokens++;
      }
    }
    opts.onProgress?.((r + 1) / walksPerNode);
  }
  return { nodes, walkLength, walkCount, tokens, sampler };
}
