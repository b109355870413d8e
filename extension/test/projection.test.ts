import { strict as assert } from "assert";
import {
  budgetSubset,
  DEFAULT_CAMERA,
  depthLayersInto,
  dragRotation,
  emptyProjection,
  IDENTITY,
  layerAlpha,
  multiply,
  orthonormalize,
  FLAT_CAMERA,
  niceTicks,
  tickLabel,
  visibleRange,
  pickPoint,
  planarCoords,
  pointsInPolygon,
  projectInto,
  rotationX,
  rotationY,
  unitCloud,
  viewScale,
  zoomAbout,
} from "../src/projection";
import type { Camera, Rotation } from "../src/projection";

/** max |RᵀR − I| and det R. */
function orthoError(r: Rotation): { err: number; det: number } {
  let err = 0;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      const dot = r[i] * r[j] + r[3 + i] * r[3 + j] + r[6 + i] * r[6 + j];
      err = Math.max(err, Math.abs(dot - (i === j ? 1 : 0)));
    }
  }
  const det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6]) + r[2] * (r[3] * r[7] - r[4] * r[6]);
  return { err, det };
}

function apply(r: Rotation, v: number[]): number[] {
  return [0, 1, 2].map((i) => r[3 * i] * v[0] + r[3 * i + 1] * v[1] + r[3 * i + 2] * v[2]);
}

