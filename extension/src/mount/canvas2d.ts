/**
 * The CPU canvas engine for a large 2-D point cloud where WebGL is software-rendered or missing: the 3-D view's
 * rasterizer in its flat mode (scatter3d.ts), which draws 100 000 points in a 60 fps frame (engine.ts).
 */
import type { GraphEdges, ScatterPoints } from "@eigenlab/viz/browser";
import { exportToolbar } from "../export";
import { planarCoords } from "../projection";
import { mountScatter3d } from "../scatter3d";
import { cloudWidth, describePoint } from "./mount";
import type { Disposable, MountOptions } from "./mount";

/** `reason`: why the canvas was chosen, named in the status line (e.g. "software WebGL detected"). */
export async function mountCanvas2d(host: HTMLElement, panel: { points: ScatterPoints; edges?: GraphEdges }, opts: MountOptions, reason: string): Promise<Disposable> {
  const pts = panel.points;
  const view = mountScatter3d(host, planarCoords(pts.x, pts.y), 3, pts, {
    width: cloudWidth(opts.width),
    height: 420,
    background: opts.theme.background,
    foreground: opts.theme.foreground,
    describe: (i) => describePoint(pts, i),
    camera: opts.camera,
    onCamera: opts.onCamera,
    flat: true,
    edges: panel.edges,
    renderer: `CPU canvas (${reason})`,
  });
  host.prepend(exportToolbar({ png: () => view.exportPng() }, opts.basename));
  return view;
}
