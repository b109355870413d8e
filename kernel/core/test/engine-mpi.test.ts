/**
 * linalg.eigsh / linalg.svd with engine: mpi(...) — SLEPc under `mpirun -np 2` on this machine (loopback only)
 * against our own solvers on the same input: eigenvalues to 1e-10 relative, eigenvectors up to sign with small
 * explicit residuals, shift-invert, the generalized problem, the partial SVD; then bad engine options and a
 * missing mpirun / slepc4py / host, each a clear EigenlabError.
 *
 * SLOW: the suites marked "[slow: mpirun]" start MPI jobs (about 1–3 s each on 2 cores).
 */
import { strict as assert } from "assert";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { ConvergenceError, CsrMatrix, data, EigenlabError, graph, linalg, linearOperator, Matrix, mpi, Spectrum } from "../src";

function errorOf(f: () => unknown): EigenlabError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof EigenlabError, `expected an EigenlabError, got ${String(e)}`);
    return e;
  }
  assert.fail("expected an error");
}

/** Column j of a Matrix. */
function col(M: Matrix, j: number): Float64Array {
  return Float64Array.from({ length: M.rows }, (_, i) => M.get(i, j));
}

function residual(A: CsrMatrix, x: Float64Array, lam: number, B?: CsrMatrix): number {
  const Ax = A.matvec(x);
  const Bx = B ? B.matvec(x) : x;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (Ax[i] - lam * Bx[i]) ** 2;
  return Math.sqrt(s);
}

/** |cos| of the angle between two vectors in the B inner product (1 = equal up to sign). */
function alignment(x: Float64Array, y: Float64Array, B?: CsrMatrix): number {
  const By = B ? B.matvec(y) : y;
  const Bx = B ? B.matvec(x) : x;
  let xy = 0, xx = 0, yy = 0;
  for (let i = 0; i < x.length; i++) {
    xy += x[i] * By[i];
    xx += x[i] * Bx[i];
    yy += y[i] * By[i];
  }
  return Math.abs(xy) / Math.sqrt(xx * yy);
}

/** Our pairs and SLEPc's agree: values to rtol·max(|λ|, ‖A‖·1e-3), vectors up to sign, small residuals. */
function assertSameSpectrum(ours: Spectrum, theirs: Spectrum, A: CsrMatrix, norm: number, B?: CsrMatrix, rtol = 1e-10): void {
  assert.equal(theirs.values.length, ours.values.length);
  for (let i = 0; i < ours.values.length; i++) {
    const a = ours.values[i];
    const b = theirs.values[i];
    assert.ok(Math.abs(a - b) <= rtol * Math.max(Math.abs(a), 1e-3 * norm), `λ${i}: ours ${a}, SLEPc ${b}`);
    const x = col(theirs.vectors, i);
    assert.ok(residual(A, x, b, B) <= 1e-8 * norm, `‖Ax − λBx‖ of SLEPc's pair ${i}: ${residual(A, x, b, B)}`);
    assert.ok(Math.abs(theirs.residuals[i] - residual(A, x, b, B)) <= 1e-12 * norm);
    // Eigenvectors of simple eigenvalues agree up to sign.
    const gapOk = (i === 0 || a - ours.values[i - 1] > 1e-6 * norm) && (i === ours.values.length - 1 || ours.values[i + 1] - a > 1e-6 * norm);
    if (gapOk) assert.ok(alignment(col(ours.vectors, i), x, B) > 1 - 1e-8, `vector ${i}: |cos| ${alignment(col(ours.vectors, i), x, B)}`);
  }
}

