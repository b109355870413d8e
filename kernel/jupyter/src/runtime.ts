/**
 * What cells call to show things: `display(x)`, `display(x, { id })` -> a `DisplayHandle` whose `update(y)`
 * replaces that output in place (update_display_data, e.g. for progress), and `clearOutput()`.
 * The kernel plugs a sink in for the running cell; the sink lives on `globalThis`, so a second copy of this
 * module (a notebook importing `@eigenlab/kernel` explicitly) talks to the same kernel.
 */
import { randomUUID } from "crypto";
import { inspect } from "util";
import type { MimeBundle } from "./protocol";
import { message } from "./messages";
import { clickedOf, onSelectOf, selectionOf } from "./selection";
import type { Selection } from "./selection";

/** The MIME type of Eigenlab results; its output metadata carries the view id selections refer to. */
const EIGENLAB_MIME = "application/vnd.eigenlab.v1+json";

/** Output metadata with the view id under our MIME type, when the bundle is an Eigenlab result. */
function withView(bundle: MimeBundle, metadata: Record<string, unknown>, id: string): Record<string, unknown> {
  if (!(EIGENLAB_MIME in bundle)) return metadata;
  const own = (metadata[EIGENLAB_MIME] ?? {}) as Record<string, unknown>;
  return { ...metadata, [EIGENLAB_MIME]: { ...own, view: id } };
}

/** The Deno-kernel convention: an object's full MIME bundle. */
export const JUPYTER_DISPLAY_SYMBOL = Symbol.for("Jupyter.display");

export interface DisplaySink {
  display(data: MimeBundle, metadata: Record<string, unknown>, displayId: string, update: boolean): void;
  clear(wait: boolean): void;
}

const SINK = Symbol.for("eigenlab.kernel.displaySink");

export function setDisplaySink(sink: DisplaySink | null): void {
  (globalThis as unknown as Record<symbol, DisplaySink | null>)[SINK] = sink;
}

function sink(): DisplaySink {
  const s = (globalThis as unknown as Record<symbol, DisplaySink | null | undefined>)[SINK];
  if (!s) throw new Error(message.displayOutsideKernel);
  return s;
}

/** The value's MIME bundle: its `[Symbol.for("Jupyter.display")]()` bundle if it has one, and `text/plain`. */
export function toMimeBundle(value: unknown): MimeBundle {
  if (value !== null && (typeof value === "object" || typeof value === "function")) {
    const hook = (value as Record<symbol, unknown>)[JUPYTER_DISPLAY_SYMBOL];
    if (typeof hook === "function") {
      const bundle = (hook as () => MimeBundle).call(value);
      if (bundle && typeof bundle === "object") {
        return "text/plain" in bundle ? { ...bundle } : { ...bundle, "text/plain": plainText(value) };
      }
    }
  }
  return { "text/plain": plainText(value) };
}

function plainText(value: unknown): string {
  return inspect(value, { depth: 3, maxArrayLength: 20, breakLength: 100 });
}

export interface DisplayOptions {
  /** A display id: later `display(y, { id })` calls or `handle.update(y)` replace this output. */
  id?: string;
  /** Output metadata, per MIME type (e.g. `{ "image/png": { width: 300 } }`). */
  metadata?: Record<string, unknown>;
}

/** An output that can be replaced in place. */
export class DisplayHandle {
  constructor(readonly id: string) {}
  /** Replaces the output shown for this handle with `value` (update_display_data). */
  update(value: unknown, metadata: Record<string, unknown> = {}): void {
    const bundle = toMimeBundle(value);
    sink().display(bundle, withView(bundle, metadata, this.id), this.id, true);
  }

  /** The point indices last selected (lasso) in this output in the lab, ascending; [] when none. */
  selection(): number[] {
    return selectionOf(this.id);
  }

  /** The index of the eigenvalue last clicked in this output, or null. */
  clicked(): number | null {
    return clickedOf(this.id);
  }

  /** Runs `cb` (kernel code) on each new selection or eigenvalue click in this output. */
  onSelect(cb: (selection: Selection) => void): this {
    onSelectOf(this.id, cb);
    return this;
  }
}

/** Shows `value` (its rich MIME bundle when it has one) as an output of the running cell. */
export function display(value: unknown, options: DisplayOptions = {}): DisplayHandle {
  const id = options.id ?? randomUUID();
  const bundle = toMimeBundle(value);
  sink().display(bundle, withView(bundle, options.metadata ?? {}, id), id, false);
  return new DisplayHandle(id);
}

/** Clears the running cell's outputs (with `wait`, when the next output arrives). */
export function clearOutput(wait = false): void {
  sink().clear(wait);
}

/**
 * Asks the notebook's user for a line of text (`await input("k = ")`), through the kernel's stdin channel
 * (input_request / input_reply). A front end that cannot answer (allow_stdin false) gets an EigenlabError.
 */
export function input(prompt = "", options: { password?: boolean } = {}): Promise<string> {
  const f = (globalThis as unknown as Record<symbol, ((p: string, pw: boolean) => Promise<string>) | undefined>)[
    Symbol.for("eigenlab.kernel.input")
  ];
  if (!f) return Promise.reject(new Error(message.commOutsideKernel));
  return f(prompt, Boolean(options.password));
}

/**
 * The synchronous form, `const k = inputSync("k = ")`, as Python's input(): the cell waits (an interrupt
 * still stops it) while the kernel's transport thread receives the answer. Same errors as `input`.
 */
export function inputSync(prompt = "", options: { password?: boolean } = {}): string {
  const f = (globalThis as unknown as Record<symbol, ((p: string, pw: boolean) => string) | undefined>)[
    Symbol.for("eigenlab.kernel.inputSync")
  ];
  if (!f) throw new Error(message.commOutsideKernel);
  return f(prompt, Boolean(options.password));
}
