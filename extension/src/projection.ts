/**
 * The math of the 3-D embedding view (scatter3d.ts): a rotation (3×3, row-major) turned by dragging, the
 * orthographic projection of the points to screen pixels with a depth per point, the depth layers the view
 * draws back to front, and hit-testing. Pure and DOM-free, so mocha tests it.
 *
 * Orthographic, not perspective: an embedding's distances are the information, and an orthographic view
 * keeps one scale for every point whatever its depth (a perspective view would make near clusters look
 * larger/farther apart). Depth is shown by drawing order and dimming instead (scatter3d.ts).
 */

/** A rotation matrix, row-major, 9 entries. */
export type Rotation = readonly number[];

/** What the user turned, zoomed and panned; `rotation` maps data axes to view axes (x right, y up, z toward the viewer). */
export interface Camera {
  rotation: Rotation;
  /** 1: the whole cloud fits the view whatever the rotation. */
  zoom: number;
  /** Shift of the view centre, in units of the normalized cloud (radius 1). */
  pan: readonly [number, number];
}

export const IDENTITY: Rotation = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** Rotation by `angle` (radians) about the view's x axis (right): positive turns the front (+z) down (−y). */
export function rotationX(angle: number): Rotation {
  const c = Math.cos(angle), s = Math.sin(angle);
  return [1, 0, 0, 0, c, -s, 0, s, c];
}

/** Rotation by `angle` about the view's y axis (up): positive turns the front (+z) right (+x). */
export function rotationY(angle: number): Rotation {
  const c = Math.cos(angle), s = Math.sin(angle);
  return [c, 0, s, 0, 1, 0, -s, 0, c];
}

/** a · b. */
export function multiply(a: Rotation, b: Rotation): Rotation {
  const out = new Array<number>(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) out[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
  return out;
}

/**
 * The nearest rotation to `r` by Gram–Schmidt on its rows (third row = first × second, so det = +1). Drags
 * compose hundreds of small rotations; rounding would otherwise slowly shear and scale the cloud.
 */
export function orthonormalize(r: Rotation): Rotation {
  const a = [r[0], r[1], r[2]];
  const na = Math.hypot(a[0], a[1], a[2]);
  for (let k = 0; k < 3; k++) a[k] /= na;
  const b = [r[3], r[4], r[5]];
  const d = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  for (let k = 0; k < 3; k++) b[k] -= d * a[k];
  const nb = Math.hypot(b[0], b[1], b[2]);
  for (let k = 0; k < 3; k++) b[k] /= nb;
  const c = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
  return [...a, ...b, ...c];
}

/** The starting view: turned a little (yaw −30°, pitch 20°) so the cloud reads as 3-D at first sight. */
export const DEFAULT_CAMERA: Camera = { rotation: orthonormalize(multiply(rotationX(0.35), rotationY(-0.52))), zoom: 1, pan: [0, 0] };

/**
 * A drag of (dx, dy) pixels in a view of `size` pixels turns the cloud as if it were grabbed (a trackball
 * about the screen axes): dragging across the whole view turns it by half a turn. Turns about the screen's
 * axes compose on the left, so the cloud always turns the way the mouse goes, whatever the current rotation.
 */
export function dragRotation(r: Rotation, dx: number, dy: number, size: number): Rotation {
  const k = Math.PI / Math.max(1, size);
  return orthonormalize(multiply(multiply(rotationX(dy * k), rotationY(dx * k)), r));
}

/** Points centred on their bounding box and scaled to radius 1 (one scale for all axes: distances mean something). */
export interface UnitCloud {
  /** n × 3, row-major. */
  xyz: Float32Array;
  center: [number, number, number];
  radius: number;
}

/** `coords` (n × d row-major, d ≥ 3; the first three columns are used) centred and scaled into the unit ball. */
export function unitCloud(coords: ArrayLike<number>, n: number, d: number): UnitCloud {
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    // A point with a non-finite coordinate is left out of the bounds (it is not drawn).
    if (!(Number.isFinite(coords[i * d]) && Number.isFinite(coords[i * d + 1]) && Number.isFinite(coords[i * d + 2]))) continue;
    for (let k = 0; k < 3; k++) {
      const v = coords[i * d + k];
      if (v < lo[k]) lo[k] = v;
      if (v > hi[k]) hi[k] = v;
    }
  }
  const center = [0, 1, 2].map((k) => (lo[k] <= hi[k] ? (lo[k] + hi[k]) / 2 : 0)) as [number, number, number];
  let r2 = 0;
  for (let i = 0; i < n; i++) {
    const a = coords[i * d] - center[0], b = coords[i * d + 1] - center[1], c = coords[i * d + 2] - center[2];
    const d2 = a * a + b * b + c * c;
    // Comparison, not Math.max: a non-finite point (NaN) must not spoil the scale of the others.
    if (d2 > r2 && d2 < Infinity) r2 = d2;
  }
  const radius = Math.sqrt(r2) || 1;
  const xyz = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) xyz[3 * i + k] = (coords[i * d + k] - center[k]) / radius;
  return { xyz, center, radius };
}

