/**
 * Point sets for the WebGL scatter (regl-scatterplot): coordinates in normalized device coordinates with
 * one scale for both axes (distances in an embedding mean something), category codes or values in [0, 1],
 * and the color ramps. Pure: no WebGL here.
 */
import { labelName } from "@eigenlab/viz/browser";
import type { ScatterPoints } from "@eigenlab/viz/browser";

export interface GlPoints {
  x: Float32Array;
  y: Float32Array;
  /** Category code per point (0..categories.length-1), for regl-scatterplot's `valueA`. */
  category?: Float32Array;
  categories?: number[];
  /** What the legend calls each category: the label's name when the points carry names, else the integer. */
  categoryNames?: string[];
  /** Continuous value per point scaled to [0, 1], for regl-scatterplot's `valueB`. */
  value?: Float32Array;
  /** The data range mapped to [0, 1] (symmetric about 0 when diverging). */
  valueRange?: [number, number];
  colors: string[];
  /** The data interval mapped to normalized device coordinates [−1, 1] along x and y (one scale for both). */
  domain: { x: [number, number]; y: [number, number] };
}

/** Tableau 10, the categorical palette Vega-Lite uses, so both engines color labels alike. */
export const CATEGORY_COLORS = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"];

const VIRIDIS = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"];
const BLUE_ORANGE = ["#134b85", "#2f78b3", "#5da2cb", "#9cc9e1", "#e0e0e0", "#f8b979", "#e47f2f", "#b45410", "#7e2f06"];

function hex(c: string): number[] {
  return [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
}

/** `steps` colors interpolated linearly (in RGB) through the anchor colors. */
export function ramp(anchors: string[], steps: number): string[] {
  const rgb = anchors.map(hex);
  return Array.from({ length: steps }, (_, s) => {
    const t = (s / (steps - 1)) * (rgb.length - 1);
    const a = Math.min(rgb.length - 2, Math.floor(t));
    const f = t - a;
    return "#" + [0, 1, 2].map((c) => Math.round(rgb[a][c] * (1 - f) + rgb[a + 1][c] * f).toString(16).padStart(2, "0")).join("");
  });
}

/** The legend of categorical points: title and (color, name) per category, in code order; undefined when not categorical. */
export function categoryLegend(pts: ScatterPoints, gl: GlPoints): { title: string; entries: { color: string; name: string }[] } | undefined {
  if (!gl.categoryNames) return undefined;
  return { title: pts.colorName ?? "label", entries: gl.categoryNames.map((name, i) => ({ color: gl.colors[i], name })) };
}

export function toGlPoints(pts: ScatterPoints): GlPoints {
  const n = pts.x.length;
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (let i = 0; i < n; i++) {
    xmin = Math.min(xmin, pts.x[i]);
    xmax = Math.max(xmax, pts.x[i]);
    ymin = Math.min(ymin, pts.y[i]);
    ymax = Math.max(ymax, pts.y[i]);
  }
  const half = Math.max(xmax - xmin, ymax - ymin, 1e-300) / 2;
  const cx = (xmin + xmax) / 2;
  const cy = (ymin + ymax) / 2;
  // 0.95: a margin so edge points are not cut in half.
  const x = Float32Array.from({ length: n }, (_, i) => (0.95 * (pts.x[i] - cx)) / half);
  const y = Float32Array.from({ length: n }, (_, i) => (0.95 * (pts.y[i] - cy)) / half);
  const domain = { x: [cx - half / 0.95, cx + half / 0.95] as [number, number], y: [cy - half / 0.95, cy + half / 0.95] as [number, number] };
  if (pts.labels) {
    const categories = Array.from(new Set(Array.from(pts.labels))).sort((a, b) => a - b);
    const code = new Map(categories.map((c, i) => [c, i]));
    const category = Float32Array.from({ length: n }, (_, i) => code.get(pts.labels![i])!);
    const colors = categories.map((_, i) => CATEGORY_COLORS[i % CATEGORY_COLORS.length]);
    const categoryNames = categories.map((k) => (pts.labelNames ? labelName(pts.labelNames, k) : String(k)));
    return { x, y, category, categories, categoryNames, colors, domain };
  }
  if (pts.color) {
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, pts.color[i]);
      hi = Math.max(hi, pts.color[i]);
    }
    if (pts.diverging) {
      const m = Math.max(Math.abs(lo), Math.abs(hi));
      lo = -m;
      hi = m;
    }
    const span = hi > lo ? hi - lo : 1;
    const value = Float32Array.from({ length: n }, (_, i) => (pts.color![i] - lo) / span);
    return { x, y, value, valueRange: [lo, hi], colors: ramp(pts.diverging ? BLUE_ORANGE : VIRIDIS, 64), domain };
  }
  return { x, y, colors: [CATEGORY_COLORS[0]], domain };
}
