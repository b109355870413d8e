/** The `cluster` namespace: clusterings of points and graphs, each returning a Clustering.
 *
 * @module
 */
export { kmeans } from "./kmeans";
export type { KmeansOptions } from "./kmeans";
export { spectral } from "./spectral";
export type { SpectralClusteringOptions } from "./spectral";
export { ncut } from "./ncut";
export type { NcutOptions } from "./ncut";
export { eigengap } from "./eigengap";
export type { EigengapOptions, EigengapResult } from "./eigengap";
export { nmi } from "./nmi";
export { ari } from "./ari";
export { accuracy } from "./accuracy";
export { cocluster } from "./cocluster";
export type { CoclusterOptions, Cocluster } from "./cocluster";
