/** Matrix / CsrMatrix -> `matrix` payload (a heatmap, block-averaged when large). */
import { CsrMatrix, EigenlabError, Matrix } from "@eigenlab/core";
import { checkOptions } from "@eigenlab/core/base";
import { message } from "./messages";
import { encodeArray } from "./codec";
import { LIMITS } from "./limits";
import { payloadMeta } from "./meta";
import { blockMean, sparseBlockMean } from "./reduce";
import type { MatrixPayload, PayloadMeta } from "./payload";

export interface MatrixPayloadOptions {
  maxSide?: number;
  title?: string;
}

const OPTIONS = ["maxSide", "title"] as const;

/** The heatmap payload: at most maxSide × maxSide block means (a sparse matrix's missing entries count as 0). */
export function matrixPayload(A: Matrix | CsrMatrix, opts: MatrixPayloadOptions = {}): MatrixPayload {
  checkOptions("matrixPayload", opts, OPTIONS);
  if (A.rows === 0 || A.cols === 0) throw new EigenlabError("empty", message.empty("The matrix"));
  const maxSide = opts.maxSide ?? LIMITS.payloadMatrixSide;
  const sparse = A instanceof CsrMatrix;
  const { values, r, c } = sparse ? sparseBlockMean(A, maxSide) : blockMean(A.data, A.rows, A.cols, maxSide);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (lo > hi) lo = hi = 0;
  const payload: MatrixPayload = {
    kind: "matrix",
    version: 1,
    data: {
      rows: A.rows,
      cols: A.cols,
      values: encodeArray(values, "float32", [r, c]),
      range: [lo, hi],
      diverging: lo < 0 && hi > 0,
    },
    meta: {},
  };
  if (sparse) payload.data.nnz = A.nnz;
  const extra: PayloadMeta = { displayPrecision: "float32", inputShape: [A.rows, A.cols] };
  if (opts.title) extra.title = opts.title;
  if (r < A.rows || c < A.cols) extra.reduced = { method: "block-mean", from: [A.rows, A.cols], to: [r, c] };
  payload.meta = payloadMeta(undefined, extra);
  return payload;
}
