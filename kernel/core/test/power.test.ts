import { strict as assert } from "assert";
import { ConvergenceError, EigenlabError, linalg, Matrix } from "../src";
import { assertBelow } from "../../../test/util/math";
import { symmetricWithSpectrum } from "../../../test/util/dense";

describe("linalg.powerIteration", () => {
  it("powerIteration(A) finds the largest-magnitude eigenpair of a symmetric matrix (λ = −9 beats 5)", () => {
    const lambda = [-9, 5, 3, 1, 0.5, 0.1, -2, 2];
    const A = symmetricWithSpectrum(lambda, 3);
    const r = linalg.powerIteration(A, { tol: 1e-12, maxIter: 5000, seed: 1 });
    assert.ok(Math.abs(r.value + 9) < 1e-10, `value ${r.value}`);
    const Av = A.matvec(r.vector);
    let res = 0;
    for (let i = 0; i < 8; i++) res = Math.max(res, Math.abs(Av[i] - r.value * r.vector[i]));
    assertBelow(res / 9, 1e-11, "‖Av − λv‖/|λ|");
    assert.equal(r.history.length, r.iterations);
    const again = linalg.powerIteration(A, { tol: 1e-12, maxIter: 5000, seed: 1 });
    assert.deepEqual(Array.from(again.vector), Array.from(r.vector));
  });

  it("powerIteration throws ConvergenceError carrying the last iterate when |λ₂/λ₁| is close to 1", () => {
    const A = symmetricWithSpectrum([1, 0.9999, 0.5, 0.1], 2);
    assert.throws(
      () => linalg.powerIteration(A, { maxIter: 20, seed: 0 }),
      (e: unknown) => e instanceof ConvergenceError && e.values.length === 1 && /did not converge in 20 iterations/.test(e.message),
    );
  });

  it("powerIteration rejects non-square, NaN and unknown options", () => {
    assert.throws(() => linalg.powerIteration(Matrix.zeros(2, 3)), (e: unknown) => e instanceof EigenlabError && e.code === "not-square");
    assert.throws(() => linalg.powerIteration(Matrix.from([[1, NaN], [0, 1]])), /NaN/);
    assert.throws(() => linalg.powerIteration(Matrix.eye(2), { iters: 3 } as never), /unknown option "iters"/);
  });
});

