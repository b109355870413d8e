/**
 * `interact(fn, { sigma: [0.1, 10], k: [2, 20, 1], normalized: true })`, after ipywidgets' `interact`:
 * one control per entry, inferred from its value (ipywidgets' "widget abbreviations"):
 *   [min, max] or [min, max, step] of integers -> IntSlider, otherwise FloatSlider (value: the midpoint,
 *   on the step grid); a boolean -> Checkbox; a string -> Text; an array of strings -> Dropdown; a widget
 *   -> itself.
 * `fn({ sigma, k, normalized }, { signal })` runs once at once and again after each change, its result
 * replacing the previous one in place (a display handle: update_display_data). Changes are debounced
 * (`debounce` ms, default 100), and a run still going when a newer change arrives is superseded, not queued:
 * its `signal` is aborted and its result is dropped, so a slider dragged across twenty values costs the
 * last value's run, not twenty.
 */
import { randomUUID } from "crypto";
import { Checkbox, checkKernelOptions, Dropdown, FloatSlider, IntSlider, Text, VBox, Widget, badControl } from "./widgets";
import { display, DisplayHandle } from "./runtime";
import { errorContent } from "./error-content";

export type ControlSpec = [number, number] | [number, number, number] | boolean | string | string[] | Widget;

export interface InteractOptions {
  /** Milliseconds of quiet after a change before `fn` runs again (default 100). */
  debounce?: number;
}

/** What `interact` returns: the controls, the output's handle and a way to wait for the latest run. */
export interface Interaction<V> {
  controls: Record<keyof V, Widget>;
  box: VBox;
  output: DisplayHandle;
  /** Current control values. */
  values(): V;
  /** Resolves when no run is pending or going (tests, notebooks run headless). */
  settled(): Promise<void>;
  /** How many runs finished and were shown (superseded ones are not counted). */
  readonly runs: number;
}

function isInt(x: unknown): boolean {
  return typeof x === "number" && Number.isInteger(x);
}

/** The control for one entry of the spec. */
export function controlFor(name: string, spec: ControlSpec): Widget {
  if (spec instanceof Widget) return spec;
  if (typeof spec === "boolean") return new Checkbox({ value: spec, description: name });
  if (typeof spec === "string") return new Text({ value: spec, description: name });
  const list: unknown[] | null = Array.isArray(spec) ? (spec as unknown[]) : null;
  if (list && list.length > 0 && list.every((x) => typeof x === "string")) {
    return new Dropdown({ options: spec as string[], description: name });
  }
  if (list && (list.length === 2 || list.length === 3) && list.every((x) => typeof x === "number" && Number.isFinite(x))) {
    const [min, max, step] = spec as number[];
    if (!(min < max) || (step !== undefined && !(step > 0))) throw badControl(name, spec);
    if (isInt(min) && isInt(max) && (step === undefined || isInt(step))) {
      const s = step ?? 1;
      return new IntSlider({ min, max, step: s, value: min + Math.floor((max - min) / 2 / s) * s, description: name });
    }
    // ipywidgets' default float step is 0.1 whatever the range; a hundredth of the range suits every scale.
    const s = step ?? (max - min) / 100;
    // ipywidgets' start value: the midpoint, snapped down to the step grid when a step is given.
    const value = step === undefined ? min + (max - min) / 2 : min + Math.floor((max - min) / 2 / step) * step;
    return new FloatSlider({ min, max, step: s, value, description: name, readout_format: ".3g" });
  }
  throw badControl(name, spec);
}

export function interact<V extends Record<string, unknown>>(
  fn: (values: V, ctx: { signal: AbortSignal }) => unknown,
  spec: { [K in keyof V]: ControlSpec },
  opts?: InteractOptions,
): Interaction<V> {
  checkKernelOptions("interact", opts, ["debounce"]);
  const debounce = opts?.debounce ?? 100;
  const controls = {} as Record<keyof V, Widget>;
  for (const [name, s] of Object.entries(spec)) controls[name as keyof V] = controlFor(name, s as ControlSpec);
  const box = new VBox(Object.values(controls) as Widget[]);
  const values = (): V => {
    const out: Record<string, unknown> = {};
    for (const [name, w] of Object.entries(controls) as [string, Widget][]) {
      out[name] = w instanceof Dropdown ? w.value : w.get("value");
    }
    return out as V;
  };

  display(box);
  let runs = 0;
  let generation = 0;
  let running = 0;
  let current: AbortController | null = null;
  let timer: NodeJS.Timeout | null = null;
  const waiters: (() => void)[] = [];
  const empty = { [Symbol.for("Jupyter.display")]: () => ({ "text/plain": "" }) };
  const output = display(empty, { id: `eigenlab-interact-${randomUUID()}` });

  const settle = () => {
    if (timer || running > 0) return;
    for (const w of waiters.splice(0)) w();
  };
  const finish = (mine: number, result: unknown) => {
    // A newer change started its own run meanwhile: this result is stale.
    if (mine !== generation) return;
    runs++;
    output.update(result === undefined ? empty : result);
  };
  const failed = (e: unknown) => {
    const err = errorContent(e);
    return { [Symbol.for("Jupyter.display")]: () => ({ "text/plain": err.traceback.join("\n") }) };
  };

  /** One run of fn; a synchronous fn shows its result at once (inside the cell that created the controls). */
  const run = (): void => {
    const mine = ++generation;
    current?.abort();
    const controller = new AbortController();
    current = controller;
    let result: unknown;
    try {
      result = fn(values(), { signal: controller.signal });
    } catch (e) {
      finish(mine, failed(e));
      return;
    }
    if (result instanceof Promise) {
      running++;
      result
        .then((v) => finish(mine, v), (e) => mine === generation && finish(mine, failed(e)))
        .finally(() => {
          running--;
          settle();
        });
    } else {
      finish(mine, result);
    }
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      run();
      settle();
    }, debounce);
  };
  for (const w of Object.values(controls) as Widget[]) w.observe(schedule, "value");
  run();

  return {
    controls,
    box,
    output,
    values,
    settled: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      }),
    get runs() {
      return runs;
    },
  };
}
