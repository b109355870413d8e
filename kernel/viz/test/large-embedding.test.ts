import { strict as assert } from "assert";
import { EigenlabError, Embedding, Matrix } from "@eigenlab/core";
import { decodeArray, embeddingPayload, LIMITS, readPayload, toBundle, toText } from "../src";
import { assertValidPayload } from "./schema-check";
import { meta } from "./fixtures";

const bytes = (v: unknown) => Buffer.byteLength(typeof v === "string" ? v : JSON.stringify(v), "utf8");

describe("embeddingPayload of 10⁶ points (issue #15): a sample saved with the notebook, the full set in the kernel", function () {
  this.timeout(120_000);

  it("embeddingPayload(10⁶ float32 points): 100 000 sampled rows (ascending, seeded), their coordinates and labels exactly; the output stays under 4 MB", () => {
    const n = 1_000_000;
    const X = Matrix.random(n, 2, { seed: 3, dtype: "float32" });
    const labels = Int32Array.from({ length: n }, (_, i) => i % 7);
    const p = embeddingPayload(new Embedding({ coords: X, labels, meta: meta("test", [n, 2]) }));
    assertValidPayload(p);
    assert.equal(p.data.coords.shape[0], LIMITS.payloadPoints);
    assert.equal(p.data.sample?.total, n);
    const rows = decodeArray(p.data.sample!.indices);
    assert.equal(rows.length, LIMITS.payloadPoints);
    for (let t = 1; t < rows.length; t++) assert.ok(rows[t] > rows[t - 1], "rows ascending and distinct");
    // spread over the whole range (a uniform sample, not the first 100 000)
    assert.ok(rows[0] < 100 && rows[rows.length - 1] > n - 100);
    const c = decodeArray(p.data.coords);
    const l = decodeArray(p.data.labels!);
    for (let t = 0; t < rows.length; t += 997) {
      assert.equal(c[2 * t], X.stored[2 * rows[t]]);
      assert.equal(c[2 * t + 1], X.stored[2 * rows[t] + 1]);
      assert.equal(l[t], labels[rows[t]]);
    }
    // the same sample every time (seeded)
    assert.deepEqual(Array.from(decodeArray(embeddingPayload(new Embedding({ coords: X, meta: meta("test", [n, 2]) })).data.sample!.indices)), Array.from(rows));
    const b = toBundle(p);
    const total = Object.values(b).reduce((s: number, v) => s + bytes(v), 0);
    assert.ok(total < 4_000_000, `output ${total} B`);
    assert.match(toText(readPayload(JSON.parse(JSON.stringify(p)))), /Embedding of 1000000 points .*100000 of 1000000 points saved/);
    assert.ok(p.meta.notes?.some((s) => /100,000 of 1,000,000 points saved with the notebook/.test(s)));
  });

  it("embeddingPayload(e, { maxPoints: Infinity }) keeps every point; maxPoints: 0 is an error", () => {
    const X = Matrix.random(LIMITS.payloadPoints + 10, 2, { seed: 1 });
    const e = new Embedding({ coords: X, meta: meta("test", [X.rows, 2]) });
    const all = embeddingPayload(e, { maxPoints: Infinity });
    assert.equal(all.data.coords.shape[0], X.rows);
    assert.equal(all.data.sample, undefined);
    assert.equal(embeddingPayload(e).data.coords.shape[0], LIMITS.payloadPoints);
    assert.throws(() => embeddingPayload(e, { maxPoints: 0 }), (err: unknown) => err instanceof EigenlabError && /maxPoints must be a number ≥ 1/.test(err.message));
  });

  it("readPayload refuses a malformed sample (no indices)", () => {
    const p = embeddingPayload(new Embedding({ coords: Matrix.random(50, 2, { seed: 1 }), meta: meta("test", [50, 2]) }), { maxPoints: 20 });
    const bad = JSON.parse(JSON.stringify(p));
    delete bad.data.sample.indices;
    assert.throws(() => readPayload(bad), /sample/);
  });
});
