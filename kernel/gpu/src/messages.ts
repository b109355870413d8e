/** Every message a user can read from @eigenlab/gpu, in one place; each says what was wrong and what to do. */
export const gpuMessage = {
  modeUnavailable: (mode: string, detail: string) =>
    `GPU.js mode "${mode}" cannot run here (${detail}). Use mode "webasm" or "cpu", or backend "cpu"; ` +
    `for "headlessgl" build the optional gl addon (scripts/headlessgl.sh) and run under xvfb-run -a.`,
  modeFallback: (requested: string, ran: string, renderer: string, software: boolean) =>
    `GPU.js was asked for mode "${requested}" and runs its "${ran}" kernel` +
    (ran === "webasm" || ran === "cpu"
      ? ` (no WebGL context in this process: the optional gl addon is missing or there is no X display)`
      : renderer
        ? ` on renderer "${renderer}"${software ? ", a software rasterizer: the arithmetic runs on the CPU" : ""}`
        : "") +
    `. Results record backend "gpu.js:${ran}". Where the bench shows GPU.js slower, backend "cpu" (or "auto") is faster.`,
  csrTooLarge: (nnz: number, limit: number) =>
    `fastrpProjection on GPU.js: the graph has ${nnz} stored entries, but GPU.js passes indices as float32, exact ` +
    `only below ${limit}. Use backend "cpu" for this graph.`,
  unknownOption: (name: string, allowed: readonly string[]) =>
    `createGpuBackend: unknown option "${name}". Allowed options: ${allowed.join(", ")}.`,
} as const;
