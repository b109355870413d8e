import { strict as assert } from "assert";
import { EigenlabError, Matrix, ot, Rng } from "../src";
import { peerMatrix, runPython } from "../../../test/util/peer";
import { assertBelow, maxRelDiff } from "../../../test/util/math";

function problem(n: number, m: number, seed: number) {
  const rng = new Rng(seed);
  const x = Array.from({ length: n }, () => [rng.normal(), rng.normal()]);
  const y = Array.from({ length: m }, () => [rng.normal() + 1, rng.normal()]);
  const C = Matrix.from(x.map((p) => y.map((q) => (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2)));
  const norm = (v: number[]) => {
    const s = v.reduce((u, w) => u + w, 0);
    return Float64Array.from(v, (w) => w / s);
  };
  return { a: norm(Array.from({ length: n }, () => 0.5 + rng.uniform())), b: norm(Array.from({ length: m }, () => 0.5 + rng.uniform())), C };
}

describe("ot.sinkhorn", function () {
  this.timeout(60_000);

  it("sinkhorn(a, b, C, { epsilon: 0.5 }) matches a dense scaling-Sinkhorn reference and both marginals", () => {
    const { a, b, C } = problem(40, 30, 1);
    const res = ot.sinkhorn(a, b, C, { epsilon: 0.5, tol: 1e-12 });
    assert.ok(res.converged);
    const P = res.plan;
    const rows = Array.from({ length: 40 }, (_, i) => P.row(i).reduce((s, v) => s + v, 0));
    const cols = Array.from({ length: 30 }, (_, j) => P.col(j).reduce((s, v) => s + v, 0));
    assertBelow(maxRelDiff(rows, a), 1e-13, "row marginals");
    assertBelow(cols.reduce((s, v, j) => s + Math.abs(v - b[j]), 0), 1e-12, "column marginals (L1)");
    const peer = runPython(
      `K = np.exp(-C / 0.5); u = np.ones(len(a)); v = np.ones(len(b))
for _ in range(20000):
    u = a / (K @ v); v = b / (K.T @ u)
P = u[:, None] * K * v[None, :]
out = {"P": P, "cost": float((P * C).sum())}`,
      { a: { shape: [40], data: a }, b: { shape: [30], data: b }, C: peerMatrix(C) },
    );
    assertBelow(maxRelDiff(P.data, peer.P.flat()), 1e-9, "plan vs dense reference");
    assertBelow(Math.abs(res.cost - peer.cost) / peer.cost, 1e-9, "cost");
    // The marginal error history decreases (Sinkhorn converges linearly).
    const h = res.history;
    assert.ok(h[h.length - 1] < h[0]);
  });

  it("log-domain sinkhorn works at ε = 0.01 (where exp(−C/ε) underflows) and approaches the exact OT cost of linprog", () => {
    const { a, b, C } = problem(20, 25, 2);
    const res = ot.sinkhorn(a, b, C, { epsilon: 0.01, maxIter: 20000, tol: 1e-8 });
    assert.ok(res.converged, String(res));
    assert.ok(res.plan.data.every(Number.isFinite));
    const peer = runPython(
      `from scipy.optimize import linprog
n, m = C.shape
A = np.zeros((n + m, n * m))
for i in range(n): A[i, i * m:(i + 1) * m] = 1
for j in range(m): A[n + j, j::m] = 1
r = linprog(C.ravel(), A_eq=A, b_eq=np.concatenate([a, b]), bounds=(0, None), method="highs")
out = {"cost": r.fun, "underflow": bool((np.exp(-C / 0.01) == 0).any())}`,
      { a: { shape: [20], data: a }, b: { shape: [25], data: b }, C: peerMatrix(C) },
    );
    assert.equal(peer.underflow, true);
    assert.ok(res.cost >= peer.cost - 1e-9, "regularized plan costs at least the optimum");
    assertBelow((res.cost - peer.cost) / peer.cost, 1e-2, "relative gap to exact OT");
  });

  it("zero-weight entries get zero rows/columns; same input, same plan bit for bit", () => {
    const { C } = problem(4, 3, 3);
    const res = ot.sinkhorn([0.5, 0, 0.25, 0.25], [0.2, 0.8, 0], C, { epsilon: 0.1 });
    assert.deepEqual(Array.from(res.plan.row(1)), [0, 0, 0]);
    assert.deepEqual(Array.from(res.plan.col(2)), [0, 0, 0, 0]);
    assert.deepEqual(ot.sinkhorn([0.5, 0, 0.25, 0.25], [0.2, 0.8, 0], C, { epsilon: 0.1 }).plan.data, res.plan.data);
  });

  it("reports non-convergence instead of hiding it; bad input throws EigenlabError", () => {
    const { a, b, C } = problem(10, 10, 4);
    const res = ot.sinkhorn(a, b, C, { epsilon: 1e-3, maxIter: 3 });
    assert.equal(res.converged, false);
    assert.match(String(res), /NOT CONVERGED/);
    assert.throws(() => ot.sinkhorn([0.5, 0.5], b, C), /length 2/);
    assert.throws(() => ot.sinkhorn(Float64Array.from(a, (v) => 2 * v), b, C), /sum to 1/);
    assert.throws(() => ot.sinkhorn(a, b, C, { epsilon: 0 }), /epsilon/);
    assert.throws(() => ot.sinkhorn(a, b, C, { reg: 1 } as never), /unknown option/);
    assert.throws(() => ot.sinkhorn(a, b, [[1]] as never), EigenlabError);
  });
});
