/** `graph.knn`: the exact k-nearest-neighbour graph of a point cloud, as scikit-learn's kneighbors_graph. */
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkChoice, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { checkPoints } from "../validate/graph";
import { asMatrix } from "../validate/inputs";
import { positiveInteger } from "../validate";
import { Backend, defaultBackend, getBackend } from "../backend";
import { blasThreads, exactDistance, gemmBackend, Metric, nearestNeighbors, NeighborLists, unitRows } from "../kernels";
import { nnDescent } from "../kernels/nndescent";
import { Rng } from "../random";
import { hashArrays, ResultMeta, stamp } from "../meta";
import { checkAllocation } from "../guard";
import { toFloat64 } from "../dtype";

export interface KnnOptions {
  /** Neighbours per point (required). */
  k: number;
  /** "euclidean" (default) or "cosine" (1 − cosine similarity). */
  metric?: Metric;
  /** "connectivity" (default): weight 1; "distance": the distance as weight. */
  mode?: "connectivity" | "distance";
  /** Count each point as its own first neighbour (scikit-learn's include_self). Default false. */
  includeSelf?: boolean;
  /**
   * Where the distance tiles run: "auto" (default: the backend registry's measured crossover, the CPU path
   * unless a registered backend was measured faster on this machine), "cpu", "gpu" (needs `@eigenlab/gpu`
   * imported) or any registered backend id. `meta.backend` of the result names what ran.
   */
  backend?: string;
  /**
   * "exact" (default): brute force, O(n²·d). "nndescent": approximate, NN-descent from a random-projection
   * forest (Dong, Charikar, Li 2011; as pynndescent), about O(n·k²·d) per round, distances in WebAssembly SIMD —
   * for large n (recall@10 ≈ 0.95–0.99 on clustered data, d = 16 and 64; in high dimension it keeps up to 2k
   * neighbours per point while searching; `meta.solver` names the method and its rounds). "auto": "nndescent" from
   * `KNN_AUTO_NNDESCENT` points up, "exact" below.
   */
  method?: "exact" | "nndescent" | "auto";
  /** Seed of the "nndescent" search (its forest and candidate sampling); same seed, same graph. Default 0. */
  seed?: number;
}

/**
 * Points from which `method: "auto"` takes NN-descent: the exact search is O(n²) (1 s at 2·10⁴ points on 2
 * cores, 18 s at 10⁵) while NN-descent grows about linearly; below this the exact graph is cheap enough.
 */
export const KNN_AUTO_NNDESCENT = 50000;

/** Validated neighbour search shared by knn and affinity; `be` other than the CPU reference routes the tiles there. */
export function neighborLists(fn: string, X: Matrix, k: unknown, metric: Metric, includeSelf: boolean, be?: Backend): NeighborLists {
  const kk = checkNeighbors(fn, X, k, includeSelf);
  // The exact search's tiles are float64 GEMMs on a permuted, packed copy of the rows it makes anyway; float32
  // rows are widened into one more transient float64 copy (freed on return, never kept on the Matrix).
  const rows = { rows: X.rows, cols: X.cols, data: toFloat64(X.stored) };
  if (be && be.id !== "cpu") return backendNeighbors(be, rows, kk, metric, includeSelf);
  return nearestNeighbors(rows, kk, metric, includeSelf);
}

/** The checks every kNN search shares (exact or NN-descent): points, k given and in range, the graph's size. */
function checkNeighbors(fn: string, X: Matrix, k: unknown, includeSelf: boolean): number {
  checkPoints(fn, X, 1);
  if (k === undefined) throw new EigenlabError("bad-option", message.missingOption(fn, "k", "{ k: 10 }"));
  positiveInteger(fn, "k", k);
  const n = X.rows;
  if ((k as number) > (includeSelf ? n : n - 1)) throw new EigenlabError("k-too-large", message.neighborsTooMany(fn, k as number, n, includeSelf));
  // neighbor lists (index + distance per entry), then the CSR graph and its symmetrized copy: about 3 × n·k × 12 bytes
  checkAllocation(fn, `a ${n}-node graph with k = ${k as number} neighbors per node`, 36 * n * (k as number));
  return k as number;
}

