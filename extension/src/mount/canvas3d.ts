/** The 3-D engine: a 3-D embedding as a rotatable orthographic scatter on a canvas (scatter3d.ts), PNG export. */
import type { ScatterPoints } from "@eigenlab/viz/browser";
import { exportToolbar } from "../export";
import { mountScatter3d } from "../scatter3d";
import { describePoint } from "./mount";
import type { Disposable, MountOptions } from "./mount";

export async function mountCanvas3d(host: HTMLElement, panel: { points: ScatterPoints; coords: ArrayLike<number>; dims: number }, opts: MountOptions): Promise<Disposable> {
  const { points: pts, coords, dims } = panel;
  const view = mountScatter3d(host, coords, dims, pts, {
    width: Math.min(560, Math.max(320, opts.width - 40)),
    height: 420,
    background: opts.theme.background,
    foreground: opts.theme.foreground,
    describe: (i) => describePoint(pts, i, [coords[i * dims], coords[i * dims + 1], coords[i * dims + 2]]),
    camera: opts.camera,
    onCamera: opts.onCamera,
  });
  host.prepend(exportToolbar({ png: () => view.exportPng() }, opts.basename));
  return view;
}
