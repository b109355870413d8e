/**
 * The WebGL scatter for large point clouds (regl-scatterplot, loaded lazily): zoom and pan with the wheel
 * and drag, hover for the point, lasso with shift-drag (or a long press) to select.
 */
import type { ScatterPoints } from "@eigenlab/viz/browser";
import { imageDataToPng } from "./export";
import type { WebglInfo } from "./engine";
import { toGlPoints } from "./gl-points";
import { legendElement } from "./legend";
import { SELECTION_EVENT } from "./selection";

export interface WebglScatter {
  /** The current view (zoom and pan included) as a PNG data URL. */
  exportPng(): Promise<string>;
  dispose(): void;
}

let info: WebglInfo | undefined;

/**
 * Whether the browser can give us a WebGL context (headless or locked-down browsers may not) and its
 * renderer string (unmasked when WEBGL_debug_renderer_info is exposed). Probed once per page; the probe's
 * context is released at once (browsers cap live contexts at about 16).
 */
export function webglInfo(): WebglInfo {
  if (info) return info;
  try {
    const c = document.createElement("canvas");
    const gl = (c.getContext("webgl2") || c.getContext("webgl")) as WebGLRenderingContext | null;
    if (!gl) return (info = { available: false, renderer: "" });
    const debug = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    return (info = { available: true, renderer });
  } catch {
    return (info = { available: false, renderer: "" });
  }
}

/** Largest WebGL view (CSS pixels): every WebGL panel (mount/webgl.ts) is drawn within it. */
export const WEBGL_MAX_SIZE = { width: 640, height: 420 } as const;

type Renderer = ReturnType<typeof import("regl-scatterplot").createRenderer>;
let sharedRenderer: Renderer | undefined;

/**
 * One WebGL renderer for every view of the page, its canvas the size of the largest view. Left to itself,
 * regl-scatterplot gives each plot a renderer as large as the window and copies it into the plot's canvas
 * every frame; in headless Chromium (SwiftShader) that copy dominated the frame time (profile of
 * bench/lab.bench.ts: drawImage 80% of main-thread time). A view-sized one draws and copies about 4x fewer
 * pixels, and one WebGL context serves all outputs (browsers cap live contexts at about 16).
 */
function renderer(create: typeof import("regl-scatterplot").createRenderer): Renderer {
  if (!sharedRenderer || sharedRenderer.isDestroyed) {
    const canvas = document.createElement("canvas");
    canvas.width = WEBGL_MAX_SIZE.width * window.devicePixelRatio;
    canvas.height = WEBGL_MAX_SIZE.height * window.devicePixelRatio;
    sharedRenderer = create({ canvas });
  }
  return sharedRenderer;
}

export async function mountWebglScatter(
  host: HTMLElement,
  points: ScatterPoints,
  opts: { width: number; height: number; background: string; describe: (i: number) => string },
): Promise<WebglScatter> {
  const { default: createScatterplot, createRenderer } = await import("regl-scatterplot");
  opts = { ...opts, width: Math.min(opts.width, WEBGL_MAX_SIZE.width), height: Math.min(opts.height, WEBGL_MAX_SIZE.height) };
  const gl = toGlPoints(points);
  const canvas = document.createElement("canvas");
  canvas.className = "eigenlab-webgl-canvas";
  canvas.style.width = `${opts.width}px`;
  canvas.style.height = `${opts.height}px`;
  const tip = document.createElement("div");
  tip.className = "eigenlab-webgl-tooltip";
  tip.hidden = true;
  const status = document.createElement("div");
  status.className = "eigenlab-webgl-status";
  status.textContent = `${points.x.length.toLocaleString("en-US")} points (WebGL) · wheel: zoom · drag: pan · shift-drag: lasso`;
  host.append(canvas, tip, status);
  const key = legendElement(points, gl);
  if (key) host.appendChild(key);
  const n = points.x.length;
  const plot = createScatterplot({
    renderer: renderer(createRenderer),
    canvas,
    width: opts.width,
    height: opts.height,
    backgroundColor: opts.background,
    pointSize: n > 200_000 ? 1 : n > 50_000 ? 2 : 3,
    // Above 50 000 points: squares without alpha blending (regl-scatterplot's performance mode), the cheap
    // fragment path that keeps zoom and pan fluid on software WebGL and integrated GPUs.
    performanceMode: n > 50_000,
    pointColor: gl.colors,
    colorBy: gl.category ? "valueA" : gl.value ? "valueB" : null,
    lassoOnLongPress: true,
  } as never);
  const data: Record<string, ArrayLike<number>> = { x: gl.x, y: gl.y };
  if (gl.category) data.valueA = gl.category;
  if (gl.value) data.valueB = gl.value;
  await plot.draw(data as never);
  let lastMouse: [number, number] = [0, 0];
  const onMove = (e: MouseEvent) => {
    const r = host.getBoundingClientRect();
    lastMouse = [e.clientX - r.left, e.clientY - r.top];
  };
  canvas.addEventListener("mousemove", onMove);
  plot.subscribe("pointOver", (i: number) => {
    tip.textContent = opts.describe(i);
    tip.style.left = `${lastMouse[0] + 12}px`;
    tip.style.top = `${lastMouse[1] + 12}px`;
    tip.hidden = false;
  });
  plot.subscribe("pointOut", () => {
    tip.hidden = true;
  });
  const announce = (indices: number[]) =>
    canvas.dispatchEvent(new CustomEvent(SELECTION_EVENT, { bubbles: true, detail: { kind: "lasso", indices } }));
  plot.subscribe("select", ({ points: sel }: { points: number[] }) => {
    status.textContent = `${sel.length.toLocaleString("en-US")} of ${n.toLocaleString("en-US")} points selected (Esc or double-click clears)`;
    announce(Array.from(sel).sort((a, b) => a - b));
  });
  plot.subscribe("deselect", () => {
    status.textContent = `${n.toLocaleString("en-US")} points (WebGL) · wheel: zoom · drag: pan · shift-drag: lasso`;
    announce([]);
  });
  return {
    async exportPng() {
      // export() without options renders synchronously with the current settings and returns ImageData.
      return imageDataToPng((plot as unknown as { export(): ImageData }).export());
    },
    dispose() {
      canvas.removeEventListener("mousemove", onMove);
      plot.destroy();
    },
  };
}
