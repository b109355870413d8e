/** Which drawing engine a point cloud gets: Vega (SVG/canvas, tooltips, export) or WebGL past a size. */

/**
 * Above this many points an embedding is a large point cloud ("webgl" engine: regl-scatterplot, or the CPU
 * canvas where WebGL is software or missing — see chooseScatterRenderer); Vega stays responsive below.
 */
export const WEBGL_MIN_POINTS = 20_000;

export type Engine = "vega" | "webgl";

export function chooseEngine(points: number): Engine {
  return points > WEBGL_MIN_POINTS ? "webgl" : "vega";
}

/** How a large (WebGL-engine) point cloud is drawn: regl-scatterplot, or our CPU canvas (scatter3d.ts in 2-D mode). */
export type ScatterRenderer = "webgl" | "canvas";

/** What the browser's WebGL is: whether a context can be had, and its renderer string (WEBGL_debug_renderer_info). */
export interface WebglInfo {
  available: boolean;
  renderer: string;
}

/**
 * True when a WebGL renderer string names a software rasterizer: SwiftShader (Chromium without a GPU),
 * Mesa's llvmpipe/softpipe, Microsoft's Basic Render Driver, or anything calling itself "software".
 */
export function isSoftwareWebgl(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}

/**
 * The renderer for a large point cloud, and why (shown in the view's status line). On software WebGL the CPU
 * canvas wins: regl-scatterplot on SwiftShader took a median 133 ms a frame for 100 000 points in headless
 * Chromium here, our rasterizer (splat.ts) 16.7 ms (`npm run bench lab`). `forced` (output metadata
 * `renderer`) overrides the choice, except that "webgl" without a WebGL context still draws on the canvas.
 */
export function chooseScatterRenderer(gl: WebglInfo, forced?: ScatterRenderer): { renderer: ScatterRenderer; reason: string } {
  if (!gl.available) return { renderer: "canvas", reason: "WebGL unavailable" };
  if (forced) return { renderer: forced, reason: "set in the output metadata" };
  if (isSoftwareWebgl(gl.renderer)) return { renderer: "canvas", reason: "software WebGL detected" };
  return { renderer: "webgl", reason: "hardware WebGL" };
}
