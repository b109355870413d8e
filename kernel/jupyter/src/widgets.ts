/**
 * Jupyter widgets from TypeScript cells, speaking the ipywidgets 8 message protocol (version 2.1.0) that
 * @jupyter-widgets/jupyterlab-manager 5 renders — no front-end code of our own:
 * https://github.com/jupyter-widgets/ipywidgets/blob/8.1.x/packages/schema/messages.md
 *
 * - a widget is a comm to target "jupyter.widget", opened with its full state and metadata
 *   `{ version: "2.1.0" }`; layout and style are widgets of their own, referenced as "IPY_MODEL_<id>";
 * - the front end sends `{ method: "update", state }`: the kernel applies it, answers `echo_update` (the
 *   ipywidgets 8 echo, so other views of the model agree), then runs `observe` callbacks; a change made
 *   in the kernel is sent as `{ method: "update", state }`;
 * - `{ method: "request_state" }` is answered with the full state; a Button's click arrives as
 *   `{ method: "custom", content: { event: "click" } }`;
 * - the "jupyter.widget.control" comm answers `request_states` with every widget (a reloaded page).
 * The model names and defaults are those of ipywidgets 8.1 (controls 2.0.0, base 2.0.0, output 1.0.0).
 */
import { EigenlabError } from "@eigenlab/core";
import { Comm, CommMessage, commManager } from "./comm";
import { JUPYTER_DISPLAY_SYMBOL, toMimeBundle } from "./runtime";
import type { MimeBundle } from "./protocol";
import { message } from "./messages";

export const WIDGET_PROTOCOL_VERSION = "2.1.0";
const CONTROLS = ["@jupyter-widgets/controls", "2.0.0"] as const;
const BASE = ["@jupyter-widgets/base", "2.0.0"] as const;
const OUTPUT = ["@jupyter-widgets/output", "1.0.0"] as const;
export const WIDGET_TARGET = "jupyter.widget";
export const CONTROL_TARGET = "jupyter.widget.control";
export const WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json";

export type State = Record<string, unknown>;

export interface Change<T = unknown> {
  name: string;
  old: T;
  new: T;
  owner: Widget;
  type: "change";
}

/** Every live widget by model id (what the control comm reports to a reloaded page). */
const live = new Map<string, Widget>();

interface Spec {
  model: string;
  view: string | null;
  module?: readonly [string, string];
  viewModule?: readonly [string, string];
}

/** A widget model: its state, the comm that syncs it, and the callbacks that observe it. */
export class Widget {
  readonly id: string;
  protected readonly comm: Comm;
  private readonly state: State;
  private readonly observers: { names: Set<string> | null; cb: (c: Change) => void }[] = [];
  private readonly customHandlers: ((content: Record<string, unknown>, msg: CommMessage) => void)[] = [];

  constructor(spec: Spec, state: State) {
    const [module, moduleVersion] = spec.module ?? CONTROLS;
    const [viewModule, viewModuleVersion] = spec.viewModule ?? spec.module ?? CONTROLS;
    this.state = {
      _model_name: spec.model,
      _model_module: module,
      _model_module_version: moduleVersion,
      _view_name: spec.view,
      _view_module: viewModule,
      _view_module_version: viewModuleVersion,
      _view_count: null,
      ...state,
    };
    this.comm = commManager().open(
      WIDGET_TARGET,
      { state: this.serialize(this.state), buffer_paths: [] },
      { metadata: { version: WIDGET_PROTOCOL_VERSION } },
    );
    this.id = this.comm.id;
    live.set(this.id, this);
    this.comm.onMsg((m) => this.received(m));
    this.comm.onClose(() => live.delete(this.id));
  }

  /** The model's current value of `name`. */
  get(name: string): unknown {
    return this.state[name];
  }

  /** Changes state in the kernel: sent to the front end as one `update`, then observers run. */
  set(changes: State): void {
    const changed = this.apply(changes);
    if (Object.keys(changed).length === 0) return;
    const state: State = {};
    for (const k of Object.keys(changed)) state[k] = this.state[k];
    this.comm.send({ method: "update", state: this.serialize(state), buffer_paths: [] });
    this.notify(changed);
  }