/** Screen positions (pixels, y down) and depths (view z in [−1, 1], larger = nearer) of every point. */
export interface Projected {
  sx: Float32Array;
  sy: Float32Array;
  depth: Float32Array;
}

/** Pixels per unit of the normalized cloud: at zoom 1 the unit ball fits the smaller side with a margin. */
export function viewScale(width: number, height: number, zoom: number): number {
  return 0.46 * Math.min(width, height) * zoom;
}

export function emptyProjection(n: number): Projected {
  return { sx: new Float32Array(n), sy: new Float32Array(n), depth: new Float32Array(n) };
}

/** Orthographic projection of the unit cloud with the camera into a `width` × `height` view, written into `out`. */
export function projectInto(out: Projected, xyz: Float32Array, camera: Camera, width: number, height: number): Projected {
  const r = camera.rotation;
  const s = viewScale(width, height, camera.zoom);
  const cx = width / 2 + s * camera.pan[0], cy = height / 2 - s * camera.pan[1];
  const n = out.sx.length;
  for (let i = 0; i < n; i++) {
    const x = xyz[3 * i], y = xyz[3 * i + 1], z = xyz[3 * i + 2];
    out.sx[i] = cx + s * (r[0] * x + r[1] * y + r[2] * z);
    out.sy[i] = cy - s * (r[3] * x + r[4] * y + r[5] * z);
    out.depth[i] = r[6] * x + r[7] * y + r[8] * z;
  }
  return out;
}

/**
 * Depth layer of each point, 0 (farthest) to `layers` − 1 (nearest). Rotation keeps the unit cloud in the
 * unit ball, so depth is in [−1, 1] for every rotation and a point's layer depends on its depth alone: the
 * dimming of a point does not jump as the cloud turns.
 */
export function depthLayersInto(out: Uint8Array, depth: Float32Array, layers: number): Uint8Array {
  for (let i = 0; i < depth.length; i++) out[i] = Math.max(0, Math.min(layers - 1, Math.floor(((depth[i] + 1) / 2) * layers)));
  return out;
}

/** Opacity of depth layer `layer` of `layers`: farther points are dimmer (0.25 at the back, 1 at the front). */
export function layerAlpha(layer: number, layers: number): number {
  return 0.25 + (0.75 * (layer + 0.5)) / layers;
}

/**
 * The point under the cursor (x, y): of the points whose drawn disk (`radius` pixels) covers it, the
 * nearest to the viewer (the one drawn on top, so the one seen; at equal depth the later one); when none covers it, the point nearest on
 * screen within `tolerance` pixels; −1 when none is that close. `drawn` (optional) limits the search to the
 * points on screen (a point budget draws a subset while dragging).
 */
export function pickPoint(p: Projected, x: number, y: number, radius: number, tolerance: number, drawn?: ArrayLike<number>): number {
  let front = -1, frontDepth = -Infinity, near = -1, nearD2 = tolerance * tolerance;
  const r2 = radius * radius;
  const count = drawn ? drawn.length : p.sx.length;
  for (let t = 0; t < count; t++) {
    const i = drawn ? drawn[t] : t;
    const dx = p.sx[i] - x, dy = p.sy[i] - y;
    const d2 = dx * dx + dy * dy;
    // >=: of points at equal depth (all of them in the flat 2-D view) the later one is drawn on top.
    if (d2 <= r2 && p.depth[i] >= frontDepth) {
      front = i;
      frontDepth = p.depth[i];
    }
    if (d2 <= nearD2) {
      near = i;
      nearD2 = d2;
    }
  }
  return front >= 0 ? front : near;
}

/**
 * A fixed subset of at most `budget` of `n` points spread evenly over the index range (every (n/budget)-th
 * point): what a large cloud draws while it is being turned. Deterministic: same n, same subset.
 */
export function budgetSubset(n: number, budget: number): Uint32Array {
  if (n <= budget) return Uint32Array.from({ length: n }, (_, i) => i);
  const step = n / budget;
  return Uint32Array.from({ length: budget }, (_, t) => Math.min(n - 1, Math.floor(t * step + step / 2)));
}

