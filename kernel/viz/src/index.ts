/**
 * @eigenlab/viz — results -> display payload -> Vega-Lite v5 spec / SVG / text (DESIGN.md, display contract).
 * The browser entry's names (payload types, decoding, spec building, text) come first, re-exported whole;
 * below them the Node-side parts: payload builders from core's results, layouts, SVG rendering, formatters.
 */
export * from "./browser";
export { histogram } from "./histogram";
export { marchenkoPasturOverlay, bbpOverlay, powerLawOverlay, eigengapOverlay, spikesOverlay } from "./overlays";
export { blockMean, sparseBlockMean, subsampleIndices } from "./reduce";
export { spectralLayout, forceLayout, powerIterationLayout, largeForceLayout, thinEdges, SPECTRAL_LAYOUT_MAX_NODES, LARGE_GRAPH_FROM } from "./layout";
export { spectrumPayload } from "./spectrum-payload";
export type { SpectrumPayloadOptions } from "./spectrum-payload";
export { embeddingPayload } from "./embedding-payload";
export type { EmbeddingPayloadOptions } from "./embedding-payload";
export { clusteringPayload } from "./clustering-payload";
export type { ClusteringPayloadOptions } from "./clustering-payload";
export { graphPayload } from "./graph-payload";
export type { GraphPayloadOptions } from "./graph-payload";
export { matrixPayload } from "./matrix-payload";
export type { MatrixPayloadOptions } from "./matrix-payload";
export { curvePayload } from "./curve-payload";
export type { CurveInput, CurvePayloadOptions } from "./curve-payload";
export { esdPayload } from "./esd-payload";
export type { EsdPayloadOptions } from "./esd-payload";
export { rmtFitPayload } from "./rmt-fit-payload";
export type { RmtFitPayloadOptions } from "./rmt-fit-payload";
export { powerLawPayload } from "./power-law-payload";
export type { PowerLawPayloadOptions } from "./power-law-payload";
export { marchenkoPasturPayload } from "./marchenko-pastur-payload";
export type { MarchenkoPasturPayloadOptions } from "./marchenko-pastur-payload";
export { svdPayload } from "./svd-payload";
export type { SvdPayloadOptions } from "./svd-payload";
export { transportPayload } from "./transport-payload";
export type { TransportPayloadOptions } from "./transport-payload";
export { ojaPayload } from "./oja-payload";
export type { OjaPayloadOptions } from "./oja-payload";
export { toPayload } from "./to-payload";
export { RESULT_KINDS } from "./kinds/results";
export type { ResultKind } from "./kinds/results";
export { toSvg, toSvgAsync, SVG_MIME } from "./svg";
export { toBundle, boundedSvg } from "./bundle";
export { Figure, figure } from "./figure";
export { registerFormatters, FORMATTER_KINDS } from "./register";
