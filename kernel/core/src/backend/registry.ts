/**
 * The backend registry: which compute backend runs a heavy dense kernel.
 *
 * A backend implements the named kernels of types.ts on row-major float64 blocks. Core ships the float64 CPU
 * reference (`cpuBackend`, registered as "cpu"); `@eigenlab/gpu` registers a GPU.js backend as "gpu" when it
 * is imported. Dependencies point one way (core <- gpu): core never imports GPU.js.
 *
 * Choosing: `getBackend("cpu" | "gpu" | "auto", { kernel, size })`. "auto" is data-driven: a non-CPU backend
 * is picked only when its own measured crossover table (written by `bench/gpu.bench.ts` on a described
 * machine) says it beat our CPU path for that kernel at that size *on a machine like this one*; otherwise
 * the CPU reference runs. Every result should record `backend.meta(kernel)` (backend name and precision) in
 * its ResultMeta, so a figure always names what ran.
 */
import { cpus, platform } from "os";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkChoice } from "../validate";
import type { Backend, KernelName, MachineDescription } from "./types";
import { withChecks } from "./checks";
import { cpuReference } from "./cpu";

/**
 * The machine this process runs on, in the terms a CrossoverTable records.
 *
 * @example
 * ```ts
 * const here = backend.currentMachine("none: CPU only");
 * here.cores; // => require("os").cpus().length
 * here.platform; // => process.platform
 * here.accelerator; // => "none: CPU only"
 * ```
 */
export function currentMachine(accelerator = "unknown"): MachineDescription {
  const cpu = cpus();
  return { cpuModel: cpu[0]?.model ?? "unknown", cores: cpu.length, platform: platform(), accelerator };
}

function sameMachine(a: MachineDescription, b: MachineDescription): boolean {
  return a.cpuModel === b.cpuModel && a.cores === b.cores && a.platform === b.platform;
}

/**
 * Why "auto" picks what it picks for `kernel` at `size`: the backend and a one-line reason.
 *
 * @example
 * ```ts
 * // no measured crossover says another backend wins on 2 points: the CPU reference runs
 * const why = backend.autoDecision("pairwiseSqDistances", 2);
 * why.backend.id; // => "cpu"
 * why.reason; // => "no registered backend measured faster than cpu for pairwiseSqDistances at size 2 on this machine"
 * ```
 */