/**
 * The same lists from a registered compute backend's `knnCandidates` (e.g. GPU.js): the backend ranks its
 * candidates and re-ranks them by float64 distances (backend/refine.ts); the distances handed back are then
 * recomputed with the formula of the CPU engine, so both paths report identical values for one neighbour.
 */
function backendNeighbors(be: Backend, X: { rows: number; cols: number; data: Float64Array }, k: number, metric: Metric, includeSelf: boolean): NeighborLists {
  const n = X.rows;
  const d = X.cols;
  const data = metric === "cosine" ? unitRows(X) : X.data;
  const others = includeSelf ? k - 1 : k;
  const found = others > 0 ? be.knnCandidates({ rows: n, cols: d, data }, others) : null;
  const indices = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let c = 0;
    if (includeSelf) indices[i * k + c++] = i; // distance 0: first
    for (let t = 0; t < others; t++, c++) {
      const j = found!.indices[i * others + t];
      indices[i * k + c] = j;
      distances[i * k + c] = exactDistance(data, d, i, j, metric);
    }
  }
  return { n, k, indices, distances };
}

/** The neighbour lists as a CSR matrix (row i holds its k neighbours, columns sorted). */
export function listsToCsr(lists: NeighborLists, value: (i: number, c: number) => number, meta?: ResultMeta): CsrMatrix {
  const { n, k, indices } = lists;
  const indptr = new Int32Array(n + 1);
  const cols = new Int32Array(n * k);
  const vals = new Float64Array(n * k);
  const order = new Array<number>(k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) order[c] = c;
    order.sort((a, b) => indices[i * k + a] - indices[i * k + b]);
    for (let c = 0; c < k; c++) {
      cols[i * k + c] = indices[i * k + order[c]];
      vals[i * k + c] = value(i, order[c]);
    }
    indptr[i + 1] = (i + 1) * k;
  }
  return new CsrMatrix(n, n, indptr, cols, vals, meta);
}

/**
 * The directed k-nearest-neighbour graph of the rows of X: row i has an entry for each of its k nearest
 * points. Exact (brute force, blocked); symmetrize with graph.symmetrize for an undirected graph.
 *
 * @example
 * ```ts
 * // points on a line at 0, 1, 3, 7: each one's nearest other point
 * const X = Matrix.from([[0], [1], [3], [7]]);
 * graph.knn(X, { k: 1 }).toDense().toArray(); // => [[0, 1, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]
 * graph.knn(X, { k: 1, mode: "distance" }).values; // => [1, 1, 2, 4]
 * // approximate (NN-descent) on a larger cloud: the same graph for the same seed, nearly the exact one
 * const P = data.blobs({ n: 2000, k: 5, d: 8, seed: 1 }).X;
 * const approx = graph.knn(P, { k: 10, method: "nndescent", seed: 3 });
 * const exact = graph.knn(P, { k: 10 });
 * let found = 0; // approximate neighbours that are exact neighbours (recall)
 * for (let i = 0; i < P.rows; i++) {
 *   const row = new Set(exact.indices.subarray(exact.indptr[i], exact.indptr[i + 1]));
 *   for (let p = approx.indptr[i]; p < approx.indptr[i + 1]; p++) if (row.has(approx.indices[p])) found++;
 * }
 * found / exact.nnz > 0.95; // => true
 * graph.knn(P, { k: 10, method: "nndescent", seed: 3 }).indices.join() === approx.indices.join(); // => true
 * ```
 */
