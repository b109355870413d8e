import { strict as assert } from "assert";
import fc from "fast-check";
import { compile } from "vega-lite";
import { Embedding, Matrix, VERSION } from "@eigenlab/core";
import { embeddingPayload } from "@eigenlab/viz";
import { planView } from "../src/plan";
import { BRUSH, pointsInBrush, withBrush } from "../src/mount/vega";

describe("the Vega scatter's brush (mount/vega.ts)", () => {
  it("pointsInBrush({x, y}, { x: [a, b], y: [c, d] }) is the ascending indices with a ≤ x ≤ b and c ≤ y ≤ d, bounds in either order", () => {
    const pts = { x: [0, 1, 2, 3, 1.5], y: [0, 1, 2, 3, 5] };
    assert.deepEqual(pointsInBrush(pts, { x: [1, 3], y: [0, 2] }), [1, 2]);
    assert.deepEqual(pointsInBrush(pts, { x: [3, 1], y: [5, 1] }), [1, 2, 3, 4]);
    // A cleared brush (Vega-Lite's empty selection value) selects nothing.
    assert.deepEqual(pointsInBrush(pts, {}), []);
    assert.deepEqual(pointsInBrush(pts, { x: [0, Number.NaN], y: [0, 1] }), []);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), { maxLength: 60 }),
        fc.tuple(fc.double({ min: -6, max: 6, noNaN: true }), fc.double({ min: -6, max: 6, noNaN: true })),
        fc.tuple(fc.double({ min: -6, max: 6, noNaN: true }), fc.double({ min: -6, max: 6, noNaN: true })), (p, bx, by) => {
          const got = pointsInBrush({ x: p.map((q) => q[0]), y: p.map((q) => q[1]) }, { x: bx, y: by });
          const inside = (v: number, r: number[]) => v >= Math.min(r[0], r[1]) && v <= Math.max(r[0], r[1]);
          assert.deepEqual(got, p.flatMap((q, i) => (inside(q[0], bx) && inside(q[1], by) ? [i] : [])));
        }),
    );
  });

  it("withBrush(spec) of a small embedding's planned scatter compiles with vega-lite to a spec with the brush signal and dims outside it", () => {
    const n = 50;
    const meta = { solver: "given", backend: "cpu", precision: "float64", version: VERSION, inputShape: [n, 2] } as const;
    const emb = new Embedding({ coords: Matrix.random(n, 2, { seed: 4 }), meta: meta as never });
    const panel = planView(embeddingPayload(emb)).panels.find((p) => p.role === "points");
    assert.ok(panel && panel.engine === "vega" && "spec" in panel && panel.spec);
    const spec = withBrush(panel.spec);
    const vg = compile(spec as never).spec as { signals?: { name: string }[] };
    assert.ok(vg.signals?.some((s) => s.name === BRUSH), "a top-level brush signal");
    const opacity = (spec.encoding as Record<string, { condition: { param: string }; value: number }>).opacity;
    assert.equal(opacity.condition.param, BRUSH);
    assert.equal(opacity.value, 0.15);
    // The panel's own spec is left as it was (plans are data; the brush is the Vega mount's).
    assert.equal((panel.spec as { params?: unknown }).params, undefined);
  });
});
