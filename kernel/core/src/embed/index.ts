/** The `embed` namespace: node/point embeddings, each returning an Embedding. */
export { spectral } from "./spectral";
export type { SpectralEmbeddingOptions } from "./spectral";
export { diffusionMap } from "./diffusion-map";
export type { DiffusionMapOptions } from "./diffusion-map";
