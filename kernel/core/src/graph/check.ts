/**
 * Graph and point-cloud input checks shared by the graph, cluster and embed namespaces (private: not exported
 * from the barrel). Numeric option checks are in validate-numbers.ts.
 */
import { CsrMatrix } from "../csr";
import { Matrix } from "../matrix";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkFinite, SYMMETRY_RTOL } from "../validate";

function describe(x: unknown): string {
  if (x === null) return "null";
  if (typeof x !== "object") return typeof x;
  return (x as object).constructor?.name ?? "an object";
}

/** A square CsrMatrix with finite, non-negative weights; symmetric (within SYMMETRY_RTOL) when asked. */
export function checkAdjacency(fn: string, W: unknown, opts: { symmetric?: boolean } = {}): CsrMatrix {
  if (!(W instanceof CsrMatrix)) throw new EigenlabError("bad-input", message.notCsrAdjacency(fn, describe(W)));
  if (W.rows !== W.cols) throw new EigenlabError("not-square", message.notSquare(`${fn}: the adjacency matrix`, W.rows, W.cols));
  const v = W.values;
  const nz = W.nnz;
  checkFinite(`${fn}: the adjacency matrix`, v.subarray(0, nz));
  let maxAbs = 0;
  for (let r = 0; r < W.rows; r++) {
    for (let p = W.indptr[r]; p < W.indptr[r + 1]; p++) {
      if (v[p] < 0) throw new EigenlabError("negative-weight", message.negativeWeight(fn, r, W.indices[p], v[p]));
      maxAbs = Math.max(maxAbs, v[p]);
    }
  }
  if (opts.symmetric) {
    const a = W.asymmetry();
    if (a.value > SYMMETRY_RTOL * maxAbs) throw new EigenlabError("not-symmetric", message.notSymmetricGraph(fn, a.i, a.j, a.value));
  }
  return W;
}

/** A finite data matrix (one row per point) with at least `minRows` rows. */
export function checkPoints(fn: string, X: unknown, minRows = 1): Matrix {
  if (!(X instanceof Matrix)) throw new EigenlabError("bad-input", `${fn}: expected the points as a Matrix (one row per point), got ${describe(X)}.`);
  checkFinite(`${fn}: X`, X.data);
  if (X.rows < minRows) throw new EigenlabError("too-few-points", message.tooFewPoints(fn, X.rows, minRows));
  return X;
}

/**
 * Checks a graph given as an adjacency CsrMatrix: square, finite, non-negative weights. Symmetry is not
 * required (directed graphs walk along stored edges), as in node2vec's reference implementation.
 */
export function checkWalkGraph(fn: string, G: unknown): CsrMatrix {
  if (!(G instanceof CsrMatrix)) throw new EigenlabError("bad-graph", message.graphNotCsr(fn));
  if (G.rows !== G.cols) throw new EigenlabError("not-square", message.graphNotSquare(fn, G.rows, G.cols));
  for (let r = 0; r < G.rows; r++) {
    for (let p = G.indptr[r]; p < G.indptr[r + 1]; p++) {
      const w = G.values[p];
      if (!Number.isFinite(w)) throw new EigenlabError("nan", message.notFinite(`${fn}: graph weights`, p, w));
      if (w < 0) throw new EigenlabError("negative-weight", message.negativeWalkWeight(fn, r, G.indices[p], w));
    }
  }
  return G;
}
