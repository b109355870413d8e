/** `graph.epsilon`: the ε-neighbourhood graph (scikit-learn's radius_neighbors_graph). */
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkChoice, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { checkPoints } from "../validate/graph";
import { positiveNumber } from "../validate";
import { radiusNeighbors } from "../kernels";

export interface EpsilonOptions {
  /** Radius: points at distance ≤ eps are joined (required). */
  eps: number;
  /** "euclidean" (default) or "cosine" (1 − cosine similarity). */
  metric?: "euclidean" | "cosine";
  /** "connectivity" (default): weight 1; "distance": the distance as weight. */
  mode?: "connectivity" | "distance";
  /** Count each point as its own neighbour (scikit-learn's include_self). Default false. */
  includeSelf?: boolean;
}

/**
 * Joins every pair of rows of X within distance eps; symmetric by construction.
 *
 * @example
 * ```ts
 * const X = Matrix.from([[0], [1], [3], [7]]);
 * graph.epsilon(X, { eps: 2.5 }).toDense().toArray(); // => [[0, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 0]]
 * ```
 */
export function epsilon(X: Matrix, opts: EpsilonOptions): CsrMatrix {
  const fn = "graph.epsilon";
  checkOptions(fn, opts, { eps: opt.number(), metric: opt.oneOf("euclidean", "cosine"), mode: opt.oneOf("connectivity", "distance"), includeSelf: opt.boolean });
  checkPoints(fn, X, 1);
  if (opts?.eps === undefined) throw new EigenlabError("bad-option", message.missingOption(fn, "eps", "{ eps: 0.5 }"));
  const eps = positiveNumber(fn, "eps", opts.eps);
  const metric = checkChoice(fn, "metric", opts.metric ?? "euclidean", ["euclidean", "cosine"] as const);
  const mode = checkChoice(fn, "mode", opts.mode ?? "connectivity", ["connectivity", "distance"] as const);
  const r = radiusNeighbors(X, eps, metric, opts.includeSelf ?? false);
  const values = mode === "connectivity" ? new Float64Array(r.indices.length).fill(1) : r.distances;
  return new CsrMatrix(X.rows, X.rows, r.indptr, r.indices, values);
}