describe("linalg.eigsh / linalg.svd with engine: mpi({ np: 2 }) (SLEPc) [slow: mpirun]", function () {
  this.timeout(120000);
  // A connected 10-NN graph on overlapping blobs: n = 2000, a few distinct small eigenvalues.
  const { X } = data.blobs({ n: 2000, k: 4, d: 8, std: 1, box: [-1.5, 1.5], seed: 1 });
  const W = graph.symmetrize(graph.knn(X, { k: 10 }), "mean");
  const L = graph.laplacian(W);
  const norm = linalg.eigsh(L, { k: 1, which: "LA" }).values[0];
  const engine = mpi({ np: 2 });

  it("eigsh(L, { k: 6, which: 'SA', engine }) equals our eigsh to 1e-10 relative, vectors up to sign", () => {
    const ours = linalg.eigsh(L, { k: 6, which: "SA" });
    const theirs = linalg.eigsh(L, { k: 6, which: "SA", engine });
    assertSameSpectrum(ours, theirs, L, norm);
    assert.ok(theirs instanceof Spectrum);
    assert.equal(theirs.meta.processes, 2);
    assert.deepEqual(theirs.meta.hosts, ["localhost"]);
    assert.match(theirs.meta.engine as string, /^SLEPc 3\.\d+\.\d+ \(PETSc 3\.\d+\.\d+\) under mpirun, 2 processes on localhost$/);
    assert.equal(theirs.meta.solver, "eigsh:slepc-krylovschur");
    assert.equal(theirs.meta.backend, "mpi");
  });

  it("eigsh(L, { k: 4, which: 'LA', engine }) equals our eigsh at the top of the spectrum", () => {
    assertSameSpectrum(linalg.eigsh(L, { k: 4, which: "LA" }), linalg.eigsh(L, { k: 4, which: "LA", engine }), L, norm);
  });

  it("eigsh(L, { k: 5, sigma, engine }) (shift-invert, MUMPS) finds the eigenvalues nearest sigma as ours does", () => {
    const sigma = 0.37 * norm;
    const ours = linalg.eigsh(L, { k: 5, sigma });
    const theirs = linalg.eigsh(L, { k: 5, sigma, engine });
    assertSameSpectrum(ours, theirs, L, norm);
    assert.equal(theirs.meta.solver, "eigsh:slepc-krylovschur+sinvert");
    assert.equal(theirs.meta.sigma, sigma);
  });

  it("eigsh(L, { k: 5, which: 'SA', B: D, engine }) solves the generalized problem L x = λ D x as ours (B-normalized)", () => {
    const deg = Float64Array.from({ length: W.rows }, (_, i) => {
      let s = 0;
      for (let p = W.indptr[i]; p < W.indptr[i + 1]; p++) s += W.values[p];
      return s;
    });
    const D = CsrMatrix.diag(deg);
    const ours = linalg.eigsh(L, { k: 5, which: "SA", B: D });
    const theirs = linalg.eigsh(L, { k: 5, which: "SA", B: D, engine });
    assertSameSpectrum(ours, theirs, L, norm, D);
    for (let i = 0; i < 5; i++) {
      const x = col(theirs.vectors, i);
      const Dx = D.matvec(x);
      assert.ok(Math.abs(x.reduce((s, v, j) => s + v * Dx[j], 0) - 1) < 1e-12, "xᵀ D x = 1");
    }
  });

  it("eigsh(L, { k: 3, sigma, B, engine }) with a non-diagonal SPD B matches ours", () => {
    // A smaller graph: our own shift-invert with a non-diagonal B factors A − σB by sparse LDLᵀ, which fills in
    // on a kNN graph (≈ 40 s at n = 2000 on the loaded 2-core test machine; SLEPc's MUMPS took 2 s).
    const small = graph.laplacian(graph.symmetrize(graph.knn(data.blobs({ n: 500, k: 4, d: 8, std: 1, box: [-1.5, 1.5], seed: 2 }).X, { k: 10 }), "mean"));
    const smallNorm = linalg.eigsh(small, { k: 1, which: "LA" }).values[0];
    // A tridiagonal, strictly diagonally dominant (so positive definite) B.
    const n = small.rows;
    const ii: number[] = [], jj: number[] = [], vv: number[] = [];
    for (let i = 0; i < n; i++) {
      ii.push(i);
      jj.push(i);
      vv.push(2 + (i % 3));
      if (i + 1 < n) {
        ii.push(i, i + 1);
        jj.push(i + 1, i);
        vv.push(-0.5, -0.5);
      }
    }
    const B = CsrMatrix.fromTriplets(n, n, ii, jj, vv);
    const sigma = 0.2 * smallNorm;
    assertSameSpectrum(linalg.eigsh(small, { k: 3, sigma, B }), linalg.eigsh(small, { k: 3, sigma, B, engine }), small, smallNorm, B);
  });

  it("svd(A, { k: 5, engine }) equals our svd: singular values to 1e-10, singular vectors up to sign", () => {
    let s = 11;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const ri: number[] = [], ci: number[] = [], v: number[] = [];
    for (let i = 0; i < 300; i++) {
      for (let j = 0; j < 200; j++) {
        if (rnd() < 0.05) {
          ri.push(i);
          ci.push(j);
          v.push(rnd() - 0.5 + (i % 7 === j % 7 ? 1 : 0));
        }
      }
    }
    const A = CsrMatrix.fromTriplets(300, 200, ri, ci, v);
    const ours = linalg.svd(A.toDense());
    const theirs = linalg.svd(A, { k: 5, engine });
    assert.equal(theirs.s.length, 5);
    assert.deepEqual(theirs.U.shape, [300, 5]);
    assert.deepEqual(theirs.V.shape, [200, 5]);
    for (let j = 0; j < 5; j++) {
      assert.ok(Math.abs(theirs.s[j] - ours.s[j]) <= 1e-10 * ours.s[0], `σ${j}: ${theirs.s[j]} vs ${ours.s[j]}`);
      assert.ok(alignment(col(theirs.U, j), col(ours.U, j)) > 1 - 1e-8);
      assert.ok(alignment(col(theirs.V, j), col(ours.V, j)) > 1 - 1e-8);
    }
    assert.equal(theirs.meta.solver, "svd:slepc-trlanczos");
    assert.equal(theirs.meta.processes, 2);
  });

  it("eigsh(L, { maxIter: 1, engine }) throws ConvergenceError with SLEPc's reason and the converged part", () => {
    const e = errorOf(() => linalg.eigsh(L, { k: 6, which: "SA", maxIter: 1, ncv: 12, engine }));
    assert.ok(e instanceof ConvergenceError);
    assert.equal(e.code, "no-convergence");
    assert.match(e.message, /SLEPc: DIVERGED_ITS/);
    assert.ok(e.values.length < 6);
  });
});