export function autoDecision(kernel: KernelName, size: number): { backend: Backend; reason: string } {
  const here = currentMachine();
  for (const b of registry.values()) {
    if (b.id === "cpu" || !b.crossover) continue;
    if (!sameMachine(b.crossover.machine, here)) continue;
    const entry = b.crossover.entries.find((e) => e.kernel === kernel && e.backend === b.name);
    if (entry && entry.fasterFrom !== null && size >= entry.fasterFrom) {
      return { backend: b, reason: `${b.name} measured faster than cpu for ${kernel} from size ${entry.fasterFrom} on this machine` };
    }
  }
  return {
    backend: registry.get("cpu") as Backend,
    reason: `no registered backend measured faster than cpu for ${kernel} at size ${size} on this machine`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Registry

export type BackendChoice = "auto" | "cpu" | "gpu";
const CHOICES: readonly string[] = ["auto", "cpu", "gpu"];

/** The float64 CPU reference (cpu.ts) with core's input checks. */
export const cpuBackend: Backend = withChecks(cpuReference);

/**
 * Registry state lives on globalThis under a registered symbol: a process that loads core twice (its
 * TypeScript sources in a test and its built dist through @eigenlab/gpu) must still see one registry.
 */
interface RegistryState {
  backends: Map<string, Backend>;
  defaultChoice: BackendChoice;
}
const REGISTRY_KEY = Symbol.for("eigenlab.backend.registry");
const globalState = globalThis as unknown as Record<symbol, RegistryState | undefined>;
const state: RegistryState = (globalState[REGISTRY_KEY] ??= { backends: new Map([["cpu", cpuBackend]]), defaultChoice: "auto" });
const registry = state.backends;

/**
 * Adds (or replaces) a backend under `b.id`; its kernels get core's input checks.
 *
 * @example
 * ```ts
 * // a backend that logs the kernels it runs and lets the CPU reference do the arithmetic
 * const cpu = backend.getBackend("cpu");
 * const ran: string[] = [];
 * const logging: Record<string, unknown> = { id: "logging", name: "logging", meta: cpu.meta };
 * for (const k of backend.KERNEL_NAMES) logging[k] = (...args: never[]) => (ran.push(k), (cpu[k] as Function)(...args));
 * backend.registerBackend(logging as unknown as backend.Backend);
 * const mine = backend.getBackend("logging");
 * mine.matmul(Matrix.from([[1, 2]]), Matrix.from([[3], [4]])).data; // => [11]
 * ran; // => ["matmul"]
 * // registered kernels get core's input checks: a wrong call never reaches the backend
 * mine.matmul(Matrix.eye(2), Matrix.eye(3)); // => throws shape
 * ran; // => ["matmul"]
 * ```
 */
export function registerBackend(b: Backend): void {
  registry.set(b.id, withChecks(b));
}

/**
 * Ids of the registered backends ("cpu" always).
 *
 * @example
 * ```ts
 * backend.registeredBackends().includes("cpu"); // => true
 * backend.registeredBackends().every((id) => backend.getBackend(id).id === id); // => true
 * ```
 */
export function registeredBackends(): string[] {
  return [...registry.keys()];
}

/**
 * Sets what `getBackend()` returns when no choice is given: "auto" (the default), "cpu" or "gpu" ("gpu" only once
 * @eigenlab/gpu has registered it; a refused choice keeps the previous default).
 *
 * @example
 * ```ts
 * const before = backend.defaultBackend();
 * backend.setDefaultBackend("cpu");
 * backend.defaultBackend(); // => "cpu"
 * backend.getBackend().id; // => "cpu"
 * backend.setDefaultBackend("tpu" as never); // => throws bad-option
 * backend.setDefaultBackend(before); // leave the process as it was
 * ```
 */
export function setDefaultBackend(choice: BackendChoice): void {
  const checked = checkChoice("setDefaultBackend", "choice", choice, CHOICES) as BackendChoice;
  // "gpu" before @eigenlab/gpu is registered would make every later call that consults the default fail: refuse it
  // now and keep the working default (issue #16: a bad setting never leaves the process broken)
  if (checked !== "auto" && !registry.has(checked)) throw new EigenlabError("bad-option", message.defaultBackendMissing(checked, [...registry.keys()]));
  state.defaultChoice = checked;
}

/**
 * What `getBackend()` returns when no choice is given ("auto" unless `setDefaultBackend` changed it).
 *
 * @example
 * ```ts
 * const before = backend.defaultBackend();
 * ["auto", "cpu", "gpu"].includes(before); // => true
 * backend.setDefaultBackend("cpu");
 * backend.defaultBackend(); // => "cpu"
 * backend.setDefaultBackend(before);
 * backend.defaultBackend(); // => before
 * ```
 */
export function defaultBackend(): BackendChoice {
  return state.defaultChoice;
}

/**
 * The backend to run: an explicit id ("cpu", "gpu", or any registered id), or "auto", which needs the work
 * (`kernel`, `size`) to consult the measured crossovers and falls back to "cpu" without it.
 *
 * @example
 * ```ts
 * const cpu = backend.getBackend("cpu");
 * cpu.name; // => "cpu"
 * cpu.meta("matmul"); // => { backend: "cpu", precision: "float64" }
 * // Matrix is a DenseBlock: the kernels take it directly and return row-major blocks
 * cpu.pairwiseSqDistances(Matrix.from([[0, 0], [3, 4]]), Matrix.from([[0, 0]])).data; // => [0, 25]
 * // "auto" without the work to judge runs the CPU reference
 * backend.getBackend("auto").id; // => "cpu"
 * backend.getBackend("tpu"); // => throws unknown-backend
 * ```
 */
export function getBackend(choice: BackendChoice | string = state.defaultChoice, work?: { kernel: KernelName; size: number }): Backend {
  if (choice === "auto") return work ? autoDecision(work.kernel, work.size).backend : (registry.get("cpu") as Backend);
  const b = registry.get(choice);
  if (!b) throw new EigenlabError("unknown-backend", message.unknownBackend(choice, [...CHOICES, ...registry.keys()].filter((v, i, a) => a.indexOf(v) === i)));
  return b;
}
