/**
 * Payload -> Vega-Lite v5 spec (`application/vnd.vegalite.v5+json`), so stock JupyterLab, VS Code and
 * nbviewer show a chart, and the Eigenlab renderer draws the same specs with vega-embed. Each kind's spec is
 * in its module (kinds/<kind>.ts), the shared building blocks in spec.ts. Pure: imports nothing from vega.
 */
import { displayKind } from "./kinds";
import type { Payload } from "./payload";
import type { SpecOptions, VegaLiteSpec } from "./spec";

export { VEGA_LITE_MIME, VEGA_LITE_SCHEMA, scatterSpec, column, defaultColorColumn, labelName } from "./spec";
export type { SpecOptions, ScatterPoints, VegaLiteSpec } from "./spec";
export { spectrumLayers, spectrumPoints } from "./kinds/spectrum";
export { embeddingPoints } from "./kinds/embedding";
export { clustermapLayers } from "./kinds/clustermap";
export { graphLayers } from "./kinds/graph";
export { matrixLayers } from "./kinds/matrix";
export { curveLayers } from "./kinds/curve";

/** The Vega-Lite v5 spec of any payload (a spectrum with linked points draws both side by side). */
export function toVegaLite(p: Payload, opts: SpecOptions = {}): VegaLiteSpec {
  return displayKind(p).spec(p, opts);
}
