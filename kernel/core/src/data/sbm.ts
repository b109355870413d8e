/** `data.sbm`: a seeded stochastic block model graph (Holland, Laskey & Leinhardt 1983). */
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { Rng } from "../random";
import { checkOptions } from "../validate";
import { checkAllocation } from "../guard";
import { opt, requireOptions } from "../validate/options";

export interface SbmOptions {
  /** Block sizes, e.g. [50, 50, 50]. */
  sizes: number[];
  /** Edge probability inside a block; or a full k×k matrix of block-pair probabilities (then pOut is unused). */
  pIn: number | number[][];
  /** Edge probability between blocks. */
  pOut?: number;
  /** Seed of the random choices; same seed, same result (default 0). */
  seed?: number;
}

export interface SbmGraph {
  /** Symmetric 0/1 adjacency, no self-loops. */
  graph: CsrMatrix;
  /** Block of each node, 0..k-1 (nodes ordered block by block). */
  labels: Int32Array;
}

function isProbability(x: unknown): x is number {
  return typeof x === "number" && x >= 0 && x <= 1;
}

/**
 * Undirected SBM without self-loops. Each block pair's edges are drawn by geometric skipping (Batagelj &
 * Brandes 2005, "Efficient generation of large random networks"): the gap to the next edge among the pairs is
 * Geometric(p), so the cost is O(n + edges) rather than O(n²) Bernoulli draws. Block pair (a, b) uses its own
 * Rng stream, so the result depends only on the seed.
 *
 * @example
 * ```ts
 * // two blocks of 3, linked fully inside and never across: two triangles
 * const { graph: W, labels } = data.sbm({ sizes: [3, 3], pIn: 1, pOut: 0, seed: 0 });
 * labels; // => [0, 0, 0, 1, 1, 1]
 * graph.components(W).count; // => 2
 * W.values.length; // => 12
 * ```
 */
export function sbm(opts: SbmOptions): SbmGraph {
  requireOptions("data.sbm", opts, "{ sizes: [50, 50], pIn: 0.3, pOut: 0.02 }");
  checkOptions("data.sbm", opts, { sizes: opt.array(opt.integer(1), { minLength: 1 }), pIn: opt.either(opt.number(), opt.matrix()), pOut: opt.number(), seed: opt.seed });
  const { sizes } = opts;
  if (!Array.isArray(sizes) || sizes.length === 0 || !sizes.every((s) => Number.isInteger(s) && s > 0)) {
    throw new EigenlabError("bad-option", message.sbmSizes(sizes));
  }
  const k = sizes.length;
  const P: number[][] = [];
  if (Array.isArray(opts.pIn)) {
    const M = opts.pIn;
    const ok = M.length === k && M.every((row, a) => Array.isArray(row) && row.length === k && row.every((x, b) => isProbability(x) && x === M[b][a]));
    if (!ok) throw new EigenlabError("bad-option", message.sbmProbabilities(opts.pIn));
    for (const row of M) P.push([...row]);
  } else {
    const pOut = opts.pOut ?? 0;
    if (!isProbability(opts.pIn) || !isProbability(pOut)) throw new EigenlabError("bad-option", message.sbmProbabilities({ pIn: opts.pIn, pOut }));
    for (let a = 0; a < k; a++) P.push(Array.from({ length: k }, (_, b) => (a === b ? (opts.pIn as number) : pOut)));
  }
  const rng = new Rng(opts.seed ?? 0);
  const start = [0];
  for (const s of sizes) start.push(start[start.length - 1] + s);
  const n = start[k];
  // expected edges Σ_{a≤b} P_ab·pairs(a, b), each held as two JS numbers per direction while sampling, then in CSR
  let expected = 0;
  for (let a = 0; a < k; a++) for (let b = a; b < k; b++) expected += P[a][b] * (a === b ? (sizes[a] * (sizes[a] - 1)) / 2 : sizes[a] * sizes[b]);
  checkAllocation("data.sbm", `a ${n}-node graph with about ${Math.round(expected)} edges`, 2 * expected * (16 + 12) + 12 * n);
  const labels = new Int32Array(n);
  for (let a = 0; a < k; a++) labels.fill(a, start[a], start[a + 1]);
  const ii: number[] = [];
  const jj: number[] = [];
  const add = (i: number, j: number) => {
    ii.push(i, j);
    jj.push(j, i);
  };
  let streamId = 0;
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const r = rng.stream(streamId++);
      const p = P[a][b];
      if (p === 0) continue;
      const ma = sizes[a];
      const mb = sizes[b];
      const total = a === b ? (ma * (ma - 1)) / 2 : ma * mb;
      const logq = Math.log1p(-p);
      // idx walks over the pairs in order; each step skips Geometric(p) − 1 non-edges.
      let idx = -1;
      // Row/column pointer for the triangular case (pairs (i, j), i < j, row by row).
      let row = 0;
      let rowStart = 0; // linear index of pair (row, row + 1)
      for (;;) {
        const skip = p === 1 ? 0 : Math.floor(Math.log(1 - r.uniform()) / logq);
        idx += 1 + skip;
        if (idx >= total) break;
        if (a === b) {
          while (idx >= rowStart + (ma - 1 - row)) {
            rowStart += ma - 1 - row;
            row++;
          }
          add(start[a] + row, start[a] + row + 1 + (idx - rowStart));
        } else {
          add(start[a] + Math.floor(idx / mb), start[b] + (idx % mb));
        }
      }
    }
  }
  const graph = CsrMatrix.fromTriplets(n, n, ii, jj, new Float64Array(ii.length).fill(1));
  return { graph, labels };
}
