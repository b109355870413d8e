import { strict as assert } from "assert";
import { data } from "@eigenlab/core";
import { decodeArray, forceLayout, graphPayload } from "../src";
import { BARNES_HUT_FROM } from "../src/layout";
import { blockAffinity } from "./fixtures";

/** Mean distance between nodes of the same block and of different blocks. */
function spread(pos: Float64Array, labels: Int32Array): { within: number; between: number } {
  let w = 0, nw = 0, b = 0, nb = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const d = Math.hypot(pos[2 * i] - pos[2 * j], pos[2 * i + 1] - pos[2 * j + 1]);
      if (labels[i] === labels[j]) {
        w += d;
        nw++;
      } else {
        b += d;
        nb++;
      }
    }
  }
  return { within: w / nw, between: b / nb };
}

describe("graph layout (layout.ts: ForceAtlas2 through graphology-layout-forceatlas2)", function () {
  this.timeout(60_000);

  it("forceLayout(W, {seed}) is deterministic: the same seed gives the same bits, another seed another layout", () => {
    const { W } = blockAffinity([20, 20], 0.01);
    const a = forceLayout(W, { seed: 3 });
    const b = forceLayout(W, { seed: 3 });
    const c = forceLayout(W, { seed: 4 });
    assert.deepEqual(Array.from(a), Array.from(b));
    assert.notDeepEqual(Array.from(a), Array.from(c));
    assert.ok(a.every(Number.isFinite));
  });

  it("forceLayout(two weakly linked cliques) puts each clique together: within-block distance < ¼ of between-block", () => {
    const { W, labels } = blockAffinity([25, 25], 0.002);
    const s = spread(forceLayout(W, { seed: 0 }), labels);
    assert.ok(s.within < 0.25 * s.between, `within ${s.within}, between ${s.between}`);
  });

  it(`forceLayout on ${BARNES_HUT_FROM + 100} nodes (Barnes–Hut) still separates the blocks and stays deterministic`, () => {
    const { W, labels } = blockAffinity([300, 300], 0.0005);
    const a = forceLayout(W, { seed: 1, iterations: 30 });
    assert.deepEqual(Array.from(a), Array.from(forceLayout(W, { seed: 1, iterations: 30 })));
    const s = spread(a, labels);
    assert.ok(s.within < 0.5 * s.between, `within ${s.within}, between ${s.between}`);
  });

  it("graphPayload(W, {layout: 'force', seed}) reproduces its positions bit for bit", () => {
    const { W } = blockAffinity([10, 10], 0.05);
    const p = graphPayload(W, { layout: "force", seed: 7 });
    assert.equal(p.data.layoutMethod, "force");
    assert.deepEqual(p.data.layout, graphPayload(W, { layout: "force", seed: 7 }).data.layout);
  });

  it("graphPayload(karate club): no two nodes drawn on top of each other (nodes with equal neighbourhoods share spectral coordinates)", () => {
    const p = graphPayload(data.karateClub().graph);
    const pos = decodeArray(p.data.layout);
    let min = Infinity;
    let span = 0;
    for (let i = 0; i < 34; i++) {
      for (let j = i + 1; j < 34; j++) {
        const d = Math.hypot(pos[2 * i] - pos[2 * j], pos[2 * i + 1] - pos[2 * j + 1]);
        min = Math.min(min, d);
        span = Math.max(span, d);
      }
    }
    assert.ok(min > 0.01 * span, `closest pair ${min} of span ${span}`);
  });
});
