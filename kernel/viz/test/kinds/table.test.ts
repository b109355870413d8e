import { strict as assert } from "assert";
import { Clustering, CsrMatrix, Embedding, JUPYTER_DISPLAY, linalg, Matrix, ot, registerDisplayFormatter, rmt } from "@eigenlab/core";
import {
  clusteringPayload,
  curvePayload,
  embeddingPayload,
  graphPayload,
  KINDS,
  matrixPayload,
  PAYLOAD_KINDS,
  readPayload,
  registerFormatters,
  RESULT_KINDS,
  spectrumPayload,
  toPayload,
  toText,
} from "../../src";
import type { Payload, PayloadKind } from "../../src";
import { blockAffinity, clustering, meta, wishart } from "../fixtures";

/** One payload of every kind, as the wire carries it. */
function onePerKind(): Record<PayloadKind, Payload> {
  const ring = CsrMatrix.fromTriplets(4, 4, [0, 1, 2, 3], [1, 2, 3, 0], [1, 1, 1, 1]);
  const ps: Payload[] = [
    spectrumPayload([3, 1, 2]),
    embeddingPayload(Matrix.random(10, 2, { seed: 1 })),
    clusteringPayload(clustering([5, 4], true)),
    graphPayload(ring),
    matrixPayload(Matrix.random(3, 4, { seed: 2 })),
    curvePayload({ y: [1, 2] }),
  ];
  return Object.fromEntries(ps.map((p) => [p.kind, JSON.parse(JSON.stringify(p))])) as Record<PayloadKind, Payload>;
}

describe("viz table of display kinds (kinds/index.ts, kinds/results.ts)", function () {
  this.timeout(30_000);

  it("KINDS has one entry per payload kind, keyed by its own kind, in the order PAYLOAD_KINDS lists", () => {
    assert.deepEqual([...PAYLOAD_KINDS], ["spectrum", "embedding", "clustermap", "graph", "matrix", "curve"]);
    assert.deepEqual(Object.keys(KINDS), [...PAYLOAD_KINDS]);
    for (const k of PAYLOAD_KINDS) assert.equal(KINDS[k].kind, k);
  });

  it("readPayload(payload without field f) names f, for every encoded-array field of every kind's entry", () => {
    const payloads = onePerKind();
    let checked = 0;
    for (const k of PAYLOAD_KINDS) {
      const p = payloads[k];
      assert.deepEqual(readPayload(p), p);
      for (const field of KINDS[k].arrays) {
        for (const broken of [undefined, { dtype: "float16", shape: [1], b64: "" }]) {
          const data = { ...(p.data as unknown as Record<string, unknown>), [field]: broken };
          assert.throws(() => readPayload({ ...p, data }), (e: Error) => e.message.includes(`Eigenlab ${k} payload lacks "${field}"`), `${k}.${field}`);
          checked++;
        }
      }
    }
    // spectrum values; embedding coords; clustermap labels; graph source, target, weight, layout; matrix values.
    assert.equal(checked, 2 * 8);
  });

  it("toText(p) is the title, the kind's sentence, a period, then the provenance", () => {
    const p = spectrumPayload([1, 2], { title: "T" });
    p.meta = { ...p.meta, solver: "eigh", backend: "cpu", seed: 3 };
    assert.equal(toText(p), `T: ${KINDS.spectrum.text(p)}. solver eigh on cpu; seed 3.`);
    assert.equal(toText(curvePayload({ y: [1] })), "1 curve: series 0 (1 points).");
  });

  it("RESULT_KINDS: each core result is taken by the entry named as the result announces to displayBundle, and becomes one of its payload kinds", () => {
    const n = 40;
    const X = Matrix.random(n, 8, { seed: 4 });
    const { W } = blockAffinity([6, 6], 0.1);
    const values = linalg.eigh(wishart(60, 20, 5)).values;
    const results: unknown[] = [
      linalg.eigh(wishart(30, 10, 1)),
      new Embedding({ coords: Matrix.random(n, 2, { seed: 3 }), meta: meta("t", [n, 2]) }),
      clustering([5, 4], true),
      new Clustering({ labels: Int32Array.from([0, 1, 1]), k: 2, meta: meta("t", [3, 3]) }),
      W,
      CsrMatrix.fromTriplets(3, 4, [0, 2], [1, 3], [1, -1]),
      X,
      rmt.esd(values, { bins: 10 }),
      rmt.fitMarchenkoPastur(X),
      rmt.spikes(X),
      rmt.powerLawFit(Float64Array.from({ length: 200 }, (_, i) => Math.pow(1 + i, 0.8))),
      rmt.marchenkoPastur({ ratio: 0.5, sigma2: 1 }),
      linalg.svd(X, { k: 3 }),
      linalg.oja(X, { k: 2, seed: 1 }),
      ot.sinkhorn(Float64Array.from([0.5, 0.5]), Float64Array.from([0.5, 0.5]), Matrix.from([[0, 1], [1, 0]]), { epsilon: 0.5 }),
    ];
    const announced: string[] = [];
    try {
      for (const r of RESULT_KINDS) registerDisplayFormatter(r.name, () => (announced.push(r.name), {}));
      const seen = new Set<string>();
      for (const value of results) {
        announced.length = 0;
        (value as { [JUPYTER_DISPLAY](): unknown })[JUPYTER_DISPLAY]();
        const entry = RESULT_KINDS.find((r) => r.is(value));
        assert.ok(entry, `no entry takes ${(value as object).constructor.name}`);
        assert.deepEqual(announced, [entry.name], (value as object).constructor.name);
        const kind = toPayload(value).kind;
        assert.ok(entry.payloads.includes(kind) && kind in KINDS, `${entry.name} -> ${kind}`);
        seen.add(entry.name);
      }
      assert.deepEqual([...seen].sort(), RESULT_KINDS.map((r) => r.name).sort(), "every entry is exercised");
    } finally {
      registerFormatters();
    }
  });
});
