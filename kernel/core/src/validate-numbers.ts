/** Numeric option checks for the random-walk, RMT, diffusion, OT and dataset functions (messages in messages.ts). */
import { EigenlabError } from "./errors";
import { message } from "./messages";
import { CsrMatrix } from "./csr";

export function positiveInteger(fn: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new EigenlabError("bad-option", message.positiveInteger(fn, option, value));
  }
  return value;
}

export function nonNegativeInteger(fn: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new EigenlabError("bad-option", message.nonNegativeInteger(fn, option, value));
  }
  return value;
}

export function positiveNumber(fn: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new EigenlabError("bad-option", message.positiveNumber(fn, option, value));
  }
  return value;
}

export function probability(fn: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw new EigenlabError("bad-option", message.probability(fn, option, value));
  }
  return value;
}

/**
 * Checks a graph given as an adjacency CsrMatrix: square, finite, non-negative weights. Symmetry is not
 * required (directed graphs walk along stored edges), as in node2vec's reference implementation.
 */
export function checkAdjacency(fn: string, G: unknown): CsrMatrix {
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