  /** Full state as the protocol sends it. */
  getState(): State {
    return this.serialize(this.state);
  }

  /**
   * Runs `cb` (kernel code) after each change of `names` (default: "value"; "*" for every name), from the
   * front end or from the kernel, with `{ name, old, new, owner }` as ipywidgets passes it.
   */
  observe<T = unknown>(cb: (change: Change<T>) => void, names: string | string[] = "value"): this {
    const list = Array.isArray(names) ? names : [names];
    this.observers.push({ names: list.includes("*") ? null : new Set(list), cb: cb as (c: Change) => void });
    return this;
  }

  /** Stops sync and removes the widget from the front end. */
  close(): void {
    this.comm.close();
  }

  [JUPYTER_DISPLAY_SYMBOL](): MimeBundle {
    return {
      [WIDGET_VIEW_MIME]: { version_major: 2, version_minor: 1, model_id: this.id },
      "text/plain": this.toString(),
    };
  }

  toString(): string {
    const name = String(this.state._model_name).replace(/Model$/, "");
    const v = this.state.value;
    return v === undefined ? `${name}()` : `${name}(value=${JSON.stringify(v)})`;
  }

  /** @internal custom messages (a Button's click) */
  protected onCustom(cb: (content: Record<string, unknown>, msg: CommMessage) => void): void {
    this.customHandlers.push(cb);
  }

  /** Kernel-side value of a front end's serialized value (references stay strings unless overridden). */
  protected deserialize(_name: string, v: unknown): unknown {
    return v;
  }

  protected serialize(state: State): State {
    const out: State = {};
    for (const [k, v] of Object.entries(state)) out[k] = serializeValue(v);
    return out;
  }

  private apply(changes: State): Record<string, { old: unknown; new: unknown }> {
    const changed: Record<string, { old: unknown; new: unknown }> = {};
    for (const [k, v] of Object.entries(changes)) {
      const old = this.state[k];
      if (sameValue(old, v)) continue;
      this.state[k] = v;
      changed[k] = { old, new: v };
    }
    return changed;
  }

  private notify(changed: Record<string, { old: unknown; new: unknown }>): void {
    for (const [name, c] of Object.entries(changed)) {
      for (const o of this.observers) {
        if (o.names === null || o.names.has(name)) o.cb({ name, old: c.old, new: c.new, owner: this, type: "change" });
      }
    }
  }

  private received(m: CommMessage): void {
    const method = m.data.method;
    if (method === "update" || method === "echo_update") {
      const raw = (m.data.state ?? {}) as State;
      const incoming: State = {};
      for (const [k, v] of Object.entries(raw)) incoming[k] = this.deserialize(k, v);
      const changed = this.apply(incoming);
      // ipywidgets 8 echoes every front-end update to all front ends (JUPYTER_WIDGETS_ECHO), so a second
      // view of the same model, in another cell or window, shows the new value too.
      if (method === "update") this.comm.send({ method: "echo_update", state: raw, buffer_paths: [] });
      this.notify(changed);
    } else if (method === "request_state") {
      this.comm.send({ method: "update", state: this.getState(), buffer_paths: [] });
    } else if (method === "custom") {
      const content = (m.data.content ?? {}) as Record<string, unknown>;
      for (const h of this.customHandlers) h(content, m);
    }
  }
}

function serializeValue(v: unknown): unknown {
  if (v instanceof Widget) return `IPY_MODEL_${v.id}`;
  if (Array.isArray(v)) return v.map(serializeValue);
  return v;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "object" && typeof b === "object" && a !== null && b !== null) return JSON.stringify(serializeValue(a)) === JSON.stringify(serializeValue(b));
  return false;
}

/** The layout of a DOM widget (CSS properties; null = the front end's default). */
export class Layout extends Widget {
  constructor(state: State = {}) {
    super({ model: "LayoutModel", view: "LayoutView", module: BASE }, state);
  }
}

class Style extends Widget {
  constructor(model: string, state: State = {}) {
    super({ model, view: "StyleView", module: CONTROLS, viewModule: BASE }, { description_width: "", ...state });
  }
}

