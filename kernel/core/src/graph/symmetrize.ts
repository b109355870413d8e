/** `graph.symmetrize`: an undirected graph from a directed one (e.g. a kNN graph). */
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkChoice } from "../validate";
import { checkAdjacency } from "../validate/graph";

export type SymmetrizeMode = "mean" | "max" | "mutual";

/**
 * "mean": (W + Wᵀ)/2 (scikit-learn's choice for its nearest-neighbour affinity; a one-sided kNN edge gets
 * half its weight); "max": max(W, Wᵀ) (an edge if either end chose the other, von Luxburg 2007 §2.2 "kNN
 * graph"); "mutual": min(W, Wᵀ) on edges stored in both directions (the mutual kNN graph).
 *
 * @example
 * ```ts
 * const W = CsrMatrix.fromTriplets(2, 2, [0], [1], [2]); // one directed edge 0 → 1 of weight 2
 * graph.symmetrize(W).toDense().toArray(); // => [[0, 1], [1, 0]]
 * graph.symmetrize(W, "max").toDense().toArray(); // => [[0, 2], [2, 0]]
 * graph.symmetrize(W, "mutual").values.length; // => 0
 * ```
 */
export function symmetrize(W: CsrMatrix, mode: SymmetrizeMode = "mean"): CsrMatrix {
  const fn = "graph.symmetrize";
  checkAdjacency(fn, W);
  if (typeof mode !== "string") throw new EigenlabError("bad-option", message.badChoice(fn, "mode", mode, ["mean", "max", "mutual"]));
  checkChoice(fn, "mode", mode, ["mean", "max", "mutual"] as const);
  const T = W.T;
  const n = W.rows;
  const indptr = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let r = 0; r < n; r++) {
    let p = W.indptr[r], q = T.indptr[r];
    const pe = W.indptr[r + 1], qe = T.indptr[r + 1];
    while (p < pe || q < qe) {
      const cp = p < pe ? W.indices[p] : n;
      const cq = q < qe ? T.indices[q] : n;
      let a = 0, b = 0, both = false, c: number;
      if (cp === cq) { a = W.storedValues[p++]; b = T.storedValues[q++]; both = true; c = cp; }
      else if (cp < cq) { a = W.storedValues[p++]; c = cp; }
      else { b = T.storedValues[q++]; c = cq; }
      let v: number;
      if (mode === "mean") v = 0.5 * (a + b);
      else if (mode === "max") v = Math.max(a, b);
      else if (both) v = Math.min(a, b);
      else continue;
      cols.push(c);
      vals.push(v);
    }
    indptr[r + 1] = cols.length;
  }
  return new CsrMatrix(n, n, indptr, Int32Array.from(cols), Float64Array.from(vals));
}