export function knn(X: Matrix, opts: KnnOptions): CsrMatrix {
  const fn = "graph.knn";
  const t0 = performance.now();
  // nested arrays become a Matrix here, once: the rest of knn reads X.rows / X.data (an array has neither,
  // and an undefined row count sent the search into an unbounded allocation that crashed the process)
  // (X keeps its name in the signature: Shift+Tab and the reference show it)
  X = asMatrix(fn, "X (the points, one row per point)", X, "graph.knn for a sparse neighbour graph");
  checkOptions(fn, opts, {
    k: opt.integer(1), metric: opt.oneOf("euclidean", "cosine"), mode: opt.oneOf("connectivity", "distance"), includeSelf: opt.boolean,
    backend: opt.string, method: opt.oneOf("exact", "nndescent", "auto"), seed: opt.seed,
  });
  const metric = checkChoice(fn, "metric", opts?.metric ?? "euclidean", ["euclidean", "cosine"] as const);
  const mode = checkChoice(fn, "mode", opts?.mode ?? "connectivity", ["connectivity", "distance"] as const);
  const includeSelf = opts?.includeSelf ?? false;
  const method = checkChoice(fn, "method", opts?.method ?? "exact", ["exact", "nndescent", "auto"] as const);
  if (method === "nndescent" || (method === "auto" && (X?.rows ?? 0) >= KNN_AUTO_NNDESCENT)) {
    if (opts?.backend !== undefined && opts.backend !== "cpu") throw new EigenlabError("bad-option", message.knnMethodBackend(fn, opts.backend));
    return approximateKnn(fn, X, opts, metric, mode, includeSelf, t0);
  }
  const be = getBackend(opts?.backend ?? defaultBackend(), { kernel: "knnCandidates", size: X?.rows ?? 0 });
  const lists = neighborLists(fn, X, opts?.k, metric, includeSelf, be);
  const cpu = be.id === "cpu";
  const ran = be.meta("knnCandidates");
  const meta: ResultMeta = stamp({
    solver: cpu ? `knn:brute-tiled-${gemmBackend()}+exact-rerank` : "knn:backend-candidates+float64-rerank",
    backend: cpu ? (gemmBackend() === "wasm-simd" ? "cpu-wasm" : "cpu") : ran.backend,
    precision: cpu ? "float64" : ran.precision,
    inputShape: [X.rows, X.cols],
    inputHash: hashArrays(X.stored),
    inputPrecision: X.dtype,
    threads: cpu ? blasThreads() : undefined,
    timeMs: performance.now() - t0,
  });
  return listsToCsr(lists, mode === "connectivity" ? () => 1 : (i, c) => lists.distances[i * lists.k + c], meta);
}

/** graph.knn with method "nndescent": the approximate lists (kernels/nndescent.ts) as the same CSR graph. */
function approximateKnn(fn: string, X: Matrix, opts: KnnOptions, metric: Metric, mode: "connectivity" | "distance", includeSelf: boolean, t0: number): CsrMatrix {
  const k = checkNeighbors(fn, X, opts.k, includeSelf);
  const n = X.rows;
  const seed = opts.seed ?? 0; // a safe integer: knn's options schema checked it
  const { lists, stats } = nnDescent({ rows: n, cols: X.cols, data: X.stored }, { k, metric, includeSelf, rng: new Rng(seed), task: `${fn} (nndescent, n = ${n})` });
  const meta: ResultMeta = stamp({
    solver: `knn:nndescent(rp-forest ${stats.trees} trees, ${stats.iterations} rounds)`,
    backend: stats.kernels === "wasm-simd" ? "cpu-wasm" : "cpu",
    precision: "float64",
    inputShape: [X.rows, X.cols],
    inputHash: hashArrays(X.stored),
    inputPrecision: X.dtype,
    seed,
    timeMs: performance.now() - t0,
  });
  return listsToCsr(lists, mode === "connectivity" ? () => 1 : (i, c) => lists.distances[i * lists.k + c], meta);
}
