import { strict as assert } from "assert";
import { data, EigenlabError, Embedding, Matrix, VERSION } from "../src";

const meta = { solver: "test", backend: "cpu", precision: "float64" as const, version: VERSION, inputShape: [4, 2] };

describe("Embedding label names", () => {
  const coords = new Matrix(4, 2, Float64Array.from([0, 0, 1, 0, 0, 1, 1, 1]));

  it("withLabels(labels, names) keeps the names beside the labels; withLabels(labels) carries none", () => {
    const e = new Embedding({ coords, meta });
    const named = e.withLabels(Int32Array.from([0, 2, 1, 2]), ["a", "b", "c"]);
    assert.deepEqual(Array.from(named.labels!, (k) => named.labelNames![k]), ["a", "c", "b", "c"]);
    assert.equal(named.coords, coords);
    assert.equal(named.withLabels(Int32Array.from([0, 0, 1, 1])).labelNames, undefined);
    // A copy: mutating the caller's array does not rename the embedding's labels.
    const names = ["x", "y"];
    const e2 = e.withLabels(Int32Array.from([0, 1, 1, 0]), names);
    names[0] = "changed";
    assert.deepEqual(e2.labelNames, ["x", "y"]);
  });

  it("withLabels(labels, too few names) and new Embedding({ labelNames without labels }) throw EigenlabError saying what to pass", () => {
    const e = new Embedding({ coords, meta });
    assert.throws(
      () => e.withLabels(Int32Array.from([0, 1, 2, 3]), ["a", "b", "c"]),
      (err: unknown) => err instanceof EigenlabError && err.code === "label-names" && /3 names but the labels go up to 3, which needs 4/.test(err.message),
    );
    assert.throws(() => new Embedding({ coords, labelNames: ["a"], meta }), (err: unknown) => err instanceof EigenlabError && /Pass the labels too/.test(err.message));
    // Negative codes (noise) need no name; extra names are allowed.
    assert.deepEqual(e.withLabels(Int32Array.from([-1, 0, 0, 1]), ["a", "b", "c"]).labelNames, ["a", "b", "c"]);
  });

  it("withLabels(data.iris().labels, labelNames) names the three species", () => {
    const iris = data.iris();
    const e = new Embedding({ coords: iris.X, meta }).withLabels(iris.labels, iris.labelNames);
    assert.deepEqual([0, 50, 100].map((i) => e.labelNames![e.labels![i]]), ["setosa", "versicolor", "virginica"]);
  });
});
