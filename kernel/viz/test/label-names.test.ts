import { strict as assert } from "assert";
import { CsrMatrix, EigenlabError, Embedding, JUPYTER_DISPLAY, Matrix } from "@eigenlab/core";
import { embeddingPayload, graphPayload, PAYLOAD_MIME, readPayload, registerFormatters, toSvg, toText, toVegaLite } from "../src";
import type { EmbeddingPayload, Payload } from "../src";
import { assertCompiles, assertValidPayload } from "./schema-check";
import { blobs, meta } from "./fixtures";

const NAMES = ["setosa", "versicolor", "virginica"];

/** Three labelled blobs as an embedding whose labels are named. */
function named(): Embedding {
  const { X, labels } = blobs(90, 3);
  return new Embedding({ coords: X, meta: meta("test", [90, 2]) }).withLabels(labels, NAMES);
}

/** Every legend entry's label of an SVG (one role-legend-label group per entry, in legend order). */
function legendLabels(svg: string): string[] {
  return Array.from(svg.matchAll(/<g class="mark-text role-legend-label"[^>]*><text[^>]*>([^<]*)<\/text>/g), (m) => m[1]);
}

describe("label names in payloads, specs, SVG and text", function () {
  this.timeout(60_000);
  before(() => registerFormatters());

  it("embeddingPayload(E.withLabels(labels, names)): legend domain, data and tooltip values are the names; the SVG legend reads them", () => {
    const E = named();
    const p = embeddingPayload(E);
    assertValidPayload(p);
    assert.deepEqual(readPayload(JSON.parse(JSON.stringify(p))), JSON.parse(JSON.stringify(p)));
    assert.deepEqual(p.data.labelNames, NAMES);
    const spec = toVegaLite(p) as unknown as { encoding: { color: { field: string; type: string; scale: { domain: string[] } }; tooltip: { field: string }[] }; data: { values: { i: number; label: unknown }[] } };
    assertCompiles(spec as never);
    assert.deepEqual(spec.encoding.color.scale.domain, NAMES);
    assert.equal(spec.encoding.color.type, "nominal");
    assert.ok(spec.encoding.tooltip.some((t) => t.field === spec.encoding.color.field));
    for (const v of spec.data.values) assert.equal(v.label, NAMES[E.labels![v.i]]);
    assert.deepEqual(legendLabels(toSvg(toVegaLite(p))), NAMES);
    assert.match(toText(p), /colored by label \(setosa, versicolor, virginica\)/);
  });

  it("embeddingPayload(E) without names keeps the integer path: integer values, no scale domain, 0 1 2 in the legend", () => {
    const { X, labels } = blobs(90, 3);
    const p = embeddingPayload(new Embedding({ coords: X, labels, meta: meta("test", [90, 2]) }));
    assert.equal(p.data.labelNames, undefined);
    const spec = toVegaLite(p) as unknown as { encoding: { color: Record<string, unknown> }; data: { values: { label: unknown }[] } };
    assert.deepEqual(spec.encoding.color, { field: "label", type: "nominal", title: "label" });
    assert.ok(spec.data.values.every((v) => typeof v.label === "number"));
    assert.deepEqual(legendLabels(toSvg(toVegaLite(p))), ["0", "1", "2"]);
    assert.match(toText(p), /colored by label\. /);
  });

  it("embeddingPayload(X, { labels, labelNames }) and display(E.withLabels(labels, names)) carry the names; labels passed alone drop the embedding's names", () => {
    const { X, labels } = blobs(60, 5);
    assert.deepEqual(embeddingPayload(X, { labels, labelNames: NAMES }).data.labelNames, NAMES);
    const bundle = named()[JUPYTER_DISPLAY]();
    const p = bundle[PAYLOAD_MIME] as EmbeddingPayload;
    assertValidPayload(p);
    assert.deepEqual(p.data.labelNames, NAMES);
    assert.match(String(bundle["image/svg+xml"] ?? ""), /versicolor/);
    assert.equal(embeddingPayload(named(), { labels: new Int32Array(90) }).data.labelNames, undefined);
    assert.throws(() => embeddingPayload(X, { labels, labelNames: ["a", "b"] }), (e: unknown) => e instanceof EigenlabError && e.code === "label-names");
  });

  it("graphPayload(W, { labels, labelNames }) names the node legend and tooltips", () => {
    const W = CsrMatrix.fromDense(new Matrix(4, 4, Float64Array.from([0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0])));
    const p = graphPayload(W, { labels: Int32Array.from([0, 0, 1, 1]), labelNames: ["left", "right"], layout: "spectral" });
    assertValidPayload(p);
    readPayload(JSON.parse(JSON.stringify(p)));
    assert.deepEqual(legendLabels(toSvg(toVegaLite(p))), ["left", "right"]);
    assert.match(toText(p), /\(left, right\)/);
  });

  it("readPayload rejects labelNames of the wrong length or type, and labelNames without labels", () => {
    const p = JSON.parse(JSON.stringify(embeddingPayload(named()))) as Payload & { data: Record<string, unknown> };
    for (const bad of [["setosa", "versicolor"], [0, 1, 2], "setosa"]) {
      assert.throws(() => readPayload({ ...p, data: { ...p.data, labelNames: bad } }), (e: unknown) => e instanceof EigenlabError && /"labelNames"/.test(e.message), JSON.stringify(bad));
    }
    assert.throws(() => readPayload({ ...p, data: { ...p.data, labels: undefined } }), /"labelNames"/);
    assert.deepEqual(readPayload({ ...p, data: { ...p.data, labelNames: [...NAMES, "extra"] } }).data, { ...p.data, labelNames: [...NAMES, "extra"] });
  });
});
