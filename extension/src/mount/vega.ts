/** The Vega engine: a Vega-Lite chart drawn by vega-embed (loaded lazily), with tooltips, PNG/SVG export and eigenvalue clicks. */
import { exportToolbar } from "../export";
import { eigenIndexOf } from "../plan";
import type { Disposable, MountOptions } from "./mount";

export async function mountVega(host: HTMLElement, panel: { role: string; spec?: Record<string, unknown> }, opts: MountOptions): Promise<Disposable> {
  const { default: embed } = await import("vega-embed");
  const result = await embed(host, panel.spec as never, {
    mode: "vega-lite",
    // SVG: marks are DOM nodes (crisp at any zoom, readable by assistive tools and tests); our toolbar exports.
    renderer: "svg",
    actions: false,
    config: opts.theme.vega as never,
    downloadFileName: opts.basename,
    tooltip: { theme: opts.theme.dark ? "dark" : "light" },
  });
  const view = result.view;
  host.prepend(exportToolbar({ png: () => view.toImageURL("png", 2), svg: () => view.toImageURL("svg") }, opts.basename));
  if (panel.role === "spectrum") {
    view.addEventListener("click", (_event: unknown, item: unknown) => {
      const index = eigenIndexOf(item);
      if (index !== undefined) opts.onPick(index);
    });
  }
  return { dispose: () => result.finalize() };
}
