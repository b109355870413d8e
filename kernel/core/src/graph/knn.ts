/** `graph.knn`: the exact k-nearest-neighbour graph of a point cloud, as scikit-learn's kneighbors_graph. */
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkChoice, checkOptions } from "../validate";
import { checkPoints, checkPositiveInt } from "./check";
import { Metric, nearestNeighbors, NeighborLists } from "./neighbors";

export interface KnnOptions {
  /** Neighbours per point (required). */
  k: number;
  /** "euclidean" (default) or "cosine" (1 − cosine similarity). */
  metric?: Metric;
  /** "connectivity" (default): weight 1; "distance": the distance as weight. */
  mode?: "connectivity" | "distance";
  /** Count each point as its own first neighbour (scikit-learn's include_self). Default false. */
  includeSelf?: boolean;
}

/** Validated neighbour search shared by knn and affinity. */
export function neighborLists(fn: string, X: Matrix, k: unknown, metric: Metric, includeSelf: boolean): NeighborLists {
  checkPoints(fn, X, 1);
  if (k === undefined) throw new EigenlabError("bad-option", message.missingOption(fn, "k", "{ k: 10 }"));
  checkPositiveInt(fn, "k", k);
  const n = X.rows;
  if ((k as number) > (includeSelf ? n : n - 1)) throw new EigenlabError("k-too-large", message.neighborsTooMany(fn, k as number, n, includeSelf));
  return nearestNeighbors(X, k as number, metric, includeSelf);
}

/** The neighbour lists as a CSR matrix (row i holds its k neighbours, columns sorted). */
export function listsToCsr(lists: NeighborLists, value: (i: number, c: number) => number): CsrMatrix {
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
  return new CsrMatrix(n, n, indptr, cols, vals);
}

/**
 * The directed k-nearest-neighbour graph of the rows of X: row i has an entry for each of its k nearest
 * points. Exact (brute force, blocked); symmetrize with graph.symmetrize for an undirected graph.
 */
export function knn(X: Matrix, opts: KnnOptions): CsrMatrix {
  const fn = "graph.knn";
  checkOptions(fn, opts, ["k", "metric", "mode", "includeSelf"]);
  const metric = checkChoice(fn, "metric", opts?.metric ?? "euclidean", ["euclidean", "cosine"] as const);
  const mode = checkChoice(fn, "mode", opts?.mode ?? "connectivity", ["connectivity", "distance"] as const);
  const includeSelf = opts?.includeSelf ?? false;
  const lists = neighborLists(fn, X, opts?.k, metric, includeSelf);
  return listsToCsr(lists, mode === "connectivity" ? () => 1 : (i, c) => lists.distances[i * lists.k + c]);
}
