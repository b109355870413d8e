/**
 * The browser entry of @eigenlab/viz (`@eigenlab/viz/browser`): the DOM-free parts that neither import
 * vega nor vega-lite at run time (payload types, decoding, reading, spec building, text), so the JupyterLab
 * renderer's first chunk stays small and vega loads lazily with vega-embed. The same names as the main
 * barrel (which re-exports this list whole): nothing is defined here.
 */
export { PAYLOAD_MIME, PAYLOAD_VERSION } from "./payload";
export type * from "./payload";
export { encodeArray, decodeArray } from "./codec";
export type { TypedArrayOf } from "./codec";
export { LIMITS } from "./limits";
export { readPayload, PAYLOAD_KINDS } from "./read";
export {
  toVegaLite,
  spectrumLayers,
  scatterSpec,
  spectrumPoints,
  embeddingPoints,
  matrixLayers,
  clustermapLayers,
  graphLayers,
  curveLayers,
  column,
  defaultColorColumn,
  labelName,
  VEGA_LITE_MIME,
  VEGA_LITE_SCHEMA,
} from "./vegalite";
export type { SpecOptions, ScatterPoints, VegaLiteSpec } from "./vegalite";
export { KINDS, displayKind } from "./kinds";
export { eigenvectorChoices, withLinkedColor } from "./kinds/kind";
export type { DisplayKind, View, ViewPanel, ViewState, LinkedColor, ColorChoice, Eigenpairs, GraphEdges } from "./kinds/kind";
export { toText } from "./text";
