/**
 * The MIME renderer widget for `application/vnd.eigenlab.v1+json`: reads the payload (a clear message if it
 * cannot), plans the panels (plan.ts, from viz's table of display kinds), and for each panel chooses the
 * drawing engine's mount — Vega (mount/vega.ts), regl-scatterplot WebGL (mount/webgl.ts), the CPU canvas
 * for large 2-D clouds on software WebGL (mount/canvas2d.ts), the 3-D canvas (mount/canvas3d.ts) — around
 * the header, linked note and provenance badge (header.ts). Clicking an eigenvalue of a spectrum that
 * carries eigenvectors recolors the linked points here and in every output with the same link key (link.ts);
 * a lab theme switch redraws in the new theme's colors (theme.ts).
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import { decodeArray, readPayload } from "@eigenlab/viz/browser";
import type { Payload } from "@eigenlab/viz/browser";
import { chooseScatterRenderer } from "./engine";
import type { ScatterRenderer } from "./engine";
import { badge, errorBox, header, linkedNote } from "./header";
import { LINKS, linkKeyOf } from "./link";
import { SELECTION_EVENT, viewIdOf } from "./selection";
import type { SelectionDetail } from "./selection";
import type { EigenvectorPick, PickListener } from "./link";
import { mountCanvas2d } from "./mount/canvas2d";
import { mountCanvas3d } from "./mount/canvas3d";
import type { Disposable, MountOptions } from "./mount/mount";
import { mountVega } from "./mount/vega";
import { mountWebgl } from "./mount/webgl";
import { eigenpairOf, linkedPanel, linkTargetSize, planView, DEFAULT_STATE } from "./plan";
import type { Panel, Plan, ViewState } from "./plan";
import { DEFAULT_CAMERA, FLAT_CAMERA } from "./projection";
import type { Camera } from "./projection";
import { themeColors, watchTheme } from "./theme";
import { webglInfo } from "./webgl";

const CLASS = "eigenlab-Renderer";

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
  /** Stops redrawing on lab theme changes. */
  private unwatchTheme?: () => void;
  /** What the header says while a linked output's eigenvector colors this one. */
  private linkedNote = "";
  /** The 3-D view's rotation, zoom and pan, and the 2-D canvas's: kept when a recolor or a theme switch redraws. */
  private camera: Camera = DEFAULT_CAMERA;
  private camera2d: Camera = FLAT_CAMERA;

  /** The kernel's id for this output (metadata `view`, set by the kernel's display()), for selections. */
  private viewId: string | undefined;

  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType;
    this.addClass(CLASS);
    // Selections in this output's views bubble through here: tag them with the output's view id (the
    // kernel's display id), so the kernel knows whose selection it is.
    this.node.addEventListener(SELECTION_EVENT, (e) => {
      const detail = (e as CustomEvent<SelectionDetail>).detail;
      if (detail && this.viewId) detail.view = this.viewId;
      // A sampled embedding (data.sample: a 10⁶-point set saved as a sample, issue #15) draws sample positions;
      // the kernel holds the full set, so a lasso is sent as rows of the full set.
      const sample = this.payload?.kind === "embedding" ? this.payload.data.sample : undefined;
      if (detail?.kind === "lasso" && detail.indices && sample) {
        const rows = decodeArray(sample.indices);
        detail.indices = detail.indices.map((i) => rows[i]);
      }
    });
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.clear();
    this.leaveLink();
    this.payload = undefined;
    try {
      this.payload = readPayload(model.data[this.mimeType]);
    } catch (err) {
      this.node.appendChild(errorBox(`This Eigenlab output cannot be drawn: ${(err as Error).message}`, true));
      return;
    }
    const meta = model.metadata[this.mimeType];
    this.viewId = viewIdOf(meta);
    this.state = { ...DEFAULT_STATE, width: this.node.clientWidth || DEFAULT_STATE.width, ...stateFromMetadata(meta) };
    this.camera = DEFAULT_CAMERA;
    this.camera2d = FLAT_CAMERA;
    this.linkKey = linkKeyOf(meta, this.payload.meta);
    if (this.linkKey && linkTargetSize(this.payload) > 0) this.unlink = LINKS.subscribe(this.linkKey, this.onLinkedPick);
    this.unwatchTheme ??= watchTheme(() => {
      if (this.payload && this.isAttached) void this.draw();
    });
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
    this.unwatchTheme?.();
    super.dispose();
  }

  private leaveLink(): void {
    this.unlink?.();
    this.unlink = undefined;
    this.linkKey = undefined;
  }

  /** An eigenvalue was clicked: recolor here, and send the eigenvector to the outputs sharing the link key. */
  private pick(index: number, plan: Plan, host: HTMLElement | undefined): void {
    this.node.dispatchEvent(new CustomEvent(SELECTION_EVENT, { bubbles: true, detail: { kind: "eigenvalue", index } }));
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

  private async draw(): Promise<void> {
    const p = this.payload;
    if (!p) return;
    this.clear();
    const generation = this.generation;
    let plan: Plan;
    try {
      plan = planView(p, this.state);
    } catch (err) {
      this.node.appendChild(errorBox((err as Error).message, true));
      return;
    }
    this.node.appendChild(
      header(p, plan, this.state, {
        toggle: (key, checked) => {
          this.state = { ...this.state, [key]: checked };
          void this.draw();
        },
        colorBy: (value) => {
          this.state = { ...this.state, colorBy: value };
          void this.draw();
        },
      }),
    );
    if (this.state.linkedColor) this.node.appendChild(linkedNote(this.linkedNote));
    const body = document.createElement("div");
    body.className = "eigenlab-panels";
    this.node.appendChild(body);
    this.node.appendChild(badge(p));
    const hosts = plan.panels.map((panel) => {
      const host = document.createElement("div");
      host.className = `eigenlab-panel eigenlab-panel-${panel.role}`;
      body.appendChild(host);
      return host;
    });
    const target = linkedPanel(plan);
    const targetHost = target ? hosts[plan.panels.indexOf(target)] : undefined;
    await Promise.all(plan.panels.map((panel, t) => this.mount(panel, hosts[t], generation, panel === target ? this.pointViews : this.views, (index) => this.pick(index, plan, targetHost))));
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
    if (panel) await this.mount(panel, host, this.generation, this.pointViews, () => undefined);
  }

  /** Chooses the panel's engine mount and draws it into `host`; the view joins `into` unless a redraw began meanwhile. */
  private async mount(panel: Panel, host: HTMLElement, generation: number, into: Disposable[], onPick: (index: number) => void): Promise<void> {
    host.dataset.engine = panel.engine;
    const opts: MountOptions = {
      width: this.state.width,
      theme: themeColors(this.node),
      basename: `eigenlab-${this.payload?.kind ?? "chart"}`,
      onPick,
      camera: panel.engine === "canvas3d" ? this.camera : this.camera2d,
      onCamera: (c) => {
        if (panel.engine === "canvas3d") this.camera = c;
        else this.camera2d = c;
      },
    };
    try {
      let view: Disposable;
      if (panel.engine === "canvas3d") view = await mountCanvas3d(host, panel, opts);
      else if (panel.engine === "webgl" && panel.role === "points") {
        // regl-scatterplot draws points only: a large graph's edges need the CPU canvas.
        const choice = "edges" in panel && panel.edges ? { renderer: "canvas" as const, reason: "node-link view" } : chooseScatterRenderer(webglInfo(), this.state.renderer);
        host.dataset.renderer = choice.renderer;
        view = choice.renderer === "canvas" ? await mountCanvas2d(host, panel, opts, choice.reason) : await mountWebgl(host, panel, opts);
      } else view = await mountVega(host, panel, opts);
      if (generation !== this.generation) view.dispose();
      else into.push(view);
    } catch (err) {
      host.textContent = "";
      host.appendChild(errorBox(`Could not draw this chart: ${(err as Error).message}`));
    }
  }
}
