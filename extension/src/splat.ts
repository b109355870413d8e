/**
 * Point rasterization for the 3-D view: each point is a small sprite (an antialiased disk, or a square for
 * large sets) blended into an RGBA pixel buffer, in the order given (back to front). Pure: the buffer is a
 * typed array, so mocha tests it.
 *
 * Why not the canvas's own arc()/fill(): in Chromium without a GPU (our test browser, and any lab with
 * software canvas) 20 000 antialiased arcs took about 95 ms a frame on this machine, rects about 21 ms, and
 * drawImage of a pre-drawn disk no faster than arcs; writing the pixels ourselves draws 20 000 disks in a few
 * milliseconds and gives exact back-to-front blending.
 */

/** A sprite: per-pixel coverage in [0, 1] on a `side` × `side` grid centred on the point. */
export interface Sprite {
  side: number;
  coverage: Float32Array;
}

/** A disk of `radius` pixels with a one-pixel soft edge (coverage falls from 1 to 0 across the boundary). */
export function diskSprite(radius: number): Sprite {
  const side = 2 * Math.ceil(radius + 0.5) + 1;
  const c = (side - 1) / 2;
  const coverage = new Float32Array(side * side);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) coverage[y * side + x] = Math.max(0, Math.min(1, radius + 0.5 - Math.hypot(x - c, y - c)));
  return { side, coverage };
}

/** A full square of `side` pixels (large sets: cheap, and points that small read as squares anyway). */
export function squareSprite(side: number): Sprite {
  return { side, coverage: new Float32Array(side * side).fill(1) };
}

/** "#rrggbb" -> [r, g, b]. */
export function hexRgb(color: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];
}

/**
 * Blends the points `order` (drawn in that order: later ones on top) into `rgba` (width × height, row-major),
 * point i centred at pixel (x[i], y[i]) with color `palette[color[i]]` (r, g, b triples) and opacity `alpha[i]`.
 * Points off the buffer are clipped; non-finite positions are skipped.
 */
export function splatInto(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
  sprite: Sprite,
  order: ArrayLike<number>,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  color: ArrayLike<number>,
  palette: ArrayLike<number>,
  alpha: ArrayLike<number>,
): Uint8ClampedArray {
  const { side, coverage } = sprite;
  const half = (side - 1) / 2;
  for (let t = 0; t < order.length; t++) {
    const i = order[t];
    const px = Math.round(x[i] - half), py = Math.round(y[i] - half);
    if (!(px > -side && py > -side && px < width && py < height)) continue;
    const c = 3 * color[i];
    const r = palette[c], g = palette[c + 1], b = palette[c + 2];
    const a = alpha[i];
    for (let v = 0; v < side; v++) {
      const yy = py + v;
      if (yy < 0 || yy >= height) continue;
      for (let u = 0; u < side; u++) {
        const xx = px + u;
        if (xx < 0 || xx >= width) continue;
        const k = a * coverage[v * side + u];
        if (k <= 0) continue;
        const o = 4 * (yy * width + xx);
        rgba[o] += k * (r - rgba[o]);
        rgba[o + 1] += k * (g - rgba[o + 1]);
        rgba[o + 2] += k * (b - rgba[o + 2]);
      }
    }
  }
  return rgba;
}

/**
 * Blends the segment (x0, y0)–(x1, y1) into `rgba` (width × height) as a one-pixel line of color `rgb` and
 * opacity `alpha`: a large graph's edges under its nodes. Clipped to the buffer first (Liang–Barsky), so a
 * zoomed-in edge thousands of pixels long costs only its visible part; then one pixel per step along the major
 * axis (DDA). Non-finite ends draw nothing.
 */
export function lineInto(rgba: Uint8ClampedArray, width: number, height: number, x0: number, y0: number, x1: number, y1: number, rgb: readonly number[], alpha: number): void {
  if (!(Number.isFinite(x0) && Number.isFinite(y0) && Number.isFinite(x1) && Number.isFinite(y1))) return;
  const dx = x1 - x0, dy = y1 - y0;
  let t0 = 0, t1 = 1;
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q >= 0;
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
    return true;
  };
  if (!(clip(-dx, x0) && clip(dx, width - 1 - x0) && clip(-dy, y0) && clip(dy, height - 1 - y0))) return;
  const ax = x0 + t0 * dx, ay = y0 + t0 * dy;
  const bx = x0 + t1 * dx, by = y0 + t1 * dy;
  const steps = Math.max(1, Math.ceil(Math.max(Math.abs(bx - ax), Math.abs(by - ay))));
  const sx = (bx - ax) / steps, sy = (by - ay) / steps;
  const [r, g, b] = rgb;
  for (let s = 0; s <= steps; s++) {
    const xx = Math.round(ax + s * sx), yy = Math.round(ay + s * sy);
    if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
    const o = 4 * (yy * width + xx);
    rgba[o] += alpha * (r - rgba[o]);
    rgba[o + 1] += alpha * (g - rgba[o + 1]);
    rgba[o + 2] += alpha * (b - rgba[o + 2]);
  }
}
