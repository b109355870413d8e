/** linalg.svd's result -> `spectrum` payload: the scree of singular values, linked to the rows' principal coordinates. */
import type { linalg } from "@eigenlab/core";
import { checkOptions } from "@eigenlab/core/base";
import { encodeArray } from "./codec";
import { histogram } from "./histogram";
import { LIMITS } from "./limits";
import { payloadMeta } from "./meta";
import type { PayloadMeta, SpectrumPayload } from "./payload";

export interface SvdPayloadOptions {
  /** Carry U for linked recoloring (default true when m × k ≤ LIMITS.vectorEntries). */
  vectors?: boolean;
  title?: string;
}

const OPTIONS = ["vectors", "title"] as const;

/**
 * Singular values largest first (a scree plot), with the left singular vectors U as the linked "eigenvectors"
 * and the rows of A placed at their first two principal coordinates U·diag(s) (PCA scores when A's columns
 * are centred), so choosing σ_j recolors the rows by u_j.
 */
export function svdPayload(r: linalg.SvdResult, opts: SvdPayloadOptions = {}): SpectrumPayload {
  checkOptions("svdPayload", opts, OPTIONS);
  const s = r.s;
  const k = s.length;
  const extra: PayloadMeta = {};
  if (opts.title) extra.title = opts.title;
  const payload: SpectrumPayload = {
    kind: "spectrum",
    version: 1,
    data: { values: encodeArray(s, "float64"), valueName: "singular value", view: "scree", histogram: histogram(s), overlays: [] },
    meta: {},
  };
  const U = r.U;
  if ((opts.vectors ?? true) && U.cols === k && k > 0) {
    if (U.rows * k > LIMITS.vectorEntries) {
      extra.notes = [`singular vectors omitted: ${U.rows} × ${k} is above the display limit of ${LIMITS.vectorEntries} entries`];
    } else {
      payload.data.vectors = encodeArray(U.data, "float32", [U.rows, k]);
      extra.displayPrecision = "float32";
      if (k >= 2) {
        const coords = new Float64Array(2 * U.rows);
        for (let i = 0; i < U.rows; i++) {
          coords[2 * i] = U.data[i * k] * s[0];
          coords[2 * i + 1] = U.data[i * k + 1] * s[1];
        }
        payload.data.coords = encodeArray(coords, "float32", [U.rows, 2]);
      }
    }
  }
  payload.meta = payloadMeta(r.meta, extra);
  return payload;
}