/** Options every control takes. */
export interface ControlOptions {
  description?: string;
  disabled?: boolean;
  tooltip?: string | null;
  /** CSS layout fields, e.g. `{ width: "400px" }`. */
  layout?: State;
}

const CONTROL_KEYS = ["description", "disabled", "tooltip", "layout"];

/** A control of @jupyter-widgets/controls with a layout and a style widget. */
abstract class Control<V> extends Widget {
  constructor(model: string, view: string, styleModel: string | null, state: State, opts: ControlOptions) {
    const layout = new Layout(opts.layout ?? {});
    const style = styleModel ? new Style(styleModel) : null;
    super(
      { model, view },
      {
        _dom_classes: [],
        layout,
        tabbable: null,
        tooltip: opts.tooltip ?? null,
        ...(style ? { style, description: opts.description ?? "", description_allow_html: false } : {}),
        ...(opts.disabled !== undefined ? { disabled: opts.disabled } : {}),
        ...state,
      },
    );
  }

  get value(): V {
    return this.get("value") as V;
  }

  set value(v: V) {
    this.set({ value: v });
  }
}

function options<T extends object>(widget: string, opts: T | undefined, extra: string[]): T {
  const o = (opts ?? {}) as T;
  checkKernelOptions(widget, o, [...CONTROL_KEYS, ...extra]);
  return o;
}

export interface SliderOptions extends ControlOptions {
  value?: number;
  min?: number;
  max?: number;
  step?: number;
  orientation?: "horizontal" | "vertical";
  readout?: boolean;
  readout_format?: string;
  continuous_update?: boolean;
}
const SLIDER_KEYS = ["value", "min", "max", "step", "orientation", "readout", "readout_format", "continuous_update"];

function sliderState(o: SliderOptions, d: { value: number; min: number; max: number; step: number; format: string }): State {
  return {
    value: o.value ?? d.value,
    min: o.min ?? d.min,
    max: o.max ?? d.max,
    step: o.step ?? d.step,
    orientation: o.orientation ?? "horizontal",
    readout: o.readout ?? true,
    readout_format: o.readout_format ?? d.format,
    continuous_update: o.continuous_update ?? true,
    disabled: o.disabled ?? false,
    behavior: "drag-tap",
  };
}

/** ipywidgets.IntSlider: integers min..max (defaults 0..100, step 1). */
export class IntSlider extends Control<number> {
  constructor(opts?: SliderOptions) {
    const o = options("IntSlider", opts, SLIDER_KEYS);
    super("IntSliderModel", "IntSliderView", "SliderStyleModel", sliderState(o, { value: 0, min: 0, max: 100, step: 1, format: "d" }), o);
  }
}

/** ipywidgets.FloatSlider (defaults 0..10, step 0.1). */
export class FloatSlider extends Control<number> {
  constructor(opts?: SliderOptions) {
    const o = options("FloatSlider", opts, SLIDER_KEYS);
    super("FloatSliderModel", "FloatSliderView", "SliderStyleModel", sliderState(o, { value: 0, min: 0, max: 10, step: 0.1, format: ".2f" }), o);
  }
}

/** ipywidgets.FloatLogSlider: `value` = base ** x for x in min..max (exponents; defaults 10^0..10^4). */
export class FloatLogSlider extends Control<number> {
  constructor(opts?: SliderOptions & { base?: number }) {
    const o = options("FloatLogSlider", opts, [...SLIDER_KEYS, "base"]);
    super(
      "FloatLogSliderModel",
      "FloatLogSliderView",
      "SliderStyleModel",
      { ...sliderState(o, { value: 1, min: 0, max: 4, step: 0.1, format: ".3g" }), base: o.base ?? 10 },
      o,
    );
  }
}

/** ipywidgets.Play: counts value from min to max every `interval` ms while playing. */
export class Play extends Control<number> {
  constructor(opts?: { value?: number; min?: number; max?: number; step?: number; interval?: number; repeat?: boolean } & ControlOptions) {
    const o = options("Play", opts, ["value", "min", "max", "step", "interval", "repeat"]);
    super(
      "PlayModel",
      "PlayView",
      "DescriptionStyleModel",
      {
        value: o.value ?? 0,
        min: o.min ?? 0,
        max: o.max ?? 100,
        step: o.step ?? 1,
        interval: o.interval ?? 100,
        repeat: o.repeat ?? false,
        playing: false,
        show_repeat: true,
        disabled: o.disabled ?? false,
      },
      o,
    );
  }
}

