/** Payload -> the full MIME bundle of the display contract. */
import type { MimeBundle } from "@eigenlab/core";
import { PAYLOAD_MIME } from "./payload";
import type { Payload } from "./payload";
import type { SpecOptions, VegaLiteSpec } from "./spec";
import { SVG_MIME, toSvg } from "./svg";
import { toText } from "./text";
import { LIMITS } from "./limits";
import { toVegaLite, VEGA_LITE_MIME } from "./vegalite";

/**
 * The spec drawn as the static SVG: without ARIA attributes on every mark (Vega-Lite's `config.aria: false`).
 * A static picture has no tooltips to describe, and each point's aria-label and roles were about half of its
 * ~300 bytes of markup, i.e. half the points the size budget can show.
 */
function staticSpec(spec: VegaLiteSpec): VegaLiteSpec {
  const config = (spec.config ?? {}) as Record<string, unknown>;
  return { ...spec, config: { ...config, aria: false } };
}

/**
 * The static SVG of a payload within `budget` bytes (LIMITS.svgBytes): drawn first with at most
 * LIMITS.svgPoints points and the spec's limits, then with fewer points, edges and curve samples and a
 * smaller heatmap side, scaled by how far it overshot, until it fits (the chart's notes say what it shows: "1,000 of 30,000
 * points shown", a block-mean legend). A chart already at the floor of every limit is returned as it is.
 */
export function boundedSvg(p: Payload, budget: number = LIMITS.svgBytes): { svg: string; options: SpecOptions } {
  let options: Required<Pick<SpecOptions, "maxPoints" | "maxEdges" | "maxCurvePoints" | "maxMatrixSide">> = {
    maxPoints: LIMITS.svgPoints,
    maxEdges: LIMITS.specEdges,
    maxCurvePoints: LIMITS.specCurvePoints,
    maxMatrixSide: LIMITS.specMatrixSide,
  };
  for (;;) {
    const svg = toSvg(staticSpec(toVegaLite(p, options)));
    const bytes = Buffer.byteLength(svg, "utf8");
    const floor = options.maxPoints <= 50 && options.maxEdges <= 50 && options.maxCurvePoints <= 50 && options.maxMatrixSide <= 8;
    if (bytes <= budget || floor) return { svg, options };
    // Markup grows about linearly with marks: scale the counts by the overshoot (a margin of 10 %), and the
    // heatmap side by its square root (cells = side²); always at least one step down.
    const ratio = (0.9 * budget) / bytes;
    const shrink = (x: number, r: number, min: number) => Math.max(min, Math.min(x - 1, Math.floor(x * r)));
    options = {
      maxPoints: shrink(options.maxPoints, ratio, 50),
      maxEdges: shrink(options.maxEdges, ratio, 50),
      maxCurvePoints: shrink(options.maxCurvePoints, ratio, 50),
      maxMatrixSide: shrink(options.maxMatrixSide, Math.sqrt(ratio), 8),
    };
  }
}

/**
 * `{ payload, vega-lite, svg, text/plain }` for one payload. The fallbacks are sized for what they are for:
 * the SVG for static viewers (GitHub, exported notebooks) is kept within LIMITS.svgBytes by `boundedSvg`, and
 * the Vega-Lite spec (for a JupyterLab without our extension) is drawn with the same limits, so it shows the
 * same marks and says so ("1,000 of 30,000 points shown") instead of inlining the whole data a second time.
 * The payload keeps the full data for the lab's renderer.
 */
export function toBundle(p: Payload, textPlain?: string): MimeBundle {
  const { svg, options } = boundedSvg(p);
  return {
    [PAYLOAD_MIME]: p,
    [VEGA_LITE_MIME]: toVegaLite(p, options),
    [SVG_MIME]: svg,
    "text/plain": textPlain ?? toText(p),
  };
}
