import { strict as assert } from "assert";
import { data, embed, EigenlabError, graph, Matrix } from "../src";
import { peerCsr, peerMatrix, runPython } from "../../../test/util/peer";
import { assertBelow } from "../../../test/util/math";

describe("embed.spectral and embed.diffusionMap", function () {
  this.timeout(120000);
  const roll = data.swissRoll({ n: 500, noise: 0.05, seed: 2 });
  const W = graph.affinity(roll.X, { k: 10 });

  it("spectral(W, {dim}) spans the same subspace as sklearn spectral_embedding (largest principal angle ≤ 1e-6), normalized or not", () => {
    const ours = [
      embed.spectral(W, { dim: 3 }),
      embed.spectral(W, { dim: 3, normalized: false }),
      embed.spectral(W, { dim: 3, dropFirst: false }),
    ];
    const peer = runPython(
      `import scipy.sparse as sp\nfrom scipy.linalg import subspace_angles\nfrom sklearn.manifold import spectral_embedding\n` +
        `W = sp.csr_matrix((W_values, W_indices, W_indptr), shape=(W_rows, W_cols))\n` +
        `ref = [spectral_embedding(W, n_components=3, random_state=0, norm_laplacian=nl, drop_first=df) for nl, df in [(True, True), (False, True), (True, False)]]\n` +
        `out = {"angles": [float(np.max(subspace_angles(a, b))) for a, b in zip(ref, [E0, E1, E2])], "signs": [float(np.min(np.abs(np.sum(a * b, axis=0)) / (np.linalg.norm(a, axis=0) * np.linalg.norm(b, axis=0)))) for a, b in zip(ref, [E0, E1, E2])]}`,
      { ...peerCsr("W", W), E0: peerMatrix(ours[0].coords), E1: peerMatrix(ours[1].coords), E2: peerMatrix(ours[2].coords) },
    );
    peer.angles.forEach((a: number, i: number) => assertBelow(a, 1e-6, `principal angle, variant ${i}`));
    // Beyond the subspace: the same individual vectors (|cos| ≈ 1), since the eigenvalues are simple.
    peer.signs.forEach((c: number, i: number) => assertBelow(1 - c, 1e-8, `column agreement, variant ${i}`));
  });

  it("spectral embedding columns solve (D − W) x = λ D x with the reported eigenvalues", () => {
    const E = embed.spectral(W, { dim: 4 });
    const deg = W.rowSums();
    const L = graph.laplacian(W);
    for (let j = 0; j < 4; j++) {
      const x = E.coords.col(j);
      const Lx = L.matvec(x);
      let r = 0, s = 0;
      for (let i = 0; i < x.length; i++) { r += (Lx[i] - E.eigenvalues![j] * deg[i] * x[i]) ** 2; s += (deg[i] * x[i]) ** 2; }
      assertBelow(Math.sqrt(r / s), 1e-10, `generalized residual ${j}`);
    }
    for (let j = 1; j < 4; j++) assert.ok(E.eigenvalues![j] >= E.eigenvalues![j - 1]);
  });

  it("diffusionMap(W, {dim, t, alpha}) matches a numpy transcription of Coifman & Lafon 2006 and satisfies Pψ = λψ", () => {
    const E = embed.diffusionMap(W, { dim: 3, t: 2, alpha: 0.5 });
    const peer = runPython(
      `K = W.copy(); q = K.sum(1); Ka = K / np.outer(q**0.5, q**0.5); d = Ka.sum(1); S = Ka / np.sqrt(np.outer(d, d))\n` +
        `w, V = np.linalg.eigh(S); w = w[::-1]; V = V[:, ::-1]; psi = V / V[:, [0]]\n` +
        `Y = psi[:, 1:4] * w[1:4]**2\nout = {"Y": Y, "w": w[1:4]}`,
      { W: peerMatrix(W.toDense()) },
    );
    let worst = 0;
    for (let j = 0; j < 3; j++) {
      const ours = E.coords.col(j);
      const ref = peer.Y.map((row: number[]) => row[j]);
      let dot = 0;
      for (let i = 0; i < ours.length; i++) dot += ours[i] * ref[i];
      const sign = Math.sign(dot);
      let scale = 0;
      for (let i = 0; i < ours.length; i++) { worst = Math.max(worst, Math.abs(ours[i] - sign * ref[i])); scale = Math.max(scale, Math.abs(ref[i])); }
      worst /= scale;
      assertBelow(Math.abs(E.eigenvalues![j] - peer.w[j]), 1e-12, `eigenvalue ${j}`);
    }
    assertBelow(worst, 1e-8, "coordinates vs numpy");
    assert.ok(E.eigenvalues![0] >= E.eigenvalues![1] && E.eigenvalues![1] >= E.eigenvalues![2], "descending λ");
    // P = D_α^{-1} W_α applied to ψ_j = coords_j / λ_j^t gives λ_j ψ_j.
    const q = W.rowSums();
    const qa = q.map((v) => 1 / Math.sqrt(v));
    const Wa = W.scaleRowsCols(qa, qa);
    const da = Wa.rowSums();
    for (let j = 0; j < 3; j++) {
      const lam = E.eigenvalues![j];
      const psi = E.coords.col(j).map((v) => v / lam ** 2);
      const Ppsi = Wa.matvec(psi).map((v, i) => v / da[i]);
      let r = 0, s = 0;
      for (let i = 0; i < psi.length; i++) { r += (Ppsi[i] - lam * psi[i]) ** 2; s += psi[i] ** 2; }
      assertBelow(Math.sqrt(r / s), 1e-10, `Pψ = λψ for ${j}`);
    }
  });

  it("diffusion coordinate 1 of the swiss roll orders points along the roll (|Spearman ρ| with t > 0.9)", () => {
    const E = embed.diffusionMap(W, { dim: 2, alpha: 1 });
    const rank = (a: ArrayLike<number>) => {
      const o = Array.from(a, (_, i) => i).sort((p, q) => a[p] - a[q]);
      const r = new Float64Array(a.length);
      o.forEach((p, i) => (r[p] = i));
      return r;
    };
    const ra = rank(E.coords.col(0)), rb = rank(roll.t!);
    const n = ra.length;
    let s = 0;
    for (let i = 0; i < n; i++) s += (ra[i] - rb[i]) ** 2;
    const rho = 1 - (6 * s) / (n * (n * n - 1));
    assert.ok(Math.abs(rho) > 0.9, `ρ = ${rho}`);
  });

  it("a disconnected graph is an EigenlabError naming the component count and the fix", () => {
    const { X } = data.blobs({ n: 200, std: 0.3, seed: 1, centers: [[0, 0], [10, 10]] });
    const Wd = graph.affinity(X, { k: 5 });
    for (const f of [() => embed.spectral(Wd, { dim: 2 }), () => embed.diffusionMap(Wd, { dim: 2 })]) {
      assert.throws(f, (e: unknown) => e instanceof EigenlabError && e.code === "disconnected" && /2 connected components/.test(e.message) && /graph.components/.test(e.message));
    }
    assert.throws(() => embed.spectral(W, { dim: 500 }), /dim = 500/);
    assert.throws(() => embed.spectral(graph.knn(Matrix.random(20, 2, { seed: 1 }), { k: 3 }), { dim: 2 }), /not symmetric/);
  });
});