describe("linalg.oja", () => {
  /** n samples from N(0, Σ) with Σ = Q diag(λ) Qᵀ: X = G diag(√λ) Qᵀ. */
  function samples(n: number, lambda: number[], seed: number): { X: Matrix; Q: Matrix } {
    const d = lambda.length;
    const Q = linalg.qr(Matrix.random(d, d, { seed: seed + 100 })).Q;
    const G = Matrix.random(n, d, { seed });
    const GL = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) GL[i * d + j] = G.data[i * d + j] * Math.sqrt(lambda[j]);
    return { X: new Matrix(n, d, GL).matmul(Q.T), Q };
  }

  it("oja(X, { k: 1 }) converges to the top principal direction of a spiked covariance", () => {
    const { X, Q } = samples(6000, [10, 1, 1, 1, 0.5, 0.5, 0.2, 0.2, 0.1, 0.1], 1);
    const r = linalg.oja(X, { k: 1, learningRate: 0.02, decay: 0.01, seed: 3, order: "shuffle", epochs: 2 });
    let c = 0;
    for (let i = 0; i < 10; i++) c += r.vectors.get(i, 0) * Q.get(i, 0);
    assert.ok(Math.abs(c) > 0.995, `|cos| to the true direction ${Math.abs(c)}`);
    assert.ok(Math.abs(r.values[0] - 10) < 1, `variance ${r.values[0]}`);
    assert.equal(r.samples, 12000);
    assert.equal(r.history.t.length, 120);
  });

  it("oja with k = 3 spans the top-3 subspace (principal angles) and agrees with eigh of the sample covariance", () => {
    const { X } = samples(8000, [9, 6, 4, 1, 0.5, 0.5, 0.3, 0.2], 2);
    const r = linalg.oja(X, { k: 3, learningRate: 0.01, decay: 0.005, seed: 5, order: "shuffle", epochs: 2 });
    const S = linalg.eigh(linalg.gram(X).scale(1 / 8000));
    const top = S.vectors.sliceCols(5, 8); // ascending: the last three
    const M = top.T.matmul(r.vectors); // cosines of principal angles = singular values of M
    const s = linalg.svd(M).s;
    assert.ok(s[2] > 0.99, `smallest principal-angle cosine ${s[2]}`);
  });

  it("oja on a stream (iterable of rows) equals oja on the same rows as a Matrix in 'given' order; same seed, same result", () => {
    const { X } = samples(500, [5, 1, 1, 0.5], 3);
    const fromMatrix = linalg.oja(X, { k: 2, seed: 9 });
    function* rows() { for (let i = 0; i < X.rows; i++) yield X.row(i); }
    const fromStream = linalg.oja(rows(), { k: 2, seed: 9 });
    assert.deepEqual(Array.from(fromStream.vectors.data), Array.from(fromMatrix.vectors.data));
  });

  it("oja(X, { order: permutation }) equals oja on the permuted rows in 'given' order", () => {
    const { X } = samples(400, [6, 2, 1, 0.5, 0.5], 4);
    const perm = Int32Array.from({ length: 400 }, (_, i) => (i * 173) % 400); // 173 is coprime to 400
    const permuted = Matrix.fromFlat(400, 5, Array.from(perm).flatMap((i) => Array.from(X.row(i))));
    const a = linalg.oja(X, { k: 2, seed: 2, order: perm, epochs: 2 });
    const b = linalg.oja(permuted, { k: 2, seed: 2, epochs: 2 });
    assert.deepEqual(Array.from(a.vectors.data), Array.from(b.vectors.data));
    assert.equal(a.meta.order, "permutation");
  });

  it("oja(X, { reference }) records ‖Wᵀr‖/‖r‖ in history.correlation, ending at the final estimate's correlation", () => {
    const { X, Q } = samples(3000, [8, 1, 1, 1, 0.5, 0.5], 5);
    const r = Q.col(0).map((x) => 3 * x); // not unit: the correlation is normalized by ‖r‖
    const one = linalg.oja(X, { k: 1, learningRate: 0.01, seed: 1, order: "shuffle", reference: r, historyEvery: 50 });
    const c = one.history.correlation!;
    assert.equal(c.length, 60);
    for (const x of c) assert.ok(x >= 0 && x <= 1 + 1e-12);
    let last = 0;
    for (let i = 0; i < 6; i++) last += one.vectors.get(i, 0) * Q.get(i, 0);
    assert.ok(Math.abs(c[59] - Math.abs(last)) < 1e-12, `${c[59]} vs |<w, q1>| = ${Math.abs(last)}`);
    assert.ok(c[59] > 0.98 && c[0] < c[59], `correlation grows to ${c[59]} from ${c[0]}`);
    // k = 2: the cosine of the angle between r and the span; no reference, no correlation history.
    const two = linalg.oja(X, { k: 2, learningRate: 0.01, seed: 1, order: "shuffle", reference: Q.col(1), historyEvery: 3000 });
    const proj = two.vectors.T.matvec(Q.col(1));
    assert.ok(Math.abs(two.history.correlation![0] - Math.hypot(...proj)) < 1e-12);
    assert.equal(linalg.oja(X, { seed: 1 }).history.correlation, undefined);
  });

  it("oja rejects bad permutations and references with a message naming what to pass", () => {
    const X = Matrix.from([[1, 2], [3, 4], [5, 6]]);
    assert.throws(() => linalg.oja(X, { order: [0, 1] }), /permutation of the row indices 0..2/);
    assert.throws(() => linalg.oja(X, { order: [0, 1, 1] }), /each exactly once/);
    assert.throws(() => linalg.oja([[1, 2]], { order: [0] }), /needs a Matrix/);
    assert.throws(() => linalg.oja(X, { reference: [1, 0, 0] }), /length 3, but the samples have dimension 2/);
    assert.throws(() => linalg.oja(X, { reference: [0, 0] }), /nonzero, finite/);
    assert.throws(() => linalg.oja([[1, 2]], { reference: [1] }), /dimension 2/);
  });

  it("oja rejects ragged rows, empty streams, k > d, bad step sizes and shuffle on a stream", () => {
    assert.throws(() => linalg.oja([[1, 2], [1, 2, 3]]), /row 1 has length 3/);
    assert.throws(() => linalg.oja([]), /empty/);
    assert.throws(() => linalg.oja([[1, 2]], { k: 3 }), /1 ≤ k ≤ 2/);
    assert.throws(() => linalg.oja([[1, 2]], { learningRate: -1 }), /positive number/);
    assert.throws(() => linalg.oja([[1, 2]], { order: "shuffle" }), /cannot be shuffled/);
    assert.throws(() => linalg.oja([[1, NaN]]), /NaN/);
    assert.throws(() => linalg.oja([[1, 2]], { lr: 1 } as never), /unknown option "lr"/);
  });
});
