/**
 * Vega-Lite spec -> static SVG (`image/svg+xml`) with Vega's headless SVG string renderer in Node (no
 * canvas, no DOM). Display hooks are synchronous, so `toSvg` runs the dataflow synchronously — possible
 * because our specs carry inline data only — and renders the scenegraph with the same headless renderer
 * `View.toSVG()` uses; `toSvgAsync` is the documented asynchronous route, and the tests check both agree.
 */
import * as vega from "vega";
import { compile } from "vega-lite";
import type { TopLevelSpec } from "vega-lite";
import type { VegaLiteSpec } from "./vegalite";
import { EigenlabError } from "@eigenlab/core/base";
import { message } from "./messages";

export const SVG_MIME = "image/svg+xml";

function view(spec: VegaLiteSpec): vega.View {
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  return new vega.View(vega.parse(compiled), { renderer: "none" });
}

interface ViewInternals {
  _viewWidth?: number;
  _viewHeight?: number;
  _origin?: [number, number];
  _scenegraph?: { root: unknown };
}

/** The SVG markup of a Vega-Lite spec with inline data, computed synchronously. */
export function toSvg(spec: VegaLiteSpec): string {
  const v = view(spec);
  v.run();
  const internals = v as unknown as ViewInternals;
  const ctor = (vega.renderModule as unknown as (name: string) => { headless?: unknown } | undefined)("svg")?.headless as (new (loader: unknown) => HeadlessSvg) | undefined;
  if (!ctor || internals._viewWidth === undefined || !internals._origin || !internals._scenegraph) {
    throw new EigenlabError("svg", message.svgRenderer());
  }
  // The same size and offset vega-view's initializeRenderer() computes for View.toSVG().
  const pad = v.padding() as { left: number; right: number; top: number; bottom: number };
  const w = Math.max(0, internals._viewWidth + pad.left + pad.right);
  const h = Math.max(0, (internals._viewHeight ?? 0) + pad.top + pad.bottom);
  const r = new ctor(v.loader());
  r.initialize(null, w, h, [pad.left + internals._origin[0], pad.top + internals._origin[1]], 1, undefined).background(v.background());
  r.render(internals._scenegraph.root);
  const svg = r.svg();
  v.finalize();
  return svg;
}

interface HeadlessSvg {
  initialize(el: null, w: number, h: number, origin: number[], scale: number, opt: unknown): HeadlessSvg;
  background(bg: unknown): HeadlessSvg;
  render(root: unknown): HeadlessSvg;
  svg(): string;
}

/** The SVG markup through Vega's public asynchronous API. */
export async function toSvgAsync(spec: VegaLiteSpec): Promise<string> {
  const v = view(spec);
  const svg = await v.toSVG();
  v.finalize();
  return svg;
}
