/** Which drawing engine a point cloud gets: Vega (SVG/canvas, tooltips, export) or WebGL past a size. */

/** Above this many points an embedding is drawn with WebGL (regl-scatterplot); Vega stays responsive below. */
export const WEBGL_MIN_POINTS = 20_000;

export type Engine = "vega" | "webgl";

export function chooseEngine(points: number, webglAvailable = true): Engine {
  return points > WEBGL_MIN_POINTS && webglAvailable ? "webgl" : "vega";
}
