/**
 * The `curve` display kind: named x/y series (a convergence history, an eigenvalue path, a density). Results
 * mapped onto it: rmt.MarchenkoPastur (its density), linalg.OjaResult (variance per direction) (kinds/results.ts).
 */
import { decodeArray } from "../codec";
import { LIMITS } from "../limits";
import type { CurvePayload, CurveSeries } from "../payload";
import { round, top } from "../spec";
import type { Json, SpecOptions } from "../spec";
import { chartView, isEncoded, panelWidth, plural } from "./kind";
import type { DisplayKind } from "./kind";

/** One line per series (thinned to LIMITS.specCurvePoints points each). */
export function curveLayers(p: CurvePayload, opts: SpecOptions = {}): Json {
  const values: Json[] = [];
  const xLog = p.data.xScale === "log";
  const yLog = opts.logScale || p.data.yScale === "log";
  for (const s of p.data.series) {
    const x = decodeArray(s.x);
    const y = decodeArray(s.y);
    const stride = Math.max(1, Math.ceil(x.length / (opts.maxCurvePoints ?? LIMITS.specCurvePoints)));
    for (let i = 0; i < x.length; i += stride) {
      // Points at or below 0 have no place on a log axis (e.g. an error that reached exactly 0).
      if ((xLog && !(x[i] > 0)) || (yLog && !(y[i] > 0))) continue;
      values.push({ series: s.name, x: round(x[i]), y: round(y[i]) });
    }
  }
  return {
    width: opts.width ?? 360,
    height: opts.height ?? 240,
    data: { values },
    mark: { type: "line", point: values.length <= 200 },
    encoding: {
      x: { field: "x", type: "quantitative", title: p.data.xLabel ?? "x", scale: xLog ? { type: "log" } : { zero: false } },
      y: { field: "y", type: "quantitative", title: p.data.yLabel ?? "y", scale: yLog ? { type: "log" } : { zero: false } },
      color: { field: "series", type: "nominal", legend: p.data.series.length > 1 ? {} : null },
      tooltip: [{ field: "series" }, { field: "x", format: ".4g" }, { field: "y", format: ".4g" }],
    },
  };
}

/** "name (n points), ..." of the text summary. */
export function seriesList(series: CurveSeries[]): string {
  return series.map((s) => `${s.name} (${s.x.shape[0]} points)`).join(", ");
}

export const curve: DisplayKind<CurvePayload> = {
  kind: "curve",
  arrays: [],
  missing: (data) => {
    const series = data.series;
    return !Array.isArray(series) || series.some((s) => !s || !isEncoded(s.x) || !isEncoded(s.y)) ? "series" : undefined;
  },
  spec: (p, opts) => top(curveLayers(p, opts), p.meta),
  text: (p) => `${p.data.series.length} curve${plural(p.data.series.length)}: ${seriesList(p.data.series)}`,
  view: (p, state) => chartView(curveLayers(p, { logScale: state.logScale, width: Math.min(panelWidth(state) - 40, 720) }), true),
  linkTarget: () => 0,
  eigenpairs: () => undefined,
};
