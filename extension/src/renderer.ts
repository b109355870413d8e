/**
 * The MIME renderer widget for `application/vnd.eigenlab.v1+json`: reads the payload (a clear message if it
 * cannot), plans the panels (plan.ts), draws them with vega-embed (lazily imported; tooltips, PNG/SVG
 * export) or WebGL for large point clouds, and shows the provenance badge. Clicking an eigenvalue of a
 * spectrum that carries eigenvectors recolors the linked points by that eigenvector, in this output and in
 * every other output with the same link key (link.ts). Each panel has a PNG/SVG export toolbar (export.ts);
 * a lab theme switch redraws the charts in the new theme's colors.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import { readPayload } from "@eigenlab/viz/browser";
import type { Payload, ScatterPoints } from "@eigenlab/viz/browser";
import { provenanceItems } from "./badge";
import { exportToolbar } from "./export";
import type { Exporter } from "./export";
import { LINKS, linkKeyOf } from "./link";
import type { EigenvectorPick, PickListener } from "./link";
import { eigenIndexOf, eigenpairOf, linkedPanel, linkTargetSize, planView, DEFAULT_STATE } from "./plan";
import type { Panel, Plan, ViewState } from "./plan";
import { vegaThemeConfig } from "./theme";
import { DEFAULT_CAMERA, FLAT_CAMERA, planarCoords } from "./projection";
import type { Camera } from "./projection";
import { mountScatter3d } from "./scatter3d";
import { chooseScatterRenderer } from "./engine";
import type { ScatterRenderer } from "./engine";
import { mountWebglScatter, webglInfo } from "./webgl";
import type { WebglScatter } from "./webgl";

const CLASS = "eigenlab-Renderer";

interface Disposable {
  dispose(): void;
}

/** Options a notebook can put in the output's metadata under the MIME type: { logScale, colorBy, threeD, renderer }. */
function stateFromMetadata(meta: unknown): Partial<ViewState> {
  const m = (meta ?? {}) as Record<string, unknown>;
  const out: Partial<ViewState> = {};
  if (typeof m.logScale === "boolean") out.logScale = m.logScale;
  if (typeof m.colorBy === "number" && Number.isInteger(m.colorBy)) out.colorBy = m.colorBy;
  if (typeof m.threeD === "boolean") out.threeD = m.threeD;
  if (m.renderer === "webgl" || m.renderer === "canvas") out.renderer = m.renderer as ScatterRenderer;
  return out;
}

