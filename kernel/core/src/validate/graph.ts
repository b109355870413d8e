/**
 * Graph and point-cloud inputs shared by the graph, cluster, embed and diffusion namespaces: one adjacency
 * rule for every function (spectral methods ask for symmetry on top; random-walk methods walk along the
 * stored edges of a directed graph, as node2vec's reference implementation does).
 */
import { CsrMatrix } from "../csr";
import { Matrix } from "../matrix";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkFinite, SYMMETRY_RTOL } from "./checks";
import { asMatrix } from "./inputs";
import { quote } from "./describe";

/**
 * A square CsrMatrix with finite, non-negative weights; symmetric (within SYMMETRY_RTOL·max|w|) when asked.
 * Returns the largest weight. Internals called with a checked graph do not check it again.
 */
export function checkAdjacency(fn: string, W: unknown, opts: { symmetric?: boolean } = {}): CsrMatrix {
  if (!(W instanceof CsrMatrix)) throw new EigenlabError("bad-input", message.notCsrAdjacency(fn, quote(W), W instanceof Matrix || Array.isArray(W)));
  if (W.rows !== W.cols) throw new EigenlabError("not-square", message.notSquare(`${fn}: the adjacency matrix`, W.rows, W.cols));
  const v = W.storedValues; // float32 values read as stored
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

/** A finite data matrix (one row per point; nested arrays are copied into a Matrix) with at least `minRows` rows. */
export function checkPoints(fn: string, X: unknown, minRows = 1): Matrix {
  const M = asMatrix(fn, "X (the points, one row per point)", X, "graph.knn for a sparse neighbour graph");
  checkFinite(`${fn}: X`, M.stored);
  if (M.rows < minRows) throw new EigenlabError("too-few-points", message.tooFewPoints(fn, M.rows, minRows));
  return M;
}