describe("mpi engine errors", function () {
  this.timeout(60000);
  const L = graph.laplacian(graph.fromEdges(10, Array.from({ length: 9 }, (_, i) => [i, i + 1])));

  it("mpi(bad options) names the option", () => {
    assert.equal(errorOf(() => mpi({ np: 0 })).code, "bad-option");
    assert.equal(errorOf(() => mpi({ np: 1.5 })).code, "bad-option");
    assert.equal(errorOf(() => mpi({ nproc: 2 } as never)).code, "unknown-option");
    assert.match(errorOf(() => mpi({ hosts: "no such file; rm -rf" })).message, /hostfile path, a comma-separated host list/);
    assert.equal(errorOf(() => mpi({ hosts: [] })).code, "bad-option");
    assert.match(errorOf(() => mpi({ workdir: "/no/such/folder/eigenlab" })).message, /working directory \/no\/such\/folder\/eigenlab \(no such folder\)/);
    assert.equal(errorOf(() => mpi({ mpiArgs: "--oversubscribe" as never })).code, "bad-option");
    assert.equal(errorOf(() => mpi({ timeout: -1 })).code, "bad-option");
  });

  it("eigsh / svd refuse a non-engine, local-only options and matrix-free input with an engine", () => {
    assert.match(errorOf(() => linalg.eigsh(L, { k: 2, engine: "mpi" as never })).message, /engine must be an engine object such as mpi/);
    assert.match(errorOf(() => linalg.eigsh(L, { k: 2, seed: 1, engine: mpi() })).message, /"seed" belongs to the built-in solver/);
    assert.match(errorOf(() => linalg.eigsh(L, { k: 2, method: "lobpcg", engine: mpi() })).message, /"method"/);
    assert.match(errorOf(() => linalg.eigsh(L, { k: 2, sigma: 1, which: "SA", engine: mpi() })).message, /nearest sigma \(which "LM"\)/);
    const op = linearOperator([10, 10], (x: Float64Array) => L.matvec(x));
    assert.equal(errorOf(() => linalg.eigsh(op, { k: 2, engine: mpi() })).code, "bad-input");
    assert.match(errorOf(() => linalg.svd(L, { k: 2, method: "lanczos", engine: mpi() })).message, /"method"/);
    assert.equal(errorOf(() => linalg.eigsh(L, { k: 20, engine: mpi() })).code, "k-too-large");
  });

  it("eigsh with mpi() and no mpirun on PATH says to install openmpi-bin", () => {
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent-eigenlab-bin";
    try {
      const e = errorOf(() => linalg.eigsh(L, { k: 2, which: "SA", engine: mpi({ np: 2 }) }));
      assert.equal(e.code, "engine-unavailable");
      assert.match(e.message, /cannot start mpirun \(not found on PATH\).*apt-get install openmpi-bin/);
    } finally {
      process.env.PATH = path;
    }
  });

  describe("[slow: mpirun]", () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), "eigenlab-mpi-err-"));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("eigsh with a python lacking slepc4py says to install python3-slepc4py-real", () => {
      // A python whose slepc4py import fails (a module of that name that raises), as on a host without it.
      mkdirSync(join(dir, "fake"));
      writeFileSync(join(dir, "fake", "slepc4py.py"), "raise ImportError('No module named slepc4py')\n");
      const py = join(dir, "python-no-slepc");
      writeFileSync(py, `#!/bin/sh\nPYTHONPATH=${join(dir, "fake")} exec /usr/bin/python3 "$@"\n`);
      chmodSync(py, 0o755);
      const e = errorOf(() => linalg.eigsh(L, { k: 2, which: "SA", engine: mpi({ np: 2, python: py }) }));
      assert.equal(e.code, "engine-unavailable");
      assert.match(e.message, /SLEPc is not available to the MPI processes: slepc4py\/petsc4py could not be imported .*python3-slepc4py-real/s);
    });

    it("eigsh with mpi({ np: 3 }) runs more ranks than this machine's cores (oversubscribed) and agrees", () => {
      const S = linalg.eigsh(L, { k: 3, which: "SA", engine: mpi({ np: 3 }) });
      assert.equal(S.meta.processes, 3);
      const ours = linalg.eigsh(L, { k: 3, which: "SA" });
      for (let i = 0; i < 3; i++) assert.ok(Math.abs(S.values[i] - ours.values[i]) < 1e-12 * 4);
    });

    it("eigsh on an unreachable host passes on mpirun's own reason", () => {
      const e = errorOf(() => linalg.eigsh(L, { k: 2, which: "SA", engine: mpi({ np: 2, hosts: "eigenlab-unreachable-host.invalid", timeout: 60 }) }));
      assert.equal(e.code, "engine-failed");
      assert.match(e.message, /mpirun failed \(exit status \d+\)/);
      assert.match(e.message, /Could not resolve hostname|unable to reliably start/);
      assert.match(e.message, /reachable without a password/);
    });

    it("eigsh with an indefinite B carries SLEPc's own message", () => {
      const e = errorOf(() => linalg.eigsh(L, { k: 2, which: "SA", B: CsrMatrix.diag(new Float64Array(10).fill(-1)), engine: mpi({ np: 2 }) }));
      assert.equal(e.code, "engine-failed");
      assert.match(e.message, /^SLEPc failed: PETSc\/SLEPc error \d+: .*The inner product is not well defined: indefinite matrix/);
      assert.doesNotMatch(e.message, /\(\) at /);
    });
  });
});