describe("extension 3-D projection (embedding view math)", function () {
  it("rotationX, rotationY, their products and DEFAULT_CAMERA are orthonormal with det +1", () => {
    for (const r of [rotationX(0.3), rotationY(-1.2), multiply(rotationX(2), rotationY(0.7)), DEFAULT_CAMERA.rotation]) {
      const { err, det } = orthoError(r);
      assert.ok(err < 1e-12, `RᵀR = I within ${err}`);
      assert.ok(Math.abs(det - 1) < 1e-12, `det ${det}`);
    }
  });

  it("rotationY(θ) turns the front (+z) toward +x and rotationX(φ) turns it toward −y (the drag directions)", () => {
    const a = Math.PI / 6;
    const y = apply(rotationY(a), [0, 0, 1]);
    const x = apply(rotationX(a), [0, 0, 1]);
    [Math.sin(a), 0, Math.cos(a)].forEach((v, k) => assert.ok(Math.abs(y[k] - v) < 1e-15));
    [0, -Math.sin(a), Math.cos(a)].forEach((v, k) => assert.ok(Math.abs(x[k] - v) < 1e-15));
  });

  it("dragRotation(R, dx, dy, size) stays orthonormal over 2 000 drags; a drag across the view is half a turn", () => {
    let r = IDENTITY;
    for (let t = 0; t < 2000; t++) r = dragRotation(r, 7 * Math.sin(t), 5 * Math.cos(0.3 * t), 400);
    const { err, det } = orthoError(r);
    assert.ok(err < 1e-12 && Math.abs(det - 1) < 1e-12, `err ${err}, det ${det}`);
    const half = apply(dragRotation(IDENTITY, 400, 0, 400), [0, 0, 1]);
    assert.ok(Math.abs(half[2] + 1) < 1e-12, `front goes to the back: ${half}`);
  });

  it("orthonormalize(R + small error) is a rotation close to R", () => {
    const r = multiply(rotationX(0.4), rotationY(1.1));
    const noisy = r.map((v, i) => v + 1e-4 * Math.sin(3 * i + 1));
    const q = orthonormalize(noisy);
    const { err, det } = orthoError(q);
    assert.ok(err < 1e-12 && Math.abs(det - 1) < 1e-12);
    assert.ok(Math.max(...q.map((v, i) => Math.abs(v - r[i]))) < 1e-3);
  });

  it("unitCloud(coords, n, d) centres on the bounding box and scales the farthest point to radius 1 (one scale for all axes)", () => {
    // 4 columns: the 4th is ignored.
    const coords = [10, 0, 0, 99, 14, 0, 0, 99, 12, 3, 0, 99, 12, -3, 1, 99];
    const c = unitCloud(coords, 4, 4);
    assert.deepEqual(c.center, [12, 0, 0.5]);
    assert.ok(Math.abs(c.radius - Math.hypot(0, 3, 0.5)) < 1e-12);
    let maxNorm = 0;
    for (let i = 0; i < 4; i++) maxNorm = Math.max(maxNorm, Math.hypot(c.xyz[3 * i], c.xyz[3 * i + 1], c.xyz[3 * i + 2]));
    assert.ok(Math.abs(maxNorm - 1) < 1e-6);
    // Same scale on every axis: the x extent (4) over the y extent (6) is kept.
    assert.ok(Math.abs((c.xyz[3] - c.xyz[0]) / (c.xyz[7] - c.xyz[10]) - 4 / 6) < 1e-6);
  });

  it("unitCloud ignores NaN and infinite points when it centres and scales the others", () => {
    const c = unitCloud([0, 0, 0, NaN, 1, 1, 2, 0, 0, Infinity, 0, 0], 4, 3);
    assert.deepEqual(c.center, [1, 0, 0]);
    assert.equal(c.radius, 1);
    assert.deepEqual([...c.xyz.slice(0, 3)], [-1, 0, 0]);
    assert.deepEqual([...c.xyz.slice(6, 9)], [1, 0, 0]);
  });

  it("projectInto with the identity maps (x, y, z) to (W/2 + s·x, H/2 − s·y) with depth z; zoom and pan scale and shift", () => {
    const xyz = Float32Array.from([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0.5, -0.5, -0.25]);
    const cam: Camera = { rotation: IDENTITY, zoom: 1, pan: [0, 0] };
    const p = projectInto(emptyProjection(5), xyz, cam, 400, 300);
    const s = viewScale(400, 300, 1);
    assert.equal(s, 0.46 * 300);
    const want = [[200, 150, 0], [200 + s, 150, 0], [200, 150 - s, 0], [200, 150, 1], [200 + s / 2, 150 + s / 2, -0.25]];
    want.forEach(([x, y, z], i) => {
      assert.ok(Math.abs(p.sx[i] - x) < 1e-3 && Math.abs(p.sy[i] - y) < 1e-3 && Math.abs(p.depth[i] - z) < 1e-6, `point ${i}: ${p.sx[i]}, ${p.sy[i]}, ${p.depth[i]}`);
    });
    const zoomed = projectInto(emptyProjection(5), xyz, { rotation: IDENTITY, zoom: 2, pan: [0.5, 0] }, 400, 300);
    assert.ok(Math.abs(zoomed.sx[0] - (200 + 2 * s * 0.5)) < 1e-3 && Math.abs(zoomed.sx[1] - (200 + 2 * s * 1.5)) < 1e-3);
  });

  it("projectInto with rotationY(90°) shows the data's z axis as screen x and puts +x at the back; lengths are kept", () => {
    const xyz = Float32Array.from([1, 0, 0, 0, 0, 1, 0.6, 0, 0.8]);
    const p = projectInto(emptyProjection(3), xyz, { rotation: rotationY(Math.PI / 2), zoom: 1, pan: [0, 0] }, 200, 200);
    const s = viewScale(200, 200, 1);
    assert.ok(Math.abs(p.sx[0] - 100) < 1e-3 && Math.abs(p.depth[0] + 1) < 1e-6, "+x goes to the back");
    assert.ok(Math.abs(p.sx[1] - (100 + s)) < 1e-3 && Math.abs(p.depth[1]) < 1e-6, "+z shows as +x");
    // Orthographic: screen offset² / s² + depth² = |p|² for every rotation.
    for (const r of [rotationY(Math.PI / 2), DEFAULT_CAMERA.rotation, dragRotation(DEFAULT_CAMERA.rotation, 33, -71, 300)]) {
      const q = projectInto(emptyProjection(3), xyz, { rotation: r, zoom: 1, pan: [0, 0] }, 200, 200);
      for (let i = 0; i < 3; i++) {
        const len2 = ((q.sx[i] - 100) / s) ** 2 + ((q.sy[i] - 100) / s) ** 2 + q.depth[i] ** 2;
        assert.ok(Math.abs(len2 - 1) < 1e-5, `|p${i}|² = ${len2}`);
      }
    }
  });

  it("depthLayersInto puts depth −1 in layer 0 and +1 in the last; layerAlpha dims the far layers", () => {
    const layers = depthLayersInto(new Uint8Array(5), Float32Array.from([-1, -0.5, 0, 0.5, 1]), 8);
    assert.deepEqual([...layers], [0, 2, 4, 6, 7]);
    assert.ok(layerAlpha(0, 8) < layerAlpha(7, 8) && layerAlpha(7, 8) <= 1 && layerAlpha(0, 8) >= 0.25);
  });

  it("pickPoint picks the front point of two drawn at the same place, else the nearest on screen within the tolerance", () => {
    // Points 0 and 1 at the same screen position, 1 nearer the viewer; 2 a few pixels away, nearest of all.
    const p = { sx: Float32Array.from([100, 100, 103]), sy: Float32Array.from([100, 100, 100]), depth: Float32Array.from([-0.5, 0.3, 0.9]) };
    assert.equal(pickPoint(p, 100, 100, 2, 8), 1, "the front one of the points covering the cursor");
    assert.equal(pickPoint(p, 103.5, 100, 2, 8), 2);
    // Covered by none: the nearest on screen within 8 px (point 2 at 5 px), none beyond.
    assert.equal(pickPoint(p, 108, 100, 2, 8), 2);
    assert.equal(pickPoint(p, 100, 120, 2, 8), -1);
    // Only the drawn subset counts.
    assert.equal(pickPoint(p, 100, 100, 2, 8, [0, 2]), 0);
  });

  it("budgetSubset(n, budget) keeps every point under the budget and an even, increasing subset over it", () => {
    assert.deepEqual([...budgetSubset(5, 10)], [0, 1, 2, 3, 4]);
    const s = budgetSubset(100_000, 20_000);
    assert.equal(s.length, 20_000);
    for (let t = 1; t < s.length; t++) assert.ok(s[t] > s[t - 1] && s[t] - s[t - 1] <= 5);
    assert.ok(s[s.length - 1] < 100_000);
  });
});