/** ipywidgets.Checkbox. */
export class Checkbox extends Control<boolean> {
  constructor(opts?: { value?: boolean; indent?: boolean } & ControlOptions) {
    const o = options("Checkbox", opts, ["value", "indent"]);
    super("CheckboxModel", "CheckboxView", "CheckboxStyleModel", { value: o.value ?? false, indent: o.indent ?? true, disabled: o.disabled ?? false }, o);
  }
}

/** ipywidgets.Text. */
export class Text extends Control<string> {
  constructor(opts?: { value?: string; placeholder?: string; continuous_update?: boolean } & ControlOptions) {
    const o = options("Text", opts, ["value", "placeholder", "continuous_update"]);
    super(
      "TextModel",
      "TextView",
      "TextStyleModel",
      { value: o.value ?? "", placeholder: o.placeholder ?? "\u200b", continuous_update: o.continuous_update ?? true, disabled: o.disabled ?? false },
      o,
    );
  }
}

/**
 * ipywidgets.Dropdown: `options` are labels, or [label, value] pairs. The front end knows only the labels
 * and `index`; `value` is kept in the kernel, as in ipywidgets.
 */
export class Dropdown<V = string> extends Control<V | null> {
  private readonly values: V[];
  constructor(opts: { options: (string | [string, V])[]; value?: V; index?: number } & ControlOptions) {
    const o = options("Dropdown", opts, ["options", "value", "index"]);
    const pairs = o.options.map((x) => (Array.isArray(x) ? x : ([x, x as unknown as V] as [string, V])));
    const values = pairs.map((p) => p[1]);
    const index = o.value !== undefined ? values.indexOf(o.value) : (o.index ?? (pairs.length > 0 ? 0 : null));
    super("DropdownModel", "DropdownView", "DescriptionStyleModel", { _options_labels: pairs.map((p) => p[0]), index, disabled: o.disabled ?? false }, o);
    this.values = values;
  }

  override get value(): V | null {
    const i = this.get("index");
    return typeof i === "number" ? this.values[i] : null;
  }

  override set value(v: V | null) {
    this.set({ index: v === null ? null : this.values.indexOf(v) });
  }

  /** observe("value") fires on index changes (the value is derived from the index). */
  override observe<T = unknown>(cb: (change: Change<T>) => void, names: string | string[] = "value"): this {
    const list = Array.isArray(names) ? names : [names];
    if (!list.includes("value")) return super.observe(cb, names);
    super.observe<number | null>((c) => {
      const at = (i: number | null) => (typeof i === "number" ? this.values[i] : null);
      cb({ ...c, name: "value", old: at(c.old) as T, new: at(c.new) as T });
    }, "index");
    return list.length > 1 ? super.observe(cb, list.filter((n) => n !== "value")) : this;
  }
}

/** ipywidgets.Button; `onClick(cb)` runs kernel code on each click. */
export class Button extends Widget {
  constructor(opts?: { icon?: string; button_style?: "" | "primary" | "success" | "info" | "warning" | "danger" } & ControlOptions) {
    const o = options("Button", opts, ["icon", "button_style"]);
    super(
      { model: "ButtonModel", view: "ButtonView" },
      {
        _dom_classes: [],
        layout: new Layout(o.layout ?? {}),
        style: new Style("ButtonStyleModel", {}),
        tabbable: null,
        tooltip: o.tooltip ?? null,
        description: o.description ?? "",
        icon: o.icon ?? "",
        button_style: o.button_style ?? "",
        disabled: o.disabled ?? false,
      },
    );
  }

  onClick(cb: (button: Button) => void): this {
    this.onCustom((content) => {
      if (content.event === "click") cb(this);
    });
    return this;
  }
}

/** A box of widgets (HBox: a row, VBox: a column). */
class Box extends Widget {
  constructor(model: string, view: string, children: Widget[], opts: { layout?: State; box_style?: string } = {}) {
    super(
      { model, view },
      { _dom_classes: [], layout: new Layout(opts.layout ?? {}), tabbable: null, tooltip: null, box_style: opts.box_style ?? "", children },
    );
  }

