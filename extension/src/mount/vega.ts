/**
 * The Vega engine: a Vega-Lite chart drawn by vega-embed (loaded lazily), with tooltips, PNG/SVG export and
 * eigenvalue clicks. A small point set's scatter (role "points") also gets an interval brush (issue #13): the
 * points inside it are raised as a selection (SELECTION_EVENT, the same event the canvas and WebGL lassos
 * raise), which the renderer tags with its view id and selection.ts sends to the kernel.
 */
import type { ScatterPoints } from "@eigenlab/viz/browser";
import { exportToolbar } from "../export";
import { eigenIndexOf } from "../plan";
import { SELECTION_EVENT } from "../selection";
import type { Disposable, MountOptions } from "./mount";

/** The brush's Vega-Lite param (and signal) name. */
export const BRUSH = "brush";
/** Quiet time after the brush's last change before the selection is sent: a drag changes it at every move. */
const SETTLE_MS = 150;

/**
 * The spec with an x/y interval brush added; points outside a non-empty brush are dimmed. Wheel zoom of the
 * brush is off: the wheel scrolls the notebook.
 */
export function withBrush(spec: Record<string, unknown>): Record<string, unknown> {
  const encoding = (spec.encoding ?? {}) as Record<string, unknown>;
  const mark = spec.mark as { opacity?: number } | undefined;
  const on = typeof mark === "object" && typeof mark.opacity === "number" ? mark.opacity : 0.8;
  return {
    ...spec,
    params: [...((spec.params as unknown[] | undefined) ?? []), { name: BRUSH, select: { type: "interval", encodings: ["x", "y"], zoom: false } }],
    encoding: { ...encoding, opacity: { condition: { param: BRUSH, empty: true, value: on }, value: 0.15 } },
  };
}

/**
 * The indices of the points inside a brush signal's value ({ x: [a, b], y: [c, d] } in data units, either
 * order; an empty object when cleared), ascending, from the full-precision coordinates (so a Vega subset of a
 * larger set selects every point of the region, drawn or not). Inclusive bounds, as Vega-Lite's test.
 */
export function pointsInBrush(pts: Pick<ScatterPoints, "x" | "y">, brush: unknown): number[] {
  const b = brush as { x?: unknown; y?: unknown } | null | undefined;
  const range = (r: unknown): [number, number] | undefined =>
    Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === "number" && Number.isFinite(v)) ? [Math.min(r[0], r[1]), Math.max(r[0], r[1])] : undefined;
  const rx = range(b?.x), ry = range(b?.y);
  if (!rx || !ry) return [];
  const out: number[] = [];
  for (let i = 0; i < pts.x.length; i++) {
    const x = pts.x[i], y = pts.y[i];
    if (x >= rx[0] && x <= rx[1] && y >= ry[0] && y <= ry[1]) out.push(i);
  }
  return out;
}

export async function mountVega(host: HTMLElement, panel: { role: string; spec?: Record<string, unknown>; points?: ScatterPoints }, opts: MountOptions): Promise<Disposable> {
  const { default: embed } = await import("vega-embed");
  const points = panel.role === "points" ? panel.points : undefined;
  const spec = points && panel.spec ? withBrush(panel.spec) : panel.spec;
  const result = await embed(host, spec as never, {
    mode: "vega-lite",
    // SVG: marks are DOM nodes (crisp at any zoom, readable by assistive tools and tests); our toolbar exports.
    renderer: "svg",
    actions: false,
    config: opts.theme.vega as never,
    downloadFileName: opts.basename,
    tooltip: { theme: opts.theme.dark ? "dark" : "light" },
  });
  const view = result.view;
  host.prepend(exportToolbar({ png: () => view.toImageURL("png", 2), svg: () => view.toImageURL("svg") }, opts.basename));
  if (panel.role === "spectrum") {
    view.addEventListener("click", (_event: unknown, item: unknown) => {
      const index = eigenIndexOf(item);
      if (index !== undefined) opts.onPick(index);
    });
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (points) {
    const total = points.x.length;
    const status = document.createElement("div");
    status.className = "eigenlab-brush-status";
    const idle = `drag: select a rectangle of points · click: clear`;
    status.textContent = idle;
    host.appendChild(status);
    let sent = "";
    view.addSignalListener(`${BRUSH}`, (_name: string, value: unknown) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const indices = pointsInBrush(points, value);
        status.textContent = indices.length > 0 || Object.keys((value ?? {}) as object).length > 0 ? `${indices.length.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} points selected · click: clear` : idle;
        const key = indices.join(",");
        if (key === sent) return;
        sent = key;
        host.dispatchEvent(new CustomEvent(SELECTION_EVENT, { bubbles: true, detail: { kind: "lasso", indices } }));
      }, SETTLE_MS);
    });
  }
  return {
    dispose: () => {
      clearTimeout(timer);
      result.finalize();
    },
  };
}