describe("projection: the 2-D view (flat mode: planarCoords, FLAT_CAMERA, zoomAbout, pointsInPolygon)", function () {
  it("projectInto(unitCloud(planarCoords(x, y)), FLAT_CAMERA) keeps the layout: screen x grows with x, screen y falls with y, one scale, depth 0", () => {
    const x = [0, 2, -1, 3], y = [0, 1, 4, -2];
    const cloud = unitCloud(planarCoords(x, y), 4, 3);
    const p = projectInto(emptyProjection(4), cloud.xyz, FLAT_CAMERA, 400, 300);
    const s = viewScale(400, 300, 1) / cloud.radius;
    for (let i = 1; i < 4; i++) {
      assert.ok(Math.abs(p.sx[i] - p.sx[0] - s * (x[i] - x[0])) < 1e-3);
      assert.ok(Math.abs(p.sy[i] - p.sy[0] + s * (y[i] - y[0])) < 1e-3);
      assert.equal(p.depth[i], 0);
    }
  });

  it("zoomAbout(camera, zoom, x, y) keeps the data point under the cursor (x, y) at (x, y) for zooming in and out", () => {
    // Deterministic scattered points in [−1, 1]² (z = 0).
    const xyz = Float32Array.from({ length: 300 }, (_, k) => (k % 3 === 2 ? 0 : Math.sin(12.9898 * k + 78.233)));
    const w = 500, h = 320;
    let cam: Camera = { ...FLAT_CAMERA, zoom: 1.3, pan: [0.2, -0.1] };
    for (const [zoom, cx, cy] of [[2.5, 100, 80], [0.7, 420, 300], [9, 250, 10]] as const) {
      const before = projectInto(emptyProjection(100), xyz, cam, w, h);
      const next = zoomAbout(cam, zoom, cx, cy, w, h);
      const after = projectInto(emptyProjection(100), xyz, next, w, h);
      assert.equal(next.zoom, zoom);
      // Each point's offset from the cursor scales by zoom ratio: the cursor is the fixed point.
      const ratio = zoom / cam.zoom;
      for (let i = 0; i < 100; i++) {
        assert.ok(Math.abs(after.sx[i] - cx - ratio * (before.sx[i] - cx)) < 1e-3 * Math.max(1, ratio) * w);
        assert.ok(Math.abs(after.sy[i] - cy - ratio * (before.sy[i] - cy)) < 1e-3 * Math.max(1, ratio) * h);
      }
      cam = next;
    }
  });

  it("pickPoint in the flat view (all depths 0) picks the later of two points at one place: the one drawn on top", () => {
    const p = { sx: Float32Array.from([50, 50, 90]), sy: Float32Array.from([40, 40, 40]), depth: new Float32Array(3) };
    assert.equal(pickPoint(p, 50.5, 40, 2, 8), 1);
    assert.equal(pickPoint(p, 88, 40, 2, 8), 2);
  });

  it("pointsInPolygon(sx, sy, lasso) selects exactly the points inside a concave (L-shaped) polygon", () => {
    // An L: the unit square [0, 2]² minus its upper-right quarter [1, 2] × [1, 2].
    const L = [0, 0, 2, 0, 2, 1, 1, 1, 1, 2, 0, 2];
    const sx: number[] = [], sy: number[] = [];
    for (let i = 0; i < 41; i++) for (let j = 0; j < 41; j++) {
      sx.push(-0.0249 + (i * 2.1) / 40);
      sy.push(-0.0249 + (j * 2.1) / 40);
    }
    const inside = pointsInPolygon(sx, sy, L);
    for (let k = 0; k < sx.length; k++) {
      const x = sx[k], y = sy[k];
      const truth = x > 0 && x < 2 && y > 0 && y < 2 && !(x > 1 && y > 1);
      assert.equal(inside[k], truth ? 1 : 0, `(${x}, ${y})`);
    }
    assert.equal(pointsInPolygon(sx, sy, [0, 0, 1, 1]).reduce((a, b) => a + b, 0), 0, "fewer than 3 vertices selects nothing");
  });
});

