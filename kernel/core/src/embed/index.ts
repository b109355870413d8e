/** The `embed` namespace: node/point embeddings, each returning an Embedding.
 *
 * @module
 */
export { spectral } from "./spectral";
export type { SpectralEmbeddingOptions } from "./spectral";
export { diffusionMap } from "./diffusion-map";
export type { DiffusionMapOptions } from "./diffusion-map";
export { node2vec } from "./node2vec";
export type { Node2VecOptions } from "./node2vec";
export { deepwalk } from "./deepwalk";
export type { DeepWalkOptions } from "./deepwalk";
export { line } from "./line";
export type { LineOptions } from "./line";
export { fastrp } from "./fastrp";
export type { FastRPOptions } from "./fastrp";
export { mds } from "./mds";
export type { MdsOptions } from "./mds";
export { poincare, poincareDistance, reconstruction } from "./poincare";
export type { PoincareOptions, Reconstruction, ReconstructionOptions, RelationPairs } from "./poincare";