/** The 2-D view's camera (scatter3d.ts's flat mode): no rotation, so the plane faces the viewer. */
export const FLAT_CAMERA: Camera = { rotation: IDENTITY, zoom: 1, pan: [0, 0] };

/** 2-D points as n × 3 row-major coordinates with z = 0 (what unitCloud and the flat view take). */
export function planarCoords(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(3 * x.length);
  for (let i = 0; i < x.length; i++) {
    out[3 * i] = x[i];
    out[3 * i + 1] = y[i];
  }
  return out;
}

/**
 * The camera zoomed to `zoom` about the view pixel (x, y): the point under the cursor stays under it (the pan
 * moves to compensate), as maps and regl-scatterplot zoom. Solves projectInto's x = w/2 + s·(pan + u) for
 * the pan that keeps u fixed when s changes.
 */
export function zoomAbout(camera: Camera, zoom: number, x: number, y: number, width: number, height: number): Camera {
  const s = viewScale(width, height, camera.zoom), t = viewScale(width, height, zoom);
  const u = (x - width / 2) / s - camera.pan[0];
  const v = (height / 2 - y) / s - camera.pan[1];
  return { ...camera, zoom, pan: [(x - width / 2) / t - u, (height / 2 - y) / t - v] };
}

/**
 * 1 for each point whose screen position lies inside the polygon `poly` (x0, y0, x1, y1, ... in view
 * pixels; closed implicitly), else 0: the lasso selection. Even–odd ray casting (a horizontal ray from the
 * point crosses the boundary an odd number of times iff the point is inside), after a bounding-box test.
 */
export function pointsInPolygon(sx: ArrayLike<number>, sy: ArrayLike<number>, poly: ArrayLike<number>): Uint8Array {
  const n = sx.length, m = poly.length >> 1;
  const out = new Uint8Array(n);
  if (m < 3) return out;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let k = 0; k < m; k++) {
    x0 = Math.min(x0, poly[2 * k]);
    x1 = Math.max(x1, poly[2 * k]);
    y0 = Math.min(y0, poly[2 * k + 1]);
    y1 = Math.max(y1, poly[2 * k + 1]);
  }
  for (let i = 0; i < n; i++) {
    const px = sx[i], py = sy[i];
    if (!(px >= x0 && px <= x1 && py >= y0 && py <= y1)) continue;
    let inside = 0;
    for (let a = 0, b = m - 1; a < m; b = a++) {
      const ya = poly[2 * a + 1], yb = poly[2 * b + 1];
      if (ya > py !== yb > py && px < poly[2 * a] + ((py - ya) * (poly[2 * b] - poly[2 * a])) / (yb - ya)) inside ^= 1;
    }
    out[i] = inside;
  }
  return out;
}

/**
 * "Nice" tick values covering [lo, hi]: about `count` of them on a 1-2-5 step (the rule d3's ticks and Vega's
 * axes use), so the canvas views' axes read like the Vega views'.
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return Number.isFinite(lo) ? [lo] : [];
  const raw = (hi - lo) / Math.max(1, count);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  // d3-array's tickIncrement thresholds (√50, √10, √2): the 1-2-5 step nearest the raw step.
  const err = raw / p;
  const step = (err >= Math.sqrt(50) ? 10 : err >= Math.sqrt(10) ? 5 : err >= Math.SQRT2 ? 2 : 1) * p;
  const out: number[] = [];
  for (let k = Math.ceil(lo / step); k * step <= hi + 1e-12 * step; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

/**
 * The data interval the flat (2-D) view shows along x and y: the inverse of projectInto with the identity
 * rotation for a plot `width` × `height` pixels, a unit cloud of `center` and `radius` (unitCloud), at
 * `camera`'s zoom and pan. x runs left to right, y bottom to top.
 */
export function visibleRange(center: readonly number[], radius: number, camera: Camera, width: number, height: number): { x: [number, number]; y: [number, number] } {
  const s = viewScale(width, height, camera.zoom);
  const x = (sx: number) => center[0] + (radius * (sx - width / 2 - s * camera.pan[0])) / s;
  const y = (sy: number) => center[1] + (radius * (height / 2 - s * camera.pan[1] - sy)) / s;
  return { x: [x(0), x(width)], y: [y(height), y(0)] };
}

/** A tick label: up to 4 significant digits, no trailing zeros, U+2212 for minus (as Vega prints). */
export function tickLabel(v: number): string {
  const t = Math.abs(v) < 1e-12 ? "0" : Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3 ? v.toExponential(1) : Number(v.toPrecision(4)).toString();
  return t.replace("-", "−");
}