function formatValue(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

export class EigenlabRenderer extends Widget implements IRenderMime.IRenderer {
  private readonly mimeType: string;
  private payload?: Payload;
  private state: ViewState = { ...DEFAULT_STATE };
  private views: Disposable[] = [];
  private pointViews: Disposable[] = [];
  private generation = 0;
  /** This output's link key (link.ts), and how to leave the registry. */
  private linkKey?: string;
  private unlink?: () => void;
  private readonly onLinkedPick: PickListener = (pick) => this.applyLinkedPick(pick);
  /** Redraws in the new colors when the lab theme changes (JupyterLab sets data-jp-theme-* on <body>). */
  private themeObserver?: MutationObserver;
  /** What the header says while a linked output's eigenvector colors this one. */
  private linkedNote = "";
  /** The 3-D view's rotation, zoom and pan: kept when a recolor or a theme switch redraws the panel. */
  private camera: Camera = DEFAULT_CAMERA;
  /** The same for a large 2-D cloud drawn on the CPU canvas. */
  private camera2d: Camera = FLAT_CAMERA;

  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType;
    this.addClass(CLASS);
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.clear();
    this.leaveLink();
    this.payload = undefined;
    try {
      this.payload = readPayload(model.data[this.mimeType]);
    } catch (err) {
      this.showError(`This Eigenlab output cannot be drawn: ${(err as Error).message}`);
      return;
    }
    const meta = model.metadata[this.mimeType];
    this.state = { ...DEFAULT_STATE, width: this.node.clientWidth || DEFAULT_STATE.width, ...stateFromMetadata(meta) };
    this.camera = DEFAULT_CAMERA;
    this.camera2d = FLAT_CAMERA;
    this.linkKey = linkKeyOf(meta, this.payload.meta);
    if (this.linkKey && linkTargetSize(this.payload) > 0) this.unlink = LINKS.subscribe(this.linkKey, this.onLinkedPick);
    this.watchTheme();
    await this.draw();
  }

  protected override onBeforeDetach(): void {
    // Views keep listeners and WebGL contexts: free them when the output goes away.
    this.clear();
  }

  protected override onAfterAttach(): void {
    // Re-attached after a detach (which freed the views): draw again.
    if (this.payload && !this.node.firstChild) void this.draw();
  }

  override dispose(): void {
    this.clear();
    this.leaveLink();
    this.themeObserver?.disconnect();
    super.dispose();
  }

  private leaveLink(): void {
    this.unlink?.();
    this.unlink = undefined;
    this.linkKey = undefined;
  }

  private watchTheme(): void {
    if (this.themeObserver || typeof MutationObserver === "undefined") return;
    this.themeObserver = new MutationObserver(() => {
      // The theme's CSS variables are in place once the attribute changes; redraw on the next frame.
      requestAnimationFrame(() => {
        if (this.payload && this.isAttached) void this.draw();
      });
    });
    this.themeObserver.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-name", "data-jp-theme-light"] });
  }

  /** An eigenvalue was clicked: recolor here, and send the eigenvector to the outputs sharing the link key. */
  private pick(index: number, plan: Plan, host: HTMLElement | undefined): void {
    if (plan.linked && host) void this.recolor(index, host);
    if (!this.linkKey || !this.payload) return;
    const pair = eigenpairOf(this.payload, index);
    if (pair) LINKS.publish(this.linkKey, { index, ...pair }, this.onLinkedPick);
  }

  /** Another output with our link key picked an eigenvector: color our points/nodes by it. */
  private applyLinkedPick(pick: EigenvectorPick): void {
    if (!this.payload || pick.vector.length !== linkTargetSize(this.payload)) return;
    this.state = {
      ...this.state,
      colorBy: undefined,
      linkedColor: { values: pick.vector, name: `eigenvector ${pick.index + 1} (linked)` },
    };
    this.linkedNote = `colored by eigenvector ${pick.index + 1} (λ = ${formatValue(pick.eigenvalue)}) from the output linked as “${this.linkKey ?? ""}”`;
    void this.draw();
  }

  private clear(): void {
    this.generation++;
    for (const v of [...this.views, ...this.pointViews]) v.dispose();
    this.views = [];
    this.pointViews = [];
    this.node.textContent = "";
  }

  private showError(text: string): void {
    const box = document.createElement("div");
    box.className = "eigenlab-error";
    box.setAttribute("role", "alert");
    box.textContent = text;
    this.node.appendChild(box);
  }

  private async draw(): Promise<void> {
    const p = this.payload;
    if (!p) return;
    this.clear();
    const generation = this.generation;
    let plan: Plan;
    try {
      plan = planView(p, this.state);
    } catch (err) {
      this.showError((err as Error).message);
      return;
    }
    this.node.appendChild(this.header(p, plan));
    if (this.state.linkedColor) {
      const note = document.createElement("div");
      note.className = "eigenlab-linked-note";
      note.textContent = this.linkedNote;
      this.node.appendChild(note);
    }
    const body = document.createElement("div");
    body.className = "eigenlab-panels";
    this.node.appendChild(body);
    this.node.appendChild(this.badge(p));
    const hosts = plan.panels.map((panel) => {
      const host = document.createElement("div");
      host.className = `eigenlab-panel eigenlab-panel-${panel.role}`;
      body.appendChild(host);
      return host;
    });
    await Promise.all(
      plan.panels.map((panel, t) =>
        this.drawPanel(panel, hosts[t], generation, panel === linkedPanel(plan) ? this.pointViews : this.views, (index) => {
          const target = linkedPanel(plan);
          this.pick(index, plan, target ? hosts[plan.panels.indexOf(target)] : undefined);
        }),
      ),
    );
  }

  /** Linked view: redraw only the points/graph panel, colored by eigenvector `index`. */
  private async recolor(index: number, host: HTMLElement | undefined): Promise<void> {
    if (!this.payload || !host) return;
    this.state = { ...this.state, colorBy: index, linkedColor: undefined };
    this.node.querySelector(".eigenlab-linked-note")?.remove();
    const select = this.node.querySelector<HTMLSelectElement>("select.eigenlab-colorby");
    if (select) select.value = String(index);
    for (const v of this.pointViews) v.dispose();
    this.pointViews = [];
    host.textContent = "";
    const panel = linkedPanel(planView(this.payload, this.state));
    if (panel) await this.drawPanel(panel, host, this.generation, this.pointViews, () => undefined);
  }

  private async drawPanel(panel: Panel, host: HTMLElement, generation: number, into: Disposable[], onPick: (index: number) => void): Promise<void> {
    const basename = `eigenlab-${this.payload?.kind ?? "chart"}`;
    host.dataset.engine = panel.engine;
    try {
      if (panel.engine === "canvas3d") {
        const pts = panel.points;
        const { coords, dims } = panel;
        const view = mountScatter3d(host, coords, dims, pts, {
          width: Math.min(560, Math.max(320, this.state.width - 40)),
          height: 420,
          background: cssVar(this.node, "--jp-layout-color0").trim() || "#ffffff",
          foreground: cssVar(this.node, "--jp-ui-font-color2").trim() || "#616161",
          describe: (i) => describePoint(pts, i, [coords[i * dims], coords[i * dims + 1], coords[i * dims + 2]]),
          camera: this.camera,
          onCamera: (c) => {
            this.camera = c;
          },
        });
        into.push(view);
        host.prepend(exportToolbar({ png: () => view.exportPng() }, basename));
        return;
      }
      if (panel.engine === "webgl" && panel.role === "points") {
        const pts = panel.points;
        const background = cssVar(this.node, "--jp-layout-color0").trim() || "#ffffff";
        const choice = chooseScatterRenderer(webglInfo(), this.state.renderer);
        host.dataset.renderer = choice.renderer;
        if (choice.renderer === "canvas") {
          // Software WebGL (or none): our CPU rasterizer draws 100 000 points in a 60 fps frame (engine.ts).
          const view = mountScatter3d(host, planarCoords(pts.x, pts.y), 3, pts, {
            width: Math.min(640, Math.max(320, this.state.width - 40)),
            height: 420,
            background,
            foreground: cssVar(this.node, "--jp-ui-font-color2").trim() || "#616161",
            describe: (i) => describePoint(pts, i),
            camera: this.camera2d,
            onCamera: (c) => {
              this.camera2d = c;
            },
            flat: true,
            renderer: `CPU canvas (${choice.reason})`,
          });
          into.push(view);
          host.prepend(exportToolbar({ png: () => view.exportPng() }, basename));
          return;
        }
        const view: WebglScatter = await mountWebglScatter(host, pts, {
          width: Math.min(640, Math.max(320, this.state.width - 40)),
          height: 420,
          background,
          describe: (i) => describePoint(pts, i),
        });
        if (generation !== this.generation) view.dispose();
        else {
          into.push(view);
          host.prepend(exportToolbar({ png: () => view.exportPng() }, basename));
        }
        return;
      }
      const spec = panel.spec;
      const { default: embed } = await import("vega-embed");
      const result = await embed(host, spec as never, {
        mode: "vega-lite",
        // SVG: marks are DOM nodes (crisp at any zoom, readable by assistive tools and tests); our toolbar exports.
        renderer: "svg",
        actions: false,
        config: vegaThemeConfig((name) => cssVar(this.node, name)) as never,
        downloadFileName: `eigenlab-${this.payload?.kind ?? "chart"}`,
        tooltip: { theme: document.body.dataset.jpThemeLight === "false" ? "dark" : "light" },
      });
      if (generation !== this.generation) {
        result.finalize();
        return;
      }
      into.push({ dispose: () => result.finalize() });
      const view = result.view;
      const exporter: Exporter = {
        png: () => view.toImageURL("png", 2),
        svg: () => view.toImageURL("svg"),
      };
      host.prepend(exportToolbar(exporter, basename));
      if (panel.role === "spectrum") {
        result.view.addEventListener("click", (_event: unknown, item: unknown) => {
          const index = eigenIndexOf(item);
          if (index !== undefined) onPick(index);
        });
      }
    } catch (err) {
      host.textContent = "";
      const box = document.createElement("div");
      box.className = "eigenlab-error";
      box.textContent = `Could not draw this chart: ${(err as Error).message}`;
      host.appendChild(box);
    }
  }

  private header(p: Payload, plan: Plan): HTMLElement {
    const bar = document.createElement("div");
    bar.className = "eigenlab-header";
    const kind = document.createElement("span");
    kind.className = "eigenlab-kind";
    kind.textContent = p.kind;
    bar.appendChild(kind);
    if (p.meta.title) {
      const title = document.createElement("span");
      title.className = "eigenlab-title";
      title.textContent = p.meta.title;
      bar.appendChild(title);
    }
    // A header checkbox bound to one boolean of the view state; changing it redraws.
    const toggle = (key: "logScale" | "threeD", className: string, text: string, title?: string): void => {
      const label = document.createElement("label");
      if (title) label.title = title;
      const box = document.createElement("input");
      box.type = "checkbox";
      box.className = className;
      box.checked = this.state[key];
      box.addEventListener("change", () => {
        this.state = { ...this.state, [key]: box.checked };
        void this.draw();
      });
      label.append(box, text);
      bar.appendChild(label);
    };
    if (plan.logToggle) toggle("logScale", "eigenlab-log", " log scale");
    if (plan.threeDToggle) toggle("threeD", "eigenlab-3d-toggle", " 3-D", "3-D: drag to rotate; 2-D: the first two coordinates, the third as color");
    if (plan.colorChoices.length) {
      const label = document.createElement("label");
      label.append("color by ");
      const select = document.createElement("select");
      select.className = "eigenlab-colorby";
      for (const c of plan.colorChoices) {
        const o = document.createElement("option");
        o.value = c.value === undefined ? "" : String(c.value);
        o.textContent = c.label;
        select.appendChild(o);
      }
      select.value = this.state.colorBy === undefined ? "" : String(this.state.colorBy);
      // A spectrum without labels starts colored by its first non-trivial eigenvector (viz's default column).
      if (select.value === "" && select.selectedIndex < 0 && !this.state.linkedColor) select.selectedIndex = Math.min(1, select.options.length - 1);
      select.addEventListener("change", () => {
        this.state = { ...this.state, colorBy: select.value === "" ? undefined : Number(select.value) };
        void this.draw();
      });
      label.appendChild(select);
      bar.appendChild(label);
      if (plan.linked) {
        const hint = document.createElement("span");
        hint.className = "eigenlab-hint";
        hint.textContent = "click an eigenvalue to color by its eigenvector";
        bar.appendChild(hint);
      }
    }
    return bar;
  }

  private badge(p: Payload): HTMLElement {
    const el = document.createElement("div");
    el.className = "eigenlab-badge";
    el.title = "provenance of this result";
    for (const item of provenanceItems(p.meta)) {
      const span = document.createElement("span");
      span.className = "eigenlab-badge-item";
      const k = document.createElement("b");
      k.textContent = item.label;
      span.append(k, ` ${item.value}`);
      el.appendChild(span);
    }
    return el;
  }
}

function cssVar(node: HTMLElement, name: string): string {
  return getComputedStyle(node).getPropertyValue(name);
}

/** Tooltip text of point i: its index, coordinates (`xyz` in the 3-D view) and label or color value. */
function describePoint(pts: ScatterPoints, i: number, xyz: number[] = [pts.x[i], pts.y[i]]): string {
  const extra = pts.labels ? ` · ${pts.colorName ?? "label"} ${pts.labels[i]}` : pts.color ? ` · ${pts.colorName ?? "value"} ${Number(pts.color[i].toPrecision(4))}` : "";
  return `point ${i} (${xyz.map((v) => Number(v.toPrecision(4))).join(", ")})${extra}`;
}
