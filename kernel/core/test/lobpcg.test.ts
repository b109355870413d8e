import { linalg } from "../src";
import { assertBelow, maxRelDiff } from "../../../test/util/math";
import { eigensolverChecks, assertPairs, gridLaplacian, randomSparseSpd, randomSparseSymmetric } from "./eigensolver-checks";

eigensolverChecks({ name: `eigsh(·, {method: "lobpcg"})`, options: { method: "lobpcg" }, which: ["SA", "LA"], shiftInvert: false });

describe("linalg.eigsh method lobpcg (specifics)", function () {
  this.timeout(60_000);

  it("eigsh(A, {method: 'lobpcg'}) and eigsh(A, {method: 'lanczos'}) give the same pairs (values and subspaces)", () => {
    const A = randomSparseSymmetric(300, 8, 21);
    for (const which of ["SA", "LA"] as const) {
      const a = linalg.eigsh(A, { k: 5, which, method: "lobpcg" });
      const b = linalg.eigsh(A, { k: 5, which, method: "lanczos" });
      assertBelow(maxRelDiff(a.values, b.values), 1e-10, `values ${which}`);
      // |cos| between matching eigenvectors (simple eigenvalues here).
      for (let j = 0; j < 5; j++) {
        let c = 0;
        for (let i = 0; i < 300; i++) c += a.vectors.get(i, j) * b.vectors.get(i, j);
        assertBelow(1 - Math.abs(c), 1e-8, `vector ${j} ${which}`);
      }
    }
  });

  it("eigsh(A, {method: 'lobpcg', preconditioner: Jacobi}) converges to the same pairs in fewer iterations", () => {
    const A = randomSparseSpd(400, 3);
    const d = A.diagonal();
    const plain = linalg.eigsh(A, { k: 4, which: "SA", method: "lobpcg" });
    const pre = linalg.eigsh(A, { k: 4, which: "SA", method: "lobpcg", preconditioner: d.map((x) => 1 / x) });
    assertBelow(maxRelDiff(pre.values, plain.values), 1e-10, "preconditioned values");
    assertPairs(pre, A, 1e-10 * 20);
    assertBelow(pre.iterations, plain.iterations, "preconditioned iterations");
  });

  it("eigsh(L_grid, {method: 'lobpcg'}) has ‖A‖ from a Lanczos probe, so tol is relative to the whole spectrum", () => {
    const L = gridLaplacian(10, 10);
    const S = linalg.eigsh(L, { k: 3, which: "SA", method: "lobpcg" });
    assertBelow(Math.abs((S.meta.normEstimate as number) - 8) / 8, 0.1, "‖A‖ estimate near 8");
  });
});
