/**
 * The axes of the canvas views (the CPU canvas's flat mode in scatter3d.ts, and the overlay of the WebGL view in
 * webgl.ts), drawn like a Vega chart's: the margins cleared to the background, a frame line on the left and
 * bottom, nice ticks with labels for the data range in view (the caller passes the range of the current pan and
 * zoom, so the ticks follow them), and the axis titles (what x and y are). One drawing for both engines, so a
 * large cloud reads the same whichever renderer the browser's WebGL chose.
 */
import { niceTicks, tickLabel } from "./projection";

/** Margins (CSS pixels) around the plot area: the axes, their ticks and titles are drawn in them. */
export interface Inset {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The margins the canvas views keep for their axes. */
export const AXIS_INSET: Inset = { left: 58, right: 12, top: 10, bottom: 40 };

export interface AxesFrame {
  /** The whole canvas (CSS pixels), margins included. */
  width: number;
  height: number;
  inset: Inset;
  /** Theme colors (CSS): the margins' fill, and the lines and text. */
  background: string;
  foreground: string;
  /** Axis titles: what the x and y coordinates are. */
  xName: string;
  yName: string;
  /** Coordinates without units (a graph layout): titles only, no ticks or tick numbers (as the Vega graph view). */
  unitless?: boolean;
}

/** Data interval shown along x (left to right) and y (bottom to top). */
export interface AxisRange {
  x: readonly [number, number];
  y: readonly [number, number];
}

/**
 * Draws the axes of `frame` for the data `range` in view into `ctx` (whose transform maps CSS pixels). The
 * margins are filled with the background (points panned into them are cut off at the plot's edge); the plot
 * area is left as it is.
 */
export function drawAxes(ctx: CanvasRenderingContext2D, frame: AxesFrame, range: AxisRange): { xTicks: number[]; yTicks: number[] } {
  const { width, height, inset } = frame;
  const plotW = width - inset.left - inset.right;
  const plotH = height - inset.top - inset.bottom;
  ctx.save();
  ctx.fillStyle = frame.background;
  ctx.fillRect(0, 0, inset.left, height);
  ctx.fillRect(0, height - inset.bottom, width, inset.bottom);
  ctx.fillRect(0, 0, width, inset.top);
  ctx.fillRect(width - inset.right, 0, inset.right, height);
  const x0 = inset.left, y0 = height - inset.bottom;
  ctx.strokeStyle = frame.foreground;
  ctx.fillStyle = frame.foreground;
  ctx.globalAlpha = 0.85;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(x0 + 0.5, inset.top);
  ctx.lineTo(x0 + 0.5, y0 + 0.5);
  ctx.lineTo(width - inset.right, y0 + 0.5);
  ctx.stroke();
  ctx.font = "10px sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  const [xa, xb] = range.x, [ya, yb] = range.y;
  const xTicks = frame.unitless ? [] : niceTicks(xa, xb, Math.max(2, Math.round(plotW / 80)));
  const yTicks = frame.unitless ? [] : niceTicks(ya, yb, Math.max(2, Math.round(plotH / 60)));
  for (const v of xTicks) {
    const sx = x0 + ((v - xa) / (xb - xa)) * plotW;
    ctx.beginPath();
    ctx.moveTo(Math.round(sx) + 0.5, y0);
    ctx.lineTo(Math.round(sx) + 0.5, y0 + 5);
    ctx.stroke();
    ctx.fillText(tickLabel(v), sx, y0 + 7);
  }
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const v of yTicks) {
    const sy = y0 - ((v - ya) / (yb - ya)) * plotH;
    ctx.beginPath();
    ctx.moveTo(x0 - 5, Math.round(sy) + 0.5);
    ctx.lineTo(x0, Math.round(sy) + 0.5);
    ctx.stroke();
    ctx.fillText(tickLabel(v), x0 - 7, sy);
  }
  ctx.font = "bold 11px sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "bottom";
  ctx.fillText(frame.xName, x0 + plotW / 2, height - 3);
  ctx.translate(12, inset.top + plotH / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = "middle";
  ctx.fillText(frame.yName, 0, 0);
  ctx.restore();
  return { xTicks, yTicks };
}

/**
 * What the canvas's axes say, in the DOM: an accessible name ("x: …, y: …", read by screen readers instead
 * of the pixels) and data attributes with the titles and the tick values drawn (tests read them; they change
 * with pan and zoom).
 */
export function labelAxes(canvas: HTMLCanvasElement, frame: AxesFrame, ticks: { xTicks: number[]; yTicks: number[] }): void {
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", `scatter plot; x axis: ${frame.xName}; y axis: ${frame.yName}`);
  canvas.dataset.xTitle = frame.xName;
  canvas.dataset.yTitle = frame.yName;
  canvas.dataset.xTicks = ticks.xTicks.map(tickLabel).join(" ");
  canvas.dataset.yTicks = ticks.yTicks.map(tickLabel).join(" ");
}
