/** Internal callers skip eigsh's re-validation of matrices they built (#16: check once), the public check stays. */
import { strict as assert } from "assert";
import { CsrMatrix, data, EigenlabError, graph, linalg } from "../src";
import { eigenpairs } from "../src/graph/eigenpairs";

describe("eigsh: checks once (#16 follow-up)", function () {
  this.timeout(60000);

  it("eigenpairs(L, { k: 3, which: \"SA\" }) on a 1200-node Laplacian (the skip-the-checks path) equals linalg.eigsh(L, ...) bit for bit", () => {
    const W = data.sbm({ sizes: [400, 400, 400], pIn: 0.05, pOut: 0.002, seed: 4 }).graph;
    const L = graph.laplacian(W, { kind: "sym" });
    const a = eigenpairs(L, { k: 3, which: "SA", seed: 2 });
    const b = linalg.eigsh(L, { k: 3, which: "SA", seed: 2 });
    assert.deepEqual(Array.from(a.values), Array.from(b.values));
    assert.deepEqual(Array.from(a.vectors.data), Array.from(b.vectors.data));
  });

  it("linalg.eigsh(A) still refuses a non-symmetric CsrMatrix and a NaN entry (the public check is not weakened)", () => {
    const A = CsrMatrix.fromTriplets(3, 3, [0, 1, 2, 0], [0, 1, 2, 1], [1, 2, 3, 1]);
    assert.throws(() => linalg.eigsh(A, { k: 1 }), (e: unknown) => e instanceof EigenlabError && e.code === "not-symmetric");
    const B = CsrMatrix.fromTriplets(3, 3, [0, 1, 2], [0, 1, 2], [1, NaN, 3]);
    assert.throws(() => linalg.eigsh(B, { k: 1 }), (e: unknown) => e instanceof EigenlabError && e.code === "nan");
  });
});
