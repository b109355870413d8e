import { strict as assert } from "assert";
import { Clustering, Embedding, Matrix } from "@eigenlab/core";
import { boundedSvg, clusteringPayload, embeddingPayload, LIMITS, matrixPayload, toBundle } from "../src";
import type { Payload } from "../src";
import { blockAffinity, meta } from "./fixtures";

const bytes = (v: unknown) => Buffer.byteLength(typeof v === "string" ? v : JSON.stringify(v), "utf8");

function checkBudget(p: Payload): { svg: string; total: number } {
  const b = toBundle(p);
  const svg = b["image/svg+xml"] as string;
  assert.ok(bytes(svg) <= LIMITS.svgBytes, `SVG ${bytes(svg)} B > ${LIMITS.svgBytes}`);
  const total = Object.values(b).reduce((s: number, v) => s + bytes(v), 0);
  return { svg, total };
}

describe("size budget of a chart output (bundle.ts boundedSvg, issue #18)", function () {
  this.timeout(120_000);

  it("clusteringPayload(150 × 150 affinity): SVG ≤ 200 KB (was 1.2 MB), legend says block mean, whole output < 1 MB", () => {
    const { W, labels } = blockAffinity([50, 50, 50], 0.05);
    const p = clusteringPayload(new Clustering({ labels, k: 3, affinity: W, meta: meta("test", [150, 150]) }));
    const { svg, total } = checkBudget(p);
    assert.ok(total < 1_000_000, `output ${total} B`);
    // The SVG's cells are block means, and its legend says of how many points.
    assert.match(svg, /mean of [\d.]+ × [\d.]+ point blocks/);
    // It still uses most of the budget rather than a needlessly coarse grid.
    assert.ok(bytes(svg) > 0.5 * LIMITS.svgBytes);
  });

  it("embeddingPayload(30 000 points): SVG ≤ 200 KB and says how many points it shows; the payload keeps all 30 000", () => {
    const X = Matrix.random(30_000, 2, { seed: 2 });
    const p = embeddingPayload(new Embedding({ coords: X, labels: Int32Array.from({ length: 30_000 }, (_, i) => i % 5), meta: meta("test", [30_000, 2]) }));
    const { svg } = checkBudget(p);
    const m = /([\d,]+) of 30,000 points shown/.exec(svg);
    assert.ok(m, "the SVG says it shows a subset");
    const shown = Number(m[1].replace(/,/g, ""));
    assert.ok(shown >= 500 && shown <= LIMITS.svgPoints, `${shown} points`);
    assert.equal(p.data.coords.shape[0], 30_000);
  });

  it("boundedSvg(p, budget) shrinks until the SVG fits a smaller budget, and leaves a small chart as drawn", () => {
    const p = matrixPayload(Matrix.random(300, 300, { seed: 1 }));
    const r = boundedSvg(p, 60_000);
    assert.ok(bytes(r.svg) <= 60_000);
    assert.ok(r.options.maxMatrixSide! < LIMITS.specMatrixSide);
    const small = boundedSvg(matrixPayload(Matrix.random(5, 5, { seed: 1 })));
    assert.equal(small.options.maxMatrixSide, LIMITS.specMatrixSide);
  });
});
