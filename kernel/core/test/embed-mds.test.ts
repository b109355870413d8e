import { strict as assert } from "assert";
import { embed, EigenlabError, Matrix } from "../src";
import { peerMatrix, runPython } from "../../../test/util/peer";
import { assertBelow } from "../../../test/util/math";

/** Euclidean distance matrix of the rows of X. */
function distances(X: Matrix): Matrix {
  const n = X.rows;
  const d = X.cols;
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (X.data[i * d + k] - X.data[j * d + k]) ** 2;
      D[i * n + j] = Math.sqrt(s);
    }
  }
  return new Matrix(n, n, D);
}

describe("embed.mds", function () {
  this.timeout(60_000);

  it("mds(D, { dim: 3 }) of 3-D points reproduces every distance (dense eigh, n = 80; eigsh, n = 400)", () => {
    for (const n of [80, 400]) {
      const D = distances(Matrix.random(n, 3, { seed: n }));
      const E = embed.mds(D, { dim: 3 });
      const back = distances(E.coords);
      let worst = 0;
      for (let i = 0; i < n * n; i++) worst = Math.max(worst, Math.abs(back.data[i] - D.data[i]));
      assertBelow(worst, 1e-8, `n = ${n}: distances of the embedding`);
      // Centred: the double-centred Gram matrix puts the mean at the origin.
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += E.coords.get(i, c);
        assertBelow(Math.abs(s / n), 1e-9, `n = ${n}: column ${c} mean`);
      }
    }
  });

  it("mds(D, { dim: 2 }) eigenvalues match numpy's −½JD²J for a non-Euclidean D (descending, negatives clipped)", () => {
    const n = 60;
    const X = Matrix.random(n, 5, { seed: 9 });
    // City-block distances are not Euclidean: B has negative eigenvalues too.
    const D = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < 5; k++) D[i * n + j] += Math.abs(X.get(i, k) - X.get(j, k));
    const Dm = new Matrix(n, n, D);
    const E = embed.mds(Dm, { dim: 2 });
    const peer = runPython(
      `J = np.eye(D.shape[0]) - 1.0 / D.shape[0]
B = -0.5 * J @ (D ** 2) @ J
w, V = np.linalg.eigh(B)
out = {"top": w[::-1][:2], "min": w[0], "X": V[:, ::-1][:, :2] * np.sqrt(w[::-1][:2])}`,
      { D: peerMatrix(Dm) },
    );
    assert.ok(peer.min < 0, "city-block distances give a negative eigenvalue");
    assertBelow(Math.abs(E.eigenvalues![0] - peer.top[0]) / peer.top[0], 1e-10, "first eigenvalue");
    assertBelow(Math.abs(E.eigenvalues![1] - peer.top[1]) / peer.top[0], 1e-10, "second eigenvalue");
    // Coordinates agree up to the sign of each column.
    for (let c = 0; c < 2; c++) {
      const sign = Math.sign(E.coords.get(0, c)) === Math.sign(peer.X[0][c]) ? 1 : -1;
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(E.coords.get(i, c) - sign * peer.X[i][c]));
      assertBelow(worst, 1e-8, `column ${c}`);
    }
  });

  it("bad input throws EigenlabError saying what to do", () => {
    const D = distances(Matrix.random(5, 2, { seed: 1 }));
    assert.throws(() => embed.mds(D, {} as never), /dim/);
    assert.throws(() => embed.mds(D, { dim: 5 }), /dim = 5/);
    assert.throws(() => embed.mds(Matrix.zeros(3, 4), { dim: 1 }), /square/);
    assert.throws(() => embed.mds(new Matrix(2, 2, Float64Array.from([0, NaN, NaN, 0])), { dim: 1 }), EigenlabError);
    assert.throws(() => embed.mds(D, { dim: 2, metric: "x" } as never), /unknown option/);
  });
});
