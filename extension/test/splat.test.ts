import { strict as assert } from "assert";
import { diskSprite, hexRgb, lineInto, splatInto, squareSprite } from "../src/splat";

function buffer(w: number, h: number, rgb: number[]): Uint8ClampedArray {
  const b = new Uint8ClampedArray(4 * w * h);
  for (let i = 0; i < w * h; i++) b.set([...rgb, 255], 4 * i);
  return b;
}
const px = (b: Uint8ClampedArray, w: number, x: number, y: number) => [...b.subarray(4 * (y * w + x), 4 * (y * w + x) + 3)];

describe("extension 3-D splat (point rasterization)", function () {
  it("diskSprite(r) covers its centre fully, nothing beyond r + 0.5, and about π r² pixels in all", () => {
    const d = diskSprite(3);
    const c = (d.side - 1) / 2;
    assert.equal(d.coverage[c * d.side + c], 1);
    assert.equal(d.coverage[0], 0, "corner");
    const area = d.coverage.reduce((a, v) => a + v, 0);
    assert.ok(Math.abs(area - Math.PI * 9) < 0.1 * Math.PI * 9, `area ${area}`);
    assert.ok(squareSprite(2).coverage.every((v) => v === 1));
  });

  it("splatInto draws a point in its color at its pixel, blends an opacity over the background, and clips at the edges", () => {
    const w = 20, h = 10;
    const b = buffer(w, h, [255, 255, 255]);
    const palette = [...hexRgb("#4c78a8"), ...hexRgb("#f58518")];
    splatInto(b, w, h, diskSprite(2), [0, 1, 2], [5, 15, -1], [5, 5, 5], [0, 1, 0], palette, [1, 0.5, 1]);
    assert.deepEqual(px(b, w, 5, 5), [0x4c, 0x78, 0xa8]);
    // Opacity 0.5 over white: halfway between white and orange.
    assert.deepEqual(px(b, w, 15, 5), [250, 194, 140]);
    // Far from every point: background; the point at x = −1 shows only its right edge (x = 0, 1).
    assert.deepEqual(px(b, w, 10, 1), [255, 255, 255]);
    assert.notDeepEqual(px(b, w, 0, 5), [255, 255, 255]);
  });

  it("splatInto draws later points on top: the order given is back to front", () => {
    const w = 10, h = 10;
    const palette = [...hexRgb("#4c78a8"), ...hexRgb("#f58518")];
    const a = buffer(w, h, [255, 255, 255]);
    splatInto(a, w, h, diskSprite(2), [0, 1], [5, 5], [5, 5], [0, 1], palette, [1, 1]);
    assert.deepEqual(px(a, w, 5, 5), hexRgb("#f58518"));
    const b = buffer(w, h, [255, 255, 255]);
    splatInto(b, w, h, diskSprite(2), [1, 0], [5, 5], [5, 5], [0, 1], palette, [1, 1]);
    assert.deepEqual(px(b, w, 5, 5), hexRgb("#4c78a8"));
  });

  it("lineInto draws one pixel per step between the ends at the given opacity, clips to the buffer, and skips non-finite ends", () => {
    const w = 10, h = 6;
    const b = buffer(w, h, [255, 255, 255]);
    lineInto(b, w, h, 1, 2, 8, 2, [0, 0, 0], 0.5);
    for (let x = 1; x <= 8; x++) assert.deepEqual(px(b, w, x, 2), [128, 128, 128], `pixel ${x}`);
    assert.deepEqual(px(b, w, 0, 2), [255, 255, 255]);
    assert.deepEqual(px(b, w, 9, 2), [255, 255, 255]);
    assert.deepEqual(px(b, w, 4, 1), [255, 255, 255]);
    // A diagonal from far outside: only its part inside is drawn (one pixel per row here), nothing wraps.
    const c = buffer(w, h, [255, 255, 255]);
    lineInto(c, w, h, -1000, -1000, 1000, 1000, [0, 0, 0], 1);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) assert.deepEqual(px(c, w, x, y), x === y ? [0, 0, 0] : [255, 255, 255], `(${x}, ${y})`);
    const d = buffer(w, h, [255, 255, 255]);
    lineInto(d, w, h, NaN, 1, 5, 1, [0, 0, 0], 1);
    lineInto(d, w, h, -5, -5, -1, -1, [0, 0, 0], 1);
    assert.ok(d.every((v) => v === 255));
  });
});
