/**
 * What every drawing engine's mount shares: the options the renderer hands it and what it hands back. A mount
 * draws one panel of a plan into its host element, adds the panel's export toolbar, and returns the view to
 * dispose when the output is redrawn or goes away. The renderer chooses the mount (renderer.ts).
 */
import { labelName } from "@eigenlab/viz/browser";
import type { ScatterPoints } from "@eigenlab/viz/browser";
import type { Camera } from "../projection";
import type { ThemeColors } from "../theme";

export interface Disposable {
  dispose(): void;
}

export interface MountOptions {
  /** The output's width (CSS pixels); each engine sizes its view from it. */
  width: number;
  theme: ThemeColors;
  /** Export file name without extension: `eigenlab-<kind>`. */
  basename: string;
  /** A click on eigenvalue `index` (spectrum panels). */
  onPick(index: number): void;
  /** Canvas views: the camera to start from, and where each change of it goes (kept across redraws). */
  camera: Camera;
  onCamera(camera: Camera): void;
}

/** Tooltip text of point i: its index, coordinates (`xyz` in the 3-D view) and label (its name when named) or color value. */
export function describePoint(pts: ScatterPoints, i: number, xyz: number[] = [pts.x[i], pts.y[i]]): string {
  const label = pts.labels ? (pts.labelNames ? labelName(pts.labelNames, pts.labels[i]) : String(pts.labels[i])) : "";
  const extra = pts.labels ? ` · ${pts.colorName ?? "label"} ${label}` : pts.color ? ` · ${pts.colorName ?? "value"} ${Number(pts.color[i].toPrecision(4))}` : "";
  // A graph's nodes: their names; unitless layout coordinates: no numbers.
  const name = pts.pointNames ? `: ${pts.pointNames[i]}` : "";
  const where = pts.unitless ? "" : ` (${xyz.map((v) => Number(v.toPrecision(4))).join(", ")})`;
  return `${pts.noun ?? "point"} ${i}${name}${where}${extra}`;
}

/** Width of a large point cloud's view (WebGL or the 2-D canvas) in an output `width` wide. */
export function cloudWidth(width: number): number {
  return Math.min(640, Math.max(320, width - 40));
}
