/**
 * The 3-D embedding view: an orthographic scatter on a 2-D canvas that turns with the mouse (drag: rotate as
 * a trackball, shift-drag: pan, wheel: zoom, double-click: reset), with a hover tooltip, an axis triad and a
 * PNG export. The math is in projection.ts; the colors are the WebGL view's (gl-points.ts), so labels,
 * values and linked eigenvectors color the points alike in every view.
 *
 * Depth: points are drawn back to front in depth layers (a bucket sort by view depth, `LAYERS` of them), and
 * farther points are dimmer (opacity 0.25 at the back to 1 at the front; their size stays the same, so a
 * point's size never suggests a weight it does not have). The points are rasterized by splat.ts (why there).
 *
 * Large sets (above WEBGL_MIN_POINTS) stay on this canvas path, drawn as small squares, with a point budget:
 * while the cloud is being turned or zoomed, an even subset of INTERACTIVE_BUDGET points is drawn; the whole
 * set is drawn when the mouse lets go. Not regl-scatterplot, because feeding it the projected points on every
 * frame is not clean: its drag and wheel already pan and zoom its own 2-D camera (they would fight the
 * rotation), each draw() rebuilds its spatial index and re-uploads the points (the per-frame cost we would
 * pay), and it draws in data order with no depth, so we would still sort on the CPU, with the opacity channel
 * taken by the color values. Payloads carry about 100 000 points at most (viz LIMITS); with splat.ts a frame
 * of 20 000 disks or 100 000 squares fits in one 60 fps frame in headless Chromium on this 2-core machine
 * (`npm run bench embedding3d`: median and p95 16.7 ms for both, whole set after release included), so the
 * budget is a margin for slower machines and larger payloads, not something today's sizes need.
 *
 * 2-D mode (`flat`): large 2-D embeddings when WebGL is software-rendered (engine.ts chooseScatterRenderer).
 * The same machinery with the rotation fixed to the identity (z = 0, so no depth layers and no dimming):
 * drag pans, shift-drag draws a lasso (the points inside are selected, the rest dimmed), wheel zooms about
 * the cursor, double-click resets the view and clears the selection.
 */
import type { GraphEdges, ScatterPoints } from "@eigenlab/viz/browser";
import { WEBGL_MIN_POINTS } from "./engine";
import { SELECTION_EVENT } from "./selection";
import { toGlPoints } from "./gl-points";
import type { GlPoints } from "./gl-points";
import { legendElement } from "./legend";
import { AXIS_INSET, drawAxes, labelAxes } from "./axes";
import {
  budgetSubset,
  DEFAULT_CAMERA,
  depthLayersInto,
  dragRotation,
  emptyProjection,
  FLAT_CAMERA,
  layerAlpha,
  pickPoint,
  pointsInPolygon,
  projectInto,
  unitCloud,
  viewScale,
  visibleRange,
  zoomAbout,
} from "./projection";
import type { Camera } from "./projection";
import { diskSprite, hexRgb, lineInto, splatInto, squareSprite } from "./splat";

/** Depth layers drawn back to front. */
const LAYERS = 24;
/** Points drawn per frame of a large set while it is being turned. */
export const INTERACTIVE_BUDGET = 50_000;
/** Edges drawn per frame of a large graph while it is being panned or zoomed (all of them at rest). */
export const INTERACTIVE_EDGE_BUDGET = 20_000;
/** Opacity of the points outside a lasso selection. */
const UNSELECTED_ALPHA = 0.15;
const NO_INSET = { left: 0, right: 0, top: 0, bottom: 0 } as const;

export interface Scatter3dOptions {
  width: number;
  height: number;
  /** Theme colors (CSS): canvas background, and the axis triad's lines and labels. */
  background: string;
  foreground: string;
  /** Tooltip text of point i. */
  describe: (i: number) => string;
  /** The view to start from, and where each change of it goes (the renderer keeps it across redraws). */
  camera: Camera;
  onCamera: (camera: Camera) => void;
  /** 2-D mode: `coords` are n × 3 with z = 0 (planarCoords), the rotation stays the identity, drag pans. */
  flat?: boolean;
  /** What the status line names as the renderer, e.g. "3-D" or "CPU canvas (software WebGL detected)". */
  renderer?: string;
  /** 2-D mode: a large graph's edges (node index pairs), drawn under the nodes, and the notes saying which. */
  edges?: GraphEdges;
}