describe("the flat canvas view's axes (projection.ts niceTicks, visibleRange, tickLabel)", () => {
  it("niceTicks(lo, hi, count) steps 1-2-5 inside [lo, hi]", () => {
    assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
    assert.deepEqual(niceTicks(-0.27, 0.31, 5), [-0.2, -0.1, 0, 0.1, 0.2, 0.3]);
    assert.deepEqual(niceTicks(3, 97, 4), [20, 40, 60, 80]);
    assert.deepEqual(niceTicks(1, 1), [1]);
  });

  it("visibleRange inverts projectInto: the plot's edges map to the data the flat view shows there", () => {
    const x = [2, 4, 3], y = [10, 14, 12];
    const cloud = unitCloud(planarCoords(x, y), 3, 3);
    const camera = { ...FLAT_CAMERA, zoom: 1.7, pan: [0.2, -0.1] as [number, number] };
    const out = projectInto(emptyProjection(3), cloud.xyz, camera, 500, 300);
    const r = visibleRange(cloud.center, cloud.radius, camera, 500, 300);
    for (let i = 0; i < 3; i++) {
      // (the unit cloud is float32: 1e-6 relative)
      assert.ok(Math.abs(r.x[0] + ((r.x[1] - r.x[0]) * out.sx[i]) / 500 - x[i]) < 1e-5);
      assert.ok(Math.abs(r.y[1] - ((r.y[1] - r.y[0]) * out.sy[i]) / 300 - y[i]) < 1e-5);
    }
  });

  it("tickLabel prints 4 significant digits and a true minus sign", () => {
    assert.deepEqual([tickLabel(-0.25), tickLabel(1e-13), tickLabel(123456), tickLabel(0.12345)], ["−0.25", "0", "1.2e+5", "0.1235"]);
  });
});
