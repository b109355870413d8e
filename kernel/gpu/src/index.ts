/**
 * @eigenlab/gpu — a GPU.js backend for @eigenlab/core's dense kernels. Importing this package registers it
 * as backend "gpu" (mode from EIGENLAB_GPUJS_MODE, default "gpu" = GPU.js's own pick) so that
 * `backend.getBackend("gpu")` and, where measurements say it wins, `"auto"` use it.
 */
import { backend } from "@eigenlab/core";
import { createGpuBackend } from "./backend";
import type { GpuJsMode } from "./gpujs";

export { createGpuBackend } from "./backend";
export type { GpuBackend, GpuBackendOptions } from "./backend";
export { probeModes, GPUJS_MODES, GPUJS_VERSION } from "./gpujs";
export type { GpuJsMode, ModeProbe } from "./gpujs";
export { crossoverFor } from "./crossover";

backend.registerBackend(createGpuBackend({ mode: (process.env.EIGENLAB_GPUJS_MODE as GpuJsMode | undefined) ?? "gpu" }));
