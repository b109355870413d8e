/**
 * Results leaving the notebook: io.write(path.npz, result) is opened by np.load with the numbers bit-exact
 * and `meta` as JSON; io.readResult / io.read give the same object back. Writes are atomic: a failure at any
 * step leaves the previous file intact and no temporary behind.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { cluster, Clustering, data, EigenlabError, embed, Embedding, io, linalg, Matrix, rmt, Spectrum } from "../src";
import { runPython } from "../../../test/util/peer";

const hexOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");

const PY_LOAD = `
res = {}
for f in FILES.split(","):
    z = np.load(os.path.join(DIR, f))
    res[f] = {"files": sorted(z.files), "kind": str(z["kind"]), "meta": json.loads(str(z["meta"])),
              "arrays": {k: [z[k].dtype.str, list(z[k].shape), z[k].tobytes().hex()] for k in z.files if z[k].dtype.kind != 'U'}}
out["res"] = res
`;

describe("io results: write(path.npz, result) for numpy, and back", function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(join(tmpdir(), "eigenlab-io-res-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("write(path.npz, Spectrum | Embedding | Clustering | rmt fits) is read by np.load bit-exact, with meta as JSON", () => {
    const A = Matrix.random(20, 20, { seed: 3 });
    const S = linalg.eigh(A.add(A.T));
    const karate = data.karateClub();
    const E = embed.spectral(karate.graph, { dim: 2, seed: 1 });
    const C = cluster.spectral(karate.graph, { k: 2, seed: 0 });
    const K = cluster.kmeans(data.blobs({ n: 60, k: 3, seed: 2 }).X, { k: 3, seed: 0 });
    const X = Matrix.random(300, 100, { seed: 4 });
    const mp = rmt.fitMarchenkoPastur(X);
    const pl = rmt.powerLawFit(Float64Array.from({ length: 500 }, (_, i) => Math.pow(1 - (i + 0.5) / 500, -1 / 1.5)));
    const results: Record<string, object> = { "s.npz": S, "e.npz": E, "c.npz": C, "k.npz": K, "mp.npz": mp, "pl.npz": pl };
    for (const [f, r] of Object.entries(results)) io.write(join(dir, f), r);
    io.write(join(dir, "sc.npz"), S, { compressed: true });
    const out = runPython(PY_LOAD, { DIR: dir, FILES: [...Object.keys(results), "sc.npz"].join(",") });
    const r = out.res;
    for (const f of ["s.npz", "sc.npz"]) {
      assert.equal(r[f].kind, "spectrum");
      assert.deepEqual(r[f].files, ["converged", "iterations", "kind", "meta", "residuals", "values", "vectors"]);
      assert.deepEqual(r[f].arrays.values, ["<f8", [20], hexOf(S.values)]);
      assert.deepEqual(r[f].arrays.vectors, ["<f8", [20, 20], hexOf(S.vectors.data)]);
      assert.deepEqual(r[f].arrays.iterations.slice(0, 2), ["<i8", []]);
      assert.deepEqual(r[f].meta, JSON.parse(JSON.stringify(S.meta)));
    }
    assert.equal(r["e.npz"].kind, "embedding");
    assert.deepEqual(r["e.npz"].arrays.coords, ["<f8", [34, 2], hexOf(E.coords.data)]);
    assert.equal(r["e.npz"].meta.solver, E.meta.solver);
    assert.deepEqual(r["c.npz"].arrays.labels, ["<i4", [34], hexOf(C.labels)]);
    assert.ok(r["c.npz"].files.includes("embedding_coords"));
    assert.deepEqual(r["k.npz"].arrays.inertia, ["<f8", [], hexOf(new Float64Array([K.inertia as number]))]);
    assert.equal(r["mp.npz"].kind, "marchenko-pastur-fit");
    assert.deepEqual(r["mp.npz"].arrays.sigma2, ["<f8", [], hexOf(new Float64Array([mp.sigma2]))]);
    assert.deepEqual(r["mp.npz"].arrays.eigenvalues, ["<f8", [mp.eigenvalues.length], hexOf(mp.eigenvalues)]);
    assert.deepEqual(r["pl.npz"].arrays.candidates_ks[2], hexOf(pl.candidates.ks));
  });

  it("readResult / read give back the same Spectrum, Embedding, Clustering and fits (bit-exact, meta equal)", () => {
    const A = Matrix.random(10, 10, { seed: 5 });
    const S = linalg.eigh(A.add(A.T));
    io.write(join(dir, "rs.npz"), S);
    const S2 = io.readResult(join(dir, "rs.npz"));
    assert.ok(S2 instanceof Spectrum);
    assert.equal(hexOf(S2.values), hexOf(S.values));
    assert.equal(hexOf(S2.vectors.data), hexOf(S.vectors.data));
    assert.equal(hexOf(S2.residuals), hexOf(S.residuals));
    assert.equal(S2.iterations, S.iterations);
    assert.deepEqual(S2.meta, JSON.parse(JSON.stringify(S.meta)));
    const karate = data.karateClub();
    const C = cluster.spectral(karate.graph, { k: 2, seed: 0 });
    io.write(join(dir, "rc.npz"), C);
    const C2 = io.read(join(dir, "rc.npz")) as Clustering;
    assert.ok(C2 instanceof Clustering);
    assert.deepEqual(Array.from(C2.labels), Array.from(C.labels));
    assert.equal(C2.k, 2);
    assert.equal(hexOf(C2.embedding!.coords.data), hexOf(C.embedding!.coords.data));
    const E = new Embedding({ coords: Matrix.from([[1, 2]]), labels: Int32Array.from([0]), meta: S.meta });
    const E2 = io.readResult(io.encodeNpz({ kind: "embedding", meta: JSON.stringify(E.meta), coords: E.coords, labels: E.labels! })) as Embedding;
    assert.deepEqual(E2.coords.toArray(), [[1, 2]]);
    const mp = rmt.fitMarchenkoPastur(Matrix.random(200, 40, { seed: 6 }));
    io.write(join(dir, "rmp.npz"), mp);
    const mp2 = io.readResult(join(dir, "rmp.npz")) as rmt.MarchenkoPasturFit;
    assert.ok(mp2 instanceof rmt.MarchenkoPasturFit);
    assert.equal(mp2.law.lambdaPlus, mp.law.lambdaPlus);
    assert.equal(mp2.toString(), mp.toString());
    const pl = rmt.powerLawFit(Float64Array.from({ length: 200 }, (_, i) => 1 / (1 - (i + 0.5) / 200)));
    io.write(join(dir, "rpl.npz"), pl);
    const pl2 = io.readResult(join(dir, "rpl.npz")) as rmt.PowerLawFit;
    assert.equal(pl2.alpha, pl.alpha);
    assert.equal(pl2.nTail, pl.nTail);
  });

  it("a result written by numpy with the same members reads as that result (the layout is the contract)", () => {
    runPython(
      `np.savez(os.path.join(DIR, "py.npz"), kind=np.array("embedding"), meta=np.array(json.dumps({"solver": "umap", "backend": "python", "precision": "float64", "version": "x", "inputShape": [3, 5]})), coords=np.arange(6.0).reshape(3, 2), labels=np.array([0, 1, 1], dtype=np.int32))`,
      { DIR: dir },
    );
    const E = io.read(join(dir, "py.npz")) as Embedding;
    assert.ok(E instanceof Embedding);
    assert.equal(E.meta.solver, "umap");
    assert.deepEqual(E.coords.toArray(), [[0, 1], [2, 3], [4, 5]]);
  });
});

describe("io writes are atomic", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(join(tmpdir(), "eigenlab-io-atomic-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function withPatched<K extends "fsyncSync" | "renameSync" | "writeSync">(name: K, impl: (typeof fs)[K], run: () => void): void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the mutable CommonJS fs object node-fs.ts calls through (an ES namespace import is frozen)
    const mod = require("fs") as typeof fs; // the same object node-fs.ts calls through
    const orig = mod[name];
    (mod as unknown as Record<string, unknown>)[name] = impl;
    try {
      run();
    } finally {
      (mod as unknown as Record<string, unknown>)[name] = orig;
    }
  }

  for (const step of ["writeSync", "fsyncSync", "renameSync"] as const) {
    it(`write(path, value) failing at ${step} leaves the previous file intact and no temporary file`, () => {
      const path = join(dir, `good-${step}.npy`);
      io.write(path, Float64Array.from([1, 2, 3]));
      const before = fs.readFileSync(path);
      const failure = () => {
        throw Object.assign(new Error("EIO: i/o error (simulated)"), { code: "EIO" });
      };
      withPatched(step, failure as never, () => {
        assert.throws(
          () => io.write(path, Float64Array.from({ length: 100000 }, (_, k) => k)),
          (e: unknown) => e instanceof EigenlabError && e.code === "io-fs" && e.message.includes(path) && /Nothing was replaced/.test(e.message),
        );
      });
      assert.deepEqual(fs.readFileSync(path), before);
      assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes(`good-${step}`)), [`good-${step}.npy`]);
    });
  }

  it("write keeps the replaced file's permissions and leaves only the target in its folder", () => {
    const path = join(dir, "perm.mtx");
    io.write(path, Matrix.eye(2));
    fs.chmodSync(path, 0o640);
    io.write(path, Matrix.eye(3));
    assert.equal(fs.statSync(path).mode & 0o777, 0o640);
    assert.equal((io.read(path) as Matrix).rows, 3);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes("perm")), ["perm.mtx"]);
  });
});
