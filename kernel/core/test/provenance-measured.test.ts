import { strict as assert } from "assert";
import { CsrMatrix, graph, linalg, Matrix } from "../src";
import { eigenpairs } from "../src/graph/eigenpairs";

/** Provenance says only what was measured (issue #18): no "0 iterations" or "max residual 0" from a direct solver. */
describe("provenance figures are measured or absent", () => {
  const A = Matrix.from([
    [4, 1, 0],
    [1, 3, 1],
    [0, 1, 2],
  ]);

  it("linalg.eigh(A).toString() names no iteration count and no residual, and meta has none", () => {
    const S = linalg.eigh(A);
    assert.equal(S.residuals.length, 0);
    assert.doesNotMatch(S.toString(), /iteration|residual/);
    assert.equal(S.meta.residualNorms, undefined);
    assert.equal(S.meta.iterations, undefined);
  });

  it("linalg.eigh(A, {residuals: true}) reports max ‖Av − λv‖ as computed, in toString and meta.residualNorms", () => {
    const S = linalg.eigh(A, { residuals: true });
    let max = 0;
    for (let j = 0; j < 3; j++) {
      const v = S.vectors.col(j);
      const Av = A.matvec(v);
      let s = 0;
      for (let i = 0; i < 3; i++) s += (Av[i] - S.values[j] * v[i]) ** 2;
      max = Math.max(max, Math.sqrt(s));
    }
    assert.ok(max < 1e-13);
    assert.ok(Math.abs(Math.max(...S.meta.residualNorms!) - max) <= 1e-15 + 1e-6 * max);
    assert.match(S.toString(), new RegExp(`max residual ${Math.max(...S.residuals).toExponential(2).replace("+", "\\+")}\\.$`));
    assert.doesNotMatch(S.toString(), /iteration/);
  });

  it("graph eigenpairs from the dense path (small graphs) carry no made-up zero residuals", () => {
    const W = CsrMatrix.fromTriplets(4, 4, [0, 1, 1, 2, 2, 3], [1, 0, 2, 1, 3, 2], [1, 1, 1, 1, 1, 1]);
    const L = graph.laplacian(W, { kind: "sym" });
    const S = eigenpairs(L, { k: 2, which: "SA", seed: 0 });
    assert.equal(S.residuals.length, 0);
    assert.doesNotMatch(S.toString(), /iteration|residual/);
    // An iterative solver measures both.
    const T = linalg.eigsh(L, { k: 2, which: "SA", seed: 0 });
    assert.equal(T.residuals.length, 2);
    assert.match(T.toString(), /max residual/);
  });
});
