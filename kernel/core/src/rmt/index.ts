/** The `rmt` namespace: random-matrix theory for spectra of covariance and weight matrices.
 *
 * @module
 */
export { esd, Esd } from "./esd";
export type { EsdOptions } from "./esd";
export { marchenkoPastur, MarchenkoPastur } from "./marchenko-pastur";
export type { MarchenkoPasturOptions } from "./marchenko-pastur";
export { fitMarchenkoPastur, MarchenkoPasturFit } from "./fit-marchenko-pastur";
export type { FitMarchenkoPasturOptions } from "./fit-marchenko-pastur";
export { bbpThreshold } from "./bbp";
export type { BbpThreshold } from "./bbp";
export { spikes, projectSpikes, removeSpikes, Spikes } from "./spikes";
export type { SpikesOptions } from "./spikes";
export { powerLawFit, PowerLawFit } from "./power-law";
export type { PowerLawFitOptions } from "./power-law";
export { submatrixPowerLawFit } from "./submatrix-power-law";
export type { SubmatrixPowerLawOptions } from "./submatrix-power-law";
export { tracyWidom1Quantile } from "./tracy-widom";
