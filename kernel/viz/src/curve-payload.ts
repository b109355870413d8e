/** x/y series -> `curve` payload. */
import { EigenlabError, checkChoice, checkOptions } from "@eigenlab/core/base";
import { message } from "./messages";
import { encodeArray } from "./codec";
import { payloadMeta } from "./meta";
import type { CurvePayload, PayloadMeta } from "./payload";

export interface CurveInput {
  name?: string;
  /** Default: 0, 1, 2, ... */
  x?: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface CurvePayloadOptions {
  xLabel?: string;
  yLabel?: string;
  xScale?: "linear" | "log";
  yScale?: "linear" | "log";
  title?: string;
}

const OPTIONS = ["xLabel", "yLabel", "xScale", "yScale", "title"] as const;

/** One or more named series (e.g. residual norm per iteration, on a log y axis). */
export function curvePayload(series: CurveInput | CurveInput[], opts: CurvePayloadOptions = {}): CurvePayload {
  checkOptions("curvePayload", opts, OPTIONS);
  const list = Array.isArray(series) ? series : [series];
  if (list.length === 0) throw new EigenlabError("empty", message.empty("The list of curves"));
  const payload: CurvePayload = {
    kind: "curve",
    version: 1,
    data: {
      series: list.map((s, i) => {
        const x = s.x ?? Array.from({ length: s.y.length }, (_, t) => t);
        if (x.length !== s.y.length) throw new EigenlabError("shape", message.length(`x of curve ${i}`, x.length, s.y.length));
        return { name: s.name ?? `series ${i}`, x: encodeArray(x, "float64"), y: encodeArray(s.y, "float64") };
      }),
    },
    meta: {},
  };
  if (opts.xLabel) payload.data.xLabel = opts.xLabel;
  if (opts.yLabel) payload.data.yLabel = opts.yLabel;
  if (opts.xScale) payload.data.xScale = checkChoice("curvePayload", "xScale", opts.xScale, ["linear", "log"] as const);
  if (opts.yScale) payload.data.yScale = checkChoice("curvePayload", "yScale", opts.yScale, ["linear", "log"] as const);
  const extra: PayloadMeta = {};
  if (opts.title) extra.title = opts.title;
  payload.meta = payloadMeta(undefined, extra);
  return payload;
}
