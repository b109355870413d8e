import { strict as assert } from "assert";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { CsrMatrix, Matrix, io } from "../src";

describe("io.read / io.write dispatch over every format of the table", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "eigenlab-io-dispatch-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("io.read picks CSV, TSV and edge lists by extension and returns the same values as their own readers", () => {
    writeFileSync(join(dir, "t.csv"), "a,b,name\n1,2,x\n3,4,y\n");
    writeFileSync(join(dir, "t.tsv"), "a\tb\n1\t2\n");
    writeFileSync(join(dir, "g.edgelist"), "u v 2\nv w 3\n");
    const t = io.read(join(dir, "t.csv")) as io.Table;
    assert.ok(t instanceof io.Table);
    assert.deepEqual(t.toMatrix().toArray(), [[1, 2], [3, 4]]);
    assert.deepEqual((io.read(join(dir, "t.tsv")) as io.Table).columns, ["a", "b"]);
    const g = io.read(join(dir, "g.edgelist")) as io.GraphRead;
    assert.deepEqual(g.nodes, ["u", "v", "w"]);
    assert.equal(g.W.get(1, 2), 3);
    assert.equal(g.W.get(2, 1), 3);
  });

  it("io.read recognises GraphML, PNG and Parquet bytes by their magic, without a name", async () => {
    const W = CsrMatrix.fromTriplets(3, 3, [0, 1, 1, 2], [1, 0, 2, 1], [1, 1, 5, 5]);
    io.write(join(dir, "g.graphml"), W);
    const bytes = new Uint8Array(readFileSync(join(dir, "g.graphml")));
    const back = io.read(bytes) as io.GraphFileRead;
    assert.deepEqual(back.W.toDense().toArray(), W.toDense().toArray());

    io.write(join(dir, "m.parquet"), Matrix.from([[1, 2], [3, 4]]), { columns: ["p", "q"] });
    const pq = io.read(new Uint8Array(readFileSync(join(dir, "m.parquet"))));
    assert.ok(pq instanceof Promise, "Parquet reads asynchronously");
    assert.deepEqual(((await pq) as io.Table).toMatrix().toArray(), [[1, 2], [3, 4]]);

    // A 1×1 red PNG (RGB, 8 bit), the smallest well-formed one.
    const png = Buffer.from(
      "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082",
      "hex",
    );
    const img = io.read(new Uint8Array(png)) as io.ImageRead;
    assert.deepEqual([img.height, img.width, img.channels], [1, 1, 3]);
    assert.deepEqual(Array.from(img.data), [1, 0, 0]);
  });

  it("io.write picks the writer from the extension: CSV and edge list round-trip through io.read", () => {
    io.write(join(dir, "out.csv"), Matrix.from([[1.5, -2], [0, 1e-300]]), { columns: ["x", "y"] });
    assert.deepEqual((io.read(join(dir, "out.csv")) as io.Table).toMatrix().toArray(), [[1.5, -2], [0, 1e-300]]);
    const W = CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [0.25, 0.25]);
    io.write(join(dir, "out.edgelist"), W);
    assert.deepEqual((io.read(join(dir, "out.edgelist")) as io.GraphRead).W.toDense().toArray(), [[0, 0.25], [0.25, 0]]);
    assert.throws(() => io.write(join(dir, "bad.edgelist"), Matrix.eye(2)), /CsrMatrix/);
  });
});
