/**
 * The legend under the canvas views (2-D canvas, 3-D, WebGL): a swatch and the label's name per category, in
 * the palette Vega-Lite uses (gl-points.ts), or a gradient bar for a continuous value, so the canvas views
 * read like the Vega ones.
 */
import type { ScatterPoints } from "@eigenlab/viz/browser";
import { categoryLegend } from "./gl-points";
import type { GlPoints } from "./gl-points";

/** Categories listed before "+ k more": a legend longer than this is no longer read. */
const MAX_ENTRIES = 20;

/**
 * The legend of points colored by a value (an eigenvector, a coordinate): the title, the ramp as a gradient
 * bar and its two ends (symmetric about 0 for a diverging eigenvector), as Vega's gradient legend reads.
 */
function gradientLegend(pts: ScatterPoints, gl: GlPoints): HTMLElement | undefined {
  if (!gl.value || !gl.valueRange) return undefined;
  const box = document.createElement("div");
  box.className = "eigenlab-legend eigenlab-legend-gradient";
  const title = document.createElement("span");
  title.className = "eigenlab-legend-title";
  title.textContent = pts.colorName ?? "value";
  const fmt = (v: number) => Number(v.toPrecision(3)).toString().replace("-", "−");
  const lo = document.createElement("span");
  lo.className = "eigenlab-legend-item";
  lo.textContent = fmt(gl.valueRange[0]);
  const bar = document.createElement("span");
  bar.className = "eigenlab-legend-bar";
  bar.style.display = "inline-block";
  bar.style.width = "120px";
  bar.style.height = "10px";
  bar.style.verticalAlign = "middle";
  bar.style.background = `linear-gradient(to right, ${gl.colors.join(", ")})`;
  const hi = document.createElement("span");
  hi.className = "eigenlab-legend-item";
  hi.textContent = fmt(gl.valueRange[1]);
  box.append(title, lo, bar, hi);
  return box;
}

/** The legend element of the points: categories with swatches, or a gradient for a value; undefined for one color. */
export function legendElement(pts: ScatterPoints, gl: GlPoints): HTMLElement | undefined {
  const legend = categoryLegend(pts, gl);
  if (!legend) return gradientLegend(pts, gl);
  const box = document.createElement("div");
  box.className = "eigenlab-legend";
  const title = document.createElement("span");
  title.className = "eigenlab-legend-title";
  title.textContent = legend.title;
  box.appendChild(title);
  for (const e of legend.entries.slice(0, MAX_ENTRIES)) {
    const item = document.createElement("span");
    item.className = "eigenlab-legend-item";
    const swatch = document.createElement("span");
    swatch.className = "eigenlab-legend-swatch";
    swatch.style.background = e.color;
    item.append(swatch, e.name);
    box.appendChild(item);
  }
  if (legend.entries.length > MAX_ENTRIES) {
    const more = document.createElement("span");
    more.className = "eigenlab-legend-item";
    more.textContent = `+ ${legend.entries.length - MAX_ENTRIES} more`;
    box.appendChild(more);
  }
  return box;
}
