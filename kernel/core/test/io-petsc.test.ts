/**
 * PETSc binary format (io/petsc.ts) against petsc4py in the same run: what we write, petsc4py's
 * Mat().load / Vec().load read bit-exact; what petsc4py's MatView / VecView write, we read bit-exact. Plus
 * round trips, the exact bytes of a small file, and malformed files refused with clear errors.
 */
import { strict as assert } from "assert";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { CsrMatrix, EigenlabError, io, Matrix } from "../src";
import { runPython } from "../../../test/util/peer";

const hexOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");

// Debian's petsc4py lives under /usr/lib/petscdir/... (see engines/slepc_driver.py): the peer adds it to sys.path.
const PETSC_PATH = `
import glob
for _d in sorted(glob.glob("/usr/lib/petscdir/petsc*/*-real/lib/python3/dist-packages"), reverse=True):
    sys.path.append(_d)
from petsc4py import PETSc
`;

function randomCsr(rows: number, cols: number, density: number, seed: number): CsrMatrix {
  let s = seed;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const ri: number[] = [];
  const ci: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (rnd() < density) {
        ri.push(i);
        ci.push(j);
        v.push((rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 20));
      }
    }
  }
  return CsrMatrix.fromTriplets(rows, cols, ri, ci, v);
}

describe("io PETSc binary format", function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "eigenlab-io-petsc-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("encodePetscBinary(Vec) writes the big-endian header 1211214, n, then float64 values", () => {
    const b = io.encodePetscBinary(Float64Array.of(1.5, -2));
    assert.equal(Buffer.from(b).toString("hex"), "00127b4e" + "00000002" + "3ff8000000000000" + "c000000000000000");
  });

  it("encodePetscBinary(CsrMatrix) writes classid 1211216, rows, cols, nnz, row lengths, columns, values", () => {
    const A = CsrMatrix.fromTriplets(2, 3, [0, 0, 1], [0, 2, 1], [1, 2, 3]);
    const hex = Buffer.from(io.encodePetscBinary(A)).toString("hex");
    assert.equal(hex, "00127b50" + "00000002" + "00000003" + "00000003" + "00000002" + "00000001" + "00000000" + "00000002" + "00000001" + "3ff0000000000000" + "4000000000000000" + "4008000000000000");
  });

  it("readPetscBinary(encodePetscBinary(x)) round-trips a CsrMatrix, a Matrix, vectors and a sequence bit-exact", () => {
    const A = randomCsr(40, 25, 0.2, 3);
    const back = io.readPetscBinary(io.encodePetscBinary(A)) as CsrMatrix;
    assert.ok(back instanceof CsrMatrix);
    assert.deepEqual([back.rows, back.cols], [40, 25]);
    assert.equal(hexOf(back.indptr), hexOf(A.indptr));
    assert.equal(hexOf(back.indices), hexOf(A.indices));
    assert.equal(hexOf(back.values), hexOf(A.values));
    const D = Matrix.from([[1, 0, -0.25], [0, 1e-300, 7]]);
    assert.deepEqual((io.readPetscBinary(io.encodePetscBinary(D)) as CsrMatrix).toDense().toArray(), D.toArray());
    const v = Float64Array.of(Math.PI, -0, 1e308, 5e-324);
    assert.equal(hexOf(io.readPetscBinary(io.encodePetscBinary(v)) as Float64Array), hexOf(v));
    const all = io.readPetscBinary(io.encodePetscBinary([A, v, v]), { all: true }) as unknown[];
    assert.equal(all.length, 3);
    assert.equal(hexOf((all[0] as CsrMatrix).values), hexOf(A.values));
    assert.equal(hexOf(all[2] as Float64Array), hexOf(v));
  });

  it("io.write / io.read pick the format from .petsc and from the magic bytes", () => {
    const A = randomCsr(10, 10, 0.3, 9);
    const p = join(dir, "a.petsc");
    io.write(p, A);
    assert.equal(hexOf((io.read(p) as CsrMatrix).values), hexOf(A.values));
    const q = join(dir, "a.dat");
    writeFileSync(q, io.encodePetscBinary(A));
    assert.equal(hexOf((io.read(q) as CsrMatrix).indices), hexOf(A.indices));
  });

  it("readPetscBinary refuses bad magic, truncated files and inconsistent headers with EigenlabErrors", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        assert.ok(e instanceof EigenlabError, String(e));
        return e.code;
      }
      return "none";
    };
    assert.equal(code(() => io.readPetscBinary(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8))), "io-magic");
    const good = io.encodePetscBinary(randomCsr(5, 5, 0.5, 1));
    assert.equal(code(() => io.readPetscBinary(good.subarray(0, good.length - 3))), "io-too-large");
    const bad = Uint8Array.from(good);
    new DataView(bad.buffer).setInt32(16, 99, false); // first row length ≠ what nnz allows
    assert.equal(code(() => io.readPetscBinary(bad)), "io-header");
    const v = io.encodePetscBinary(Float64Array.of(1, 2));
    assert.equal(code(() => io.readPetscBinary(v.subarray(0, 12))), "io-too-large");
    assert.equal(code(() => io.encodePetscBinary("x" as unknown as Float64Array)), "io-write-type");
  });

  it("petsc4py's Mat().load / Vec().load read what writePetscBinary writes, bit-exact", () => {
    const A = randomCsr(60, 45, 0.1, 7);
    const v = Float64Array.from({ length: 45 }, (_, i) => Math.sin(i) * 10 ** (i % 7));
    io.writePetscBinary(join(dir, "w.petsc"), [A, v]);
    const out = runPython(
      PETSC_PATH +
        `
viewer = PETSc.Viewer().createBinary(path, "r")
M = PETSc.Mat().load(viewer)
x = PETSc.Vec().load(viewer)
p, j, a = M.getValuesCSR()
out["size"] = list(M.getSize())
out["indptr"] = bytes(np.asarray(p, dtype="<i4")).hex()
out["indices"] = bytes(np.asarray(j, dtype="<i4")).hex()
out["values"] = bytes(np.asarray(a, dtype="<f8")).hex()
out["vec"] = bytes(np.asarray(x.getArray(), dtype="<f8")).hex()`,
      { path: join(dir, "w.petsc") },
    );
    assert.deepEqual(out.size, [60, 45]);
    assert.equal(out.indptr, hexOf(A.indptr));
    assert.equal(out.indices, hexOf(A.indices));
    assert.equal(out.values, hexOf(A.values));
    assert.equal(out.vec, hexOf(v));
  });

  it("readPetscBinary reads what petsc4py's MatView / VecView write, bit-exact", () => {
    const path = join(dir, "r.petsc");
    const out = runPython(
      PETSC_PATH +
        `
import scipy.sparse as sp
S = sp.random(50, 30, density=0.15, random_state=4, format="csr")
S.data = np.random.default_rng(2).standard_normal(S.nnz) * 1e10
M = PETSc.Mat().createAIJ(size=S.shape, csr=(S.indptr.astype(PETSc.IntType), S.indices.astype(PETSc.IntType), S.data))
M.assemble()
x = PETSc.Vec().createWithArray(np.linspace(-1, 1, 7))
viewer = PETSc.Viewer().createBinary(path, "w")
M.view(viewer); x.view(viewer); viewer.destroy()
out["indptr"] = bytes(S.indptr.astype("<i4")).hex()
out["indices"] = bytes(S.indices.astype("<i4")).hex()
out["values"] = bytes(S.data.astype("<f8")).hex()
out["vec"] = bytes(np.linspace(-1, 1, 7).astype("<f8")).hex()`,
      { path },
    );
    const [M, x] = io.readPetscBinary(path, { all: true }) as [CsrMatrix, Float64Array];
    assert.deepEqual([M.rows, M.cols], [50, 30]);
    assert.equal(hexOf(M.indptr), out.indptr);
    assert.equal(hexOf(M.indices), out.indices);
    assert.equal(hexOf(M.values), out.values);
    assert.equal(hexOf(x), out.vec);
  });
});
