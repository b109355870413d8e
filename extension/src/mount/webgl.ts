/** The WebGL engine: a large 2-D point cloud drawn by regl-scatterplot (webgl.ts; loaded lazily), PNG export. */
import type { ScatterPoints } from "@eigenlab/viz/browser";
import { exportToolbar } from "../export";
import { mountWebglScatter } from "../webgl";
import { cloudWidth, describePoint } from "./mount";
import type { Disposable, MountOptions } from "./mount";

export async function mountWebgl(host: HTMLElement, panel: { points: ScatterPoints }, opts: MountOptions): Promise<Disposable> {
  const pts = panel.points;
  const view = await mountWebglScatter(host, pts, { width: cloudWidth(opts.width), height: 420, background: opts.theme.background, foreground: opts.theme.foreground, describe: (i) => describePoint(pts, i) });
  host.prepend(exportToolbar({ png: () => view.exportPng() }, opts.basename));
  return view;
}
