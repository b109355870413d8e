/**
 * The categorical legend under the canvas views (2-D canvas, 3-D, WebGL): a swatch and the label's name per
 * category, in the palette Vega-Lite uses (gl-points.ts), so the canvas views read like the Vega ones.
 */
import type { ScatterPoints } from "@eigenlab/viz/browser";
import { categoryLegend } from "./gl-points";
import type { GlPoints } from "./gl-points";

/** Categories listed before "+ k more": a legend longer than this is no longer read. */
const MAX_ENTRIES = 20;

/** The legend element of categorical points, or undefined when they are not categorical. */
export function legendElement(pts: ScatterPoints, gl: GlPoints): HTMLElement | undefined {
  const legend = categoryLegend(pts, gl);
  if (!legend) return undefined;
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
