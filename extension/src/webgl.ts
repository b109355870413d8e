/**
 * The WebGL scatter for large point clouds (regl-scatterplot, loaded lazily): zoom and pan with the wheel
 * and drag, hover for the point, lasso with shift-drag (or a long press) to select. Axes with titles and ticks
 * that follow pan and zoom (axes.ts, shared with the CPU canvas) and the legend (legend.ts) around it.
 */
import type { ScatterPoints } from "@eigenlab/viz/browser";
import { AXIS_INSET, drawAxes, labelAxes } from "./axes";
import { imageDataCanvas } from "./export";
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

/**
 * The part of a d3-scale linear scale regl-scatterplot uses (`domain()` and `range()`, read and set): given as
 * its `xScale`/`yScale`, it sets the domain to the data interval in view after every pan and zoom, which the
 * axes overlay reads (no d3-scale dependency for two accessors).
 */
interface LinearScale {
  domain(): [number, number];
  domain(d: readonly number[]): LinearScale;
  range(): [number, number];
  range(r: readonly number[]): LinearScale;
}

function linearScale(domain: readonly [number, number]): LinearScale {
  let d: [number, number] = [domain[0], domain[1]];
  let r: [number, number] = [0, 1];
  const scale = {
    domain(v?: readonly number[]) {
      if (v === undefined) return d;
      d = [v[0], v[1]];
      return scale;
    },
    range(v?: readonly number[]) {
      if (v === undefined) return r;
      r = [v[0], v[1]];
      return scale;
    },
  };
  return scale as LinearScale;
}

export async function mountWebglScatter(
  host: HTMLElement,
  points: ScatterPoints,
  opts: { width: number; height: number; background: string; foreground: string; describe: (i: number) => string },
): Promise<WebglScatter> {
  const { default: createScatterplot, createRenderer } = await import("regl-scatterplot");
  opts = { ...opts, width: Math.min(opts.width, WEBGL_MAX_SIZE.width), height: Math.min(opts.height, WEBGL_MAX_SIZE.height) };
  const gl = toGlPoints(points);
  // The view is a frame of opts.width × opts.height: the axes canvas fills it (margins with ticks and titles,
  // axes.ts, as the CPU canvas draws them), the WebGL canvas the plot area inside the margins.
  const inset = AXIS_INSET;
  const plotW = opts.width - inset.left - inset.right;
  const plotH = opts.height - inset.top - inset.bottom;
  const frame = document.createElement("div");
  frame.className = "eigenlab-webgl-frame";
  frame.style.position = "relative";
  frame.style.width = `${opts.width}px`;
  frame.style.height = `${opts.height}px`;
  const dpr = window.devicePixelRatio || 1;
  const axesCanvas = document.createElement("canvas");
  axesCanvas.className = "eigenlab-webgl-axes";
  axesCanvas.width = Math.round(opts.width * dpr);
  axesCanvas.height = Math.round(opts.height * dpr);
  axesCanvas.style.cssText = `position: absolute; left: 0; top: 0; width: ${opts.width}px; height: ${opts.height}px; pointer-events: none;`;
  const canvas = document.createElement("canvas");
  canvas.className = "eigenlab-webgl-canvas";
  canvas.style.position = "absolute";
  canvas.style.left = `${inset.left}px`;
  canvas.style.top = `${inset.top}px`;
  canvas.style.width = `${plotW}px`;
  canvas.style.height = `${plotH}px`;
  frame.append(axesCanvas, canvas);
  const tip = document.createElement("div");
  tip.className = "eigenlab-webgl-tooltip";
  tip.hidden = true;
  const status = document.createElement("div");
  status.className = "eigenlab-webgl-status";
  status.style.maxWidth = `${opts.width}px`;
  const n = points.x.length;
  // What is drawn, said where it is drawn: regl-scatterplot draws every point, at every zoom.
  const idle = `${n.toLocaleString("en-US")} points (WebGL), every point drawn · wheel: zoom · drag: pan · shift-drag: lasso`;
  status.textContent = idle;
  host.append(frame, tip, status);
  const key = legendElement(points, gl);
  if (key) host.appendChild(key);
  const xScale = linearScale(gl.domain.x);
  const yScale = linearScale(gl.domain.y);
  const axesFrame = {
    width: opts.width,
    height: opts.height,
    inset,
    background: opts.background,
    foreground: opts.foreground,
    xName: points.xName ?? "coordinate 1",
    yName: points.yName ?? "coordinate 2",
    unitless: points.unitless,
  };
  const actx = axesCanvas.getContext("2d")!;
  let axesFrameId = 0;
  const drawAxesNow = () => {
    axesFrameId = 0;
    actx.setTransform(dpr, 0, 0, dpr, 0, 0);
    actx.clearRect(0, 0, opts.width, opts.height);
    const [xa, xb] = xScale.domain();
    const [ya, yb] = yScale.domain();
    labelAxes(axesCanvas, axesFrame, drawAxes(actx, axesFrame, { x: [xa, xb], y: [ya, yb] }));
  };
  const plot = createScatterplot({
    renderer: renderer(createRenderer),
    canvas,
    width: plotW,
    height: plotH,
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
  // The scales are handed over once the camera exists: regl-scatterplot re-reads a scale's domain as the data
  // range whenever it is set, and given at creation it was set twice, the second time from a domain already
  // mapped through the not-yet-initialized camera (the ticks read ±6 for data in [0, 1]).
  plot.set({ xScale, yScale } as never);
  drawAxesNow();
  // Every pan and zoom: regl-scatterplot has set the scales' domains to the data in view; redraw the ticks once per frame.
  plot.subscribe("view", () => {
    if (!axesFrameId) axesFrameId = requestAnimationFrame(drawAxesNow);
  });
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
    status.textContent = idle;
    announce([]);
  });
  return {
    async exportPng() {
      // export() without options renders synchronously with the current settings and returns ImageData: the
      // plot area, put into a copy of the axes canvas so the PNG has its axes too.
      const image = (plot as unknown as { export(): ImageData }).export();
      const out = document.createElement("canvas");
      out.width = axesCanvas.width;
      out.height = axesCanvas.height;
      const octx = out.getContext("2d")!;
      octx.fillStyle = opts.background;
      octx.fillRect(0, 0, out.width, out.height);
      octx.drawImage(imageDataCanvas(image), inset.left * dpr, inset.top * dpr, plotW * dpr, plotH * dpr);
      octx.drawImage(axesCanvas, 0, 0);
      return out.toDataURL("image/png");
    },
    dispose() {
      if (axesFrameId) cancelAnimationFrame(axesFrameId);
      canvas.removeEventListener("mousemove", onMove);
      plot.destroy();
    },
  };
}
