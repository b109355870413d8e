/** The `diffusion` namespace: heat kernels, spectral graph filters and diffusion statistics of graph signals.
 *
 * @module
 */
export { heatKernel } from "./heat-kernel";
export type { HeatKernelOptions } from "./heat-kernel";
export { heatGeodesic } from "./heat-geodesic";
export type { HeatGeodesicOptions } from "./heat-geodesic";
export { chebyshevFilter, chebyshevCoefficients } from "./chebyshev";
export type { ChebyshevFilterOptions } from "./chebyshev";
export { spectralEntropy } from "./spectral-entropy";
export type { SpectralEntropyOptions, SpectralEntropy } from "./spectral-entropy";
export { rayleighQuotient } from "./rayleigh";
export type { SymmetricInput } from "./operator";
