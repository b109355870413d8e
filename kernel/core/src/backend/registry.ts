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

/** The machine this process runs on, in the terms a CrossoverTable records. */
export function currentMachine(accelerator = "unknown"): MachineDescription {
  const cpu = cpus();
  return { cpuModel: cpu[0]?.model ?? "unknown", cores: cpu.length, platform: platform(), accelerator };
}

function sameMachine(a: MachineDescription, b: MachineDescription): boolean {
  return a.cpuModel === b.cpuModel && a.cores === b.cores && a.platform === b.platform;
}

/** Why "auto" picks what it picks for `kernel` at `size`: the backend and a one-line reason. */
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

/** Adds (or replaces) a backend under `b.id`; its kernels get core's input checks. */
export function registerBackend(b: Backend): void {
  registry.set(b.id, withChecks(b));
}

/** Ids of the registered backends ("cpu" always). */
export function registeredBackends(): string[] {
  return [...registry.keys()];
}

/** Sets what `getBackend()` returns when no choice is given: "auto" (the default), "cpu" or "gpu". */
export function setDefaultBackend(choice: BackendChoice): void {
  state.defaultChoice = checkChoice("setDefaultBackend", "choice", choice, CHOICES) as BackendChoice;
}

export function defaultBackend(): BackendChoice {
  return state.defaultChoice;
}

/**
 * The backend to run: an explicit id ("cpu", "gpu", or any registered id), or "auto", which needs the work
 * (`kernel`, `size`) to consult the measured crossovers and falls back to "cpu" without it.
 */
export function getBackend(choice: BackendChoice | string = state.defaultChoice, work?: { kernel: KernelName; size: number }): Backend {
  if (choice === "auto") return work ? autoDecision(work.kernel, work.size).backend : (registry.get("cpu") as Backend);
  const b = registry.get(choice);
  if (!b) throw new EigenlabError("unknown-backend", message.unknownBackend(choice, [...CHOICES, ...registry.keys()].filter((v, i, a) => a.indexOf(v) === i)));
  return b;
}