export interface Scatter3dView {
  /** The current view as a PNG data URL. */
  exportPng(): Promise<string>;
  /** The canvas (tests read its pixels). */
  readonly canvas: HTMLCanvasElement;
  dispose(): void;
}

/** Per-point color index into the palette, and the palette ("#rrggbb", gl-points.ts's ramps and categories). */
function colorIndex(points: ScatterPoints): { index: Uint16Array; palette: string[]; legend: string; gl: GlPoints } {
  const gl = toGlPoints(points);
  const n = points.x.length;
  const index = new Uint16Array(n);
  let legend = "";
  if (gl.category) {
    for (let i = 0; i < n; i++) index[i] = gl.category[i];
    legend = `color: ${points.colorName ?? "label"} (${gl.categories!.length} values)`;
  } else if (gl.value) {
    const top = gl.colors.length - 1;
    for (let i = 0; i < n; i++) index[i] = Math.round(gl.value[i] * top);
    const [lo, hi] = gl.valueRange!;
    legend = `color: ${points.colorName ?? "value"} ${Number(lo.toPrecision(3))} … ${Number(hi.toPrecision(3))}`;
  }
  return { index, palette: gl.colors, legend, gl };
}

export function mountScatter3d(host: HTMLElement, coords: ArrayLike<number>, dims: number, points: ScatterPoints, opts: Scatter3dOptions): Scatter3dView {
  const n = points.x.length;
  const cloud = unitCloud(coords, n, dims);
  const { index: color, palette, legend, gl } = colorIndex(points);
  const flat = opts.flat ?? false;
  const large = n > WEBGL_MIN_POINTS;
  // A large graph's nodes are smaller than a cloud's points of the same count: its edges run between them.
  const radius = opts.edges ? (n > WEBGL_MIN_POINTS ? 1 : 1.5) : n <= 2_000 ? 3.5 : n <= WEBGL_MIN_POINTS ? 2.5 : 1;
  const all = budgetSubset(n, n);
  const budget = large ? budgetSubset(n, INTERACTIVE_BUDGET) : all;
  const { width, height } = opts;
  // The flat view keeps margins for its axes; the 3-D view uses the whole canvas (its axes are the triad).
  const inset = flat ? AXIS_INSET : NO_INSET;
  const plotW = width - inset.left - inset.right;
  const plotH = height - inset.top - inset.bottom;
  const dpr = window.devicePixelRatio || 1;

  const canvas = document.createElement("canvas");
  const cls = flat ? "eigenlab-2d" : "eigenlab-3d";
  canvas.className = `${cls}-canvas`;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const tip = document.createElement("div");
  tip.className = `${cls}-tooltip`;
  tip.hidden = true;
  const status = document.createElement("div");
  status.className = `${cls}-status`;
  // As wide as the canvas (wrapping), so the panel and its export toolbar line up with the canvas.
  status.style.maxWidth = `${width}px`;
  const help = flat ? "drag: pan · shift-drag: lasso · wheel: zoom · double-click: reset" : "drag: rotate · shift-drag: pan · wheel: zoom · double-click: reset";
  // What is drawn, said where it is drawn: every point at rest; an even subset while a large cloud moves.
  const drawnNote = large ? `every ${points.noun ?? "point"} drawn at rest, an even ${INTERACTIVE_BUDGET.toLocaleString("en-US")} while moving` : "";
  const noun = points.noun ?? "point";
  const idleStatus = [`${n.toLocaleString("en-US")} ${noun}s (${opts.renderer ?? "3-D"})`, legend, drawnNote, help].filter(Boolean).join(" · ");
  status.textContent = idleStatus;
  host.append(canvas, tip, status);
  if (!flat) {
    // The triad's axes 1, 2, 3 by name.
    const axes = document.createElement("div");
    axes.className = "eigenlab-3d-axes";
    axes.style.maxWidth = `${width}px`;
    axes.textContent = `axes: 1 = ${points.xName ?? "coordinate 1"} · 2 = ${points.yName ?? "coordinate 2"} · 3 = ${points.zName ?? "coordinate 3"}`;
    host.appendChild(axes);
  }
  const edges = flat ? opts.edges : undefined;
  if (edges) {
    // What the picture leaves out or made up, said under it: which edges are drawn, and how the layout was made.
    const m = edges.source.length;
    const moving = m > INTERACTIVE_EDGE_BUDGET ? ` (an even ${INTERACTIVE_EDGE_BUDGET.toLocaleString("en-US")} of them while moving)` : "";
    const note = document.createElement("div");
    note.className = "eigenlab-2d-note";
    note.style.maxWidth = `${width}px`;
    note.textContent = [edges.note + moving, edges.layoutNote].filter(Boolean).join(" · ");
    host.appendChild(note);
  }
  const key = legendElement(points, gl);
  if (key) host.appendChild(key);
  const ctx = canvas.getContext("2d")!;

  let camera = opts.camera;
  const proj = emptyProjection(n);
  const layer = new Uint8Array(n);
  const counts = new Uint32Array(LAYERS + 1);
  const order = new Uint32Array(n);
  const alpha = new Float32Array(n);
  const devX = new Float32Array(n), devY = new Float32Array(n);
  const layerAlphas = Float32Array.from({ length: LAYERS }, (_, l) => layerAlpha(l, LAYERS));
  const rgb = Uint8Array.from(palette.flatMap(hexRgb));
  const sprite = large ? squareSprite(Math.max(2, Math.round(2 * dpr))) : diskSprite(radius * dpr);
  // The background in the theme's color (any CSS color: the canvas parses it), copied under every frame.
  ctx.fillStyle = opts.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const backdrop = image.data.slice();
  // Edges: the foreground color as the canvas resolves it over the background (any CSS color), faint enough
  // that tens of thousands of them shade the picture without hiding the nodes.
  ctx.fillStyle = opts.foreground;
  ctx.fillRect(0, 0, 1, 1);
  const edgeRgb = Array.from(ctx.getImageData(0, 0, 1, 1).data.subarray(0, 3));
  const edgeCount = edges ? edges.source.length : 0;
  const edgeAlpha = edgeCount > 50_000 ? 0.1 : edgeCount > 5_000 ? 0.18 : 0.35;
  const edgeBudget = budgetSubset(edgeCount, INTERACTIVE_EDGE_BUDGET);
  let drawn: Uint32Array = all;
  let interacting = false;
  let frame = 0;
  /** Lasso selection (1: inside), and the lasso being drawn (view pixels, x0, y0, x1, y1, ...). */
  let selected: Uint8Array | undefined;
  let lasso: number[] | undefined;

  function render(): void {
    frame = 0;
    drawn = interacting ? budget : all;
    projectInto(proj, cloud.xyz, camera, plotW, plotH);
    if (flat) order.set(drawn);
    else {
      depthLayersInto(layer, proj.depth, LAYERS);
      // Bucket sort of the drawn points by depth layer, drawn back to front (order within a layer: index order).
      counts.fill(0);
      for (let t = 0; t < drawn.length; t++) counts[layer[drawn[t]] + 1]++;
      for (let l = 0; l < LAYERS; l++) counts[l + 1] += counts[l];
      const next = counts.slice(0, LAYERS);
      for (let t = 0; t < drawn.length; t++) order[next[layer[drawn[t]]]++] = drawn[t];
    }
    for (let t = 0; t < drawn.length; t++) {
      const i = order[t];
      alpha[i] = (flat ? 1 : layerAlphas[layer[i]]) * (selected && !selected[i] ? UNSELECTED_ALPHA : 1);
      devX[i] = (proj.sx[i] + inset.left) * dpr;
      devY[i] = (proj.sy[i] + inset.top) * dpr;
    }
    image.data.set(backdrop);
    if (edges) {
      const count = interacting ? edgeBudget.length : edgeCount;
      for (let t = 0; t < count; t++) {
        const e = interacting ? edgeBudget[t] : t;
        const a = edges.source[e], b = edges.target[e];
        lineInto(image.data, canvas.width, canvas.height, (proj.sx[a] + inset.left) * dpr, (proj.sy[a] + inset.top) * dpr, (proj.sx[b] + inset.left) * dpr, (proj.sy[b] + inset.top) * dpr, edgeRgb, edgeAlpha);
      }
    }
    splatInto(image.data, canvas.width, canvas.height, sprite, order.subarray(0, drawn.length), devX, devY, color, rgb, alpha);
    ctx.putImageData(image, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (!flat) drawTriad();
    else drawFlatAxes();
    if (lasso) drawLasso(lasso);
  }

  /** The flat view's axes (axes.ts) for the data range the camera shows: the ticks follow pan and zoom. */
  function drawFlatAxes(): void {
    const frame = { width, height, inset, background: opts.background, foreground: opts.foreground, xName: points.xName ?? "coordinate 1", yName: points.yName ?? "coordinate 2", unitless: points.unitless };
    labelAxes(canvas, frame, drawAxes(ctx, frame, visibleRange(cloud.center, cloud.radius, camera, plotW, plotH)));
  }

  function drawLasso(path: number[]): void {
    ctx.strokeStyle = opts.foreground;
    ctx.lineWidth = 1;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    for (let k = 0; k < path.length; k += 2) ctx.lineTo(path[k] + inset.left, path[k + 1] + inset.top);
    ctx.closePath();
    ctx.stroke();
    ctx.setLineDash([]);
  }

  /** The data axes 1, 2, 3 as the rotation shows them, in the lower left corner (farther axes dimmer). */
  function drawTriad(): void {
    const r = camera.rotation;
    const ox = 28, oy = height - 28, len = 20;
    ctx.font = "10px sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.strokeStyle = opts.foreground;
    ctx.fillStyle = opts.foreground;
    ctx.lineWidth = 1.5;
    const axes = [0, 1, 2].map((k) => ({ k, x: r[k], y: r[3 + k], z: r[6 + k] })).sort((a, b) => a.z - b.z);
    for (const a of axes) {
      ctx.globalAlpha = 0.45 + 0.45 * ((a.z + 1) / 2);
      ctx.beginPath();
      ctx.moveTo(ox, oy);
      ctx.lineTo(ox + len * a.x, oy - len * a.y);
      ctx.stroke();
      ctx.fillText(String(a.k + 1), ox + (len + 7) * a.x, oy - (len + 7) * a.y);
    }
    ctx.globalAlpha = 1;
  }

  function schedule(): void {
    if (!frame) frame = requestAnimationFrame(render);
  }

  function setCamera(c: Camera): void {
    camera = c;
    opts.onCamera(c);
    schedule();
  }

  let drag: { x: number; y: number; mode: "rotate" | "pan" | "lasso"; id: number } | undefined;
  let wheelTimer: ReturnType<typeof setTimeout> | undefined;
  /** The pointer in plot coordinates (the projection's pixels: the canvas less the axis margins). */
  const local = (e: MouseEvent): [number, number] => {
    const b = canvas.getBoundingClientRect();
    return [e.clientX - b.left - inset.left, e.clientY - b.top - inset.top];
  };
  const onDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    const mode = flat ? (e.shiftKey ? "lasso" : "pan") : e.shiftKey ? "pan" : "rotate";
    drag = { x: e.clientX, y: e.clientY, mode, id: e.pointerId };
    if (mode === "lasso") lasso = local(e);
    canvas.setPointerCapture?.(e.pointerId);
    tip.hidden = true;
  };
  const onMove = (e: PointerEvent) => {
    if (drag) {
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (dx === 0 && dy === 0) return;
      drag.x = e.clientX;
      drag.y = e.clientY;
      if (drag.mode === "lasso") {
        lasso!.push(...local(e));
        schedule();
        return;
      }
      interacting = true;
      if (drag.mode === "pan") {
        const s = viewScale(plotW, plotH, camera.zoom);
        setCamera({ ...camera, pan: [camera.pan[0] + dx / s, camera.pan[1] - dy / s] });
      } else setCamera({ ...camera, rotation: dragRotation(camera.rotation, dx, dy, Math.min(plotW, plotH)) });
      return;
    }
    const [x, y] = local(e);
    const i = pickPoint(proj, x, y, radius + 1, 8, drawn === all ? undefined : drawn);
    if (i < 0) {
      tip.hidden = true;
      return;
    }
    tip.textContent = opts.describe(i);
    tip.style.left = `${x + inset.left + 12}px`;
    tip.style.top = `${y + inset.top + 12}px`;
    tip.hidden = false;
  };
  const onUp = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.id) return;
    drag = undefined;
    canvas.releasePointerCapture?.(e.pointerId);
    if (lasso) {
      select(lasso.length >= 6 ? pointsInPolygon(proj.sx, proj.sy, lasso) : undefined);
      lasso = undefined;
    }
    if (interacting) {
      interacting = false;
      schedule();
    }
  };
  const onLeave = () => {
    if (!drag) tip.hidden = true;
  };
  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    interacting = large;
    const zoom = Math.min(50, Math.max(0.2, camera.zoom * Math.exp(-0.0015 * e.deltaY)));
    const [x, y] = local(e);
    setCamera(zoomAbout(camera, zoom, x, y, plotW, plotH));
    clearTimeout(wheelTimer);
    // The whole set again once the wheel has been still for a moment.
    wheelTimer = setTimeout(() => {
      if (interacting && !drag) {
        interacting = false;
        schedule();
      }
    }, 150);
  };
  /** Sets (or clears) the lasso selection: the rest is dimmed, the status line counts it. */
  function select(mask: Uint8Array | undefined): void {
    let k = 0;
    if (mask) for (let i = 0; i < n; i++) k += mask[i];
    selected = k > 0 ? mask : undefined;
    status.textContent = selected ? `${k.toLocaleString("en-US")} of ${n.toLocaleString("en-US")} ${noun}s selected · double-click clears` : idleStatus;
    schedule();
    // The renderer tags this event with its output's view id; the lab's selection bridge sends it to the kernel.
    const indices: number[] = [];
    if (selected) for (let i = 0; i < n; i++) if (selected[i]) indices.push(i);
    canvas.dispatchEvent(new CustomEvent(SELECTION_EVENT, { bubbles: true, detail: { kind: "lasso", indices } }));
  }
  const onDouble = () => {
    select(undefined);
    setCamera(flat ? FLAT_CAMERA : DEFAULT_CAMERA);
  };
  canvas.addEventListener("pointerdown", onDown);
  canvas.addEventListener("pointermove", onMove);
  canvas.addEventListener("pointerup", onUp);
  canvas.addEventListener("pointercancel", onUp);
  canvas.addEventListener("pointerleave", onLeave);
  canvas.addEventListener("wheel", onWheel, { passive: false });
  canvas.addEventListener("dblclick", onDouble);
  render();

  return {
    canvas,
    async exportPng() {
      if (frame) {
        cancelAnimationFrame(frame);
        render();
      }
      return canvas.toDataURL("image/png");
    },
    dispose() {
      if (frame) cancelAnimationFrame(frame);
      clearTimeout(wheelTimer);
      canvas.removeEventListener("pointerdown", onDown);
      canvas.removeEventListener("pointermove", onMove);
      canvas.removeEventListener("pointerup", onUp);
      canvas.removeEventListener("pointercancel", onUp);
      canvas.removeEventListener("pointerleave", onLeave);
      canvas.removeEventListener("wheel", onWheel);
      canvas.removeEventListener("dblclick", onDouble);
    },
  };
}