  get children(): Widget[] {
    return this.get("children") as Widget[];
  }

  protected override deserialize(name: string, v: unknown): unknown {
    if (name === "children" && Array.isArray(v)) return v.map((r) => live.get(String(r).replace(/^IPY_MODEL_/, "")) ?? r);
    return v;
  }
}

export class HBox extends Box {
  constructor(children: Widget[], opts?: { layout?: State; box_style?: string }) {
    super("HBoxModel", "HBoxView", children, opts);
  }
}

export class VBox extends Box {
  constructor(children: Widget[], opts?: { layout?: State; box_style?: string }) {
    super("VBoxModel", "VBoxView", children, opts);
  }
}

/** The msg_id of the request being served (the kernel sets this hook), for Output.capture. */
const PARENT = Symbol.for("eigenlab.kernel.parentMsgId");
function currentMsgId(): string {
  const f = (globalThis as unknown as Record<symbol, (() => string) | undefined>)[PARENT];
  return f ? f() : "";
}

/**
 * ipywidgets.Output: `capture(fn)` routes what `fn` displays or prints into the widget (the front end
 * captures the messages whose parent is `msg_id`, as ipywidgets' `with out:` does); `append(x)` and
 * `clear()` edit its `outputs` directly (which also works with no front end listening, e.g. in nbclient).
 */
export class Output extends Widget {
  constructor(opts: { layout?: State } = {}) {
    super(
      { model: "OutputModel", view: "OutputView", module: OUTPUT },
      { _dom_classes: [], layout: new Layout(opts.layout ?? {}), tabbable: null, tooltip: null, msg_id: "", outputs: [] },
    );
  }

  async capture<T>(fn: () => T | Promise<T>): Promise<T> {
    this.set({ msg_id: currentMsgId() });
    try {
      return await fn();
    } finally {
      this.set({ msg_id: "" });
    }
  }

  append(value: unknown): void {
    const out = { output_type: "display_data", data: toMimeBundle(value), metadata: {} };
    this.set({ outputs: [...(this.get("outputs") as unknown[]), out] });
  }

  appendStdout(text: string): void {
    this.set({ outputs: [...(this.get("outputs") as unknown[]), { output_type: "stream", name: "stdout", text }] });
  }

  clear(): void {
    this.set({ outputs: [] });
  }
}

/** The control comm: a reloaded page asks for every widget's state in one message. */
export function installWidgetTargets(): void {
  commManager().register(CONTROL_TARGET, (c) => {
    c.onMsg((m) => {
      if (m.data.method !== "request_states") return;
      const states: State = {};
      for (const [id, w] of live) {
        const s = w.getState();
        states[id] = { model_name: s._model_name, model_module: s._model_module, model_module_version: s._model_module_version, state: s };
      }
      c.send({ method: "update_states", states, buffer_paths: [] });
    });
  });
}

/** What cells use: `new widgets.IntSlider({ min: 2, max: 20 })`, ... */
export const widgets = {
  Widget,
  Layout,
  IntSlider,
  FloatSlider,
  FloatLogSlider,
  Play,
  Checkbox,
  Text,
  Dropdown,
  Button,
  HBox,
  VBox,
  Output,
};

/** Options objects of the kernel's API: an object, and no unknown key (the rule of @eigenlab/core's checkOptions). */
export function checkKernelOptions(fn: string, opts: unknown, allowed: readonly string[]): void {
  if (opts === undefined) return;
  if (opts === null || typeof opts !== "object" || Array.isArray(opts)) {
    throw new EigenlabError("bad-option", message.kernelOptionsNotObject(fn, allowed));
  }
  for (const key of Object.keys(opts)) {
    if (!allowed.includes(key)) throw new EigenlabError("unknown-option", message.kernelUnknownOption(fn, key, allowed));
  }
}

/** Guard used by interact for a user's control spec. */
export function badControl(name: string, got: unknown): EigenlabError {
  return new EigenlabError("interact-control", message.interactRange(name, JSON.stringify(got) ?? String(got)));
}
