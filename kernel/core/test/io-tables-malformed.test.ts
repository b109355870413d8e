import { strict as assert } from "assert";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { CsrMatrix, EigenlabError } from "../src";
import { io } from "../src";

/**
 * The malformed-file battery for the table, graph and image formats: every bad file gets an EigenlabError
 * naming the file, where (line or byte) when there is a where, and what to do.
 */
describe("io tables: malformed files", () => {
  let dir: string;
  const file = (name: string, content: string | Uint8Array) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  before(() => (dir = mkdtempSync(join(tmpdir(), "eigenlab-io-bad-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const { PNG } = require("pngjs"); // eslint-disable-line @typescript-eslint/no-require-imports
  const jpeg = require("jpeg-js"); // eslint-disable-line @typescript-eslint/no-require-imports
  const arrow = require("apache-arrow"); // eslint-disable-line @typescript-eslint/no-require-imports
  const goodPng = () => {
    const png = new PNG({ width: 8, height: 8 });
    png.data.fill(128);
    return PNG.sync.write(png) as Buffer;
  };
  const goodJpeg = () => jpeg.encode({ width: 16, height: 16, data: Buffer.alloc(16 * 16 * 4, 90) }, 80).data as Buffer;

  const cases: { name: string; run: () => unknown; expect: RegExp[] }[] = [
    { name: "CSV ragged row (too many fields)", run: () => io.readCsv(file("ragged1.csv", "a,b\n1,2\n3,4,5\n")), expect: [/ragged1\.csv, line 3: 3 fields, but the header has 2/, /stray or missing delimiter/] },
    { name: "CSV ragged row (too few fields)", run: () => io.readCsv(file("ragged2.csv", "a,b,c\n1,2,3\n\n4,5\n")), expect: [/ragged2\.csv, line 4: 2 fields/, /pass \{ delimiter \}/] },
    { name: "CSV ragged quoted row", run: () => io.readCsv(file("ragged3.csv", 'a,b\n"x",1\n"y",2,3\n')), expect: [/ragged3\.csv, line 3: 3 fields/] },
    { name: "CSV non-numeric cell in a numeric column", run: () => io.readCsv(file("text.csv", "a,b\n" + "1,2\n".repeat(150) + "1,oops\n")), expect: [/text\.csv, line 152, column "b": "oops" is not a number/, /types: \{ "b": "string" \}/, /naValues/] },
    { name: "CSV missing value with missing: error", run: () => io.readCsv(file("missing.csv", "a,b\n1,2\n3,NA\n"), { missing: "error" }), expect: [/missing\.csv, line 3, column "b": missing value/, /missing: "nan"/] },
    { name: "CSV unclosed quote", run: () => io.readCsv(file("quote.csv", 'a,b\n1,"open\n2,3\n')), expect: [/quote\.csv/, /cannot be parsed/, /quoting/] },
    { name: "CSV empty file", run: () => io.readCsv(file("empty.csv", "")), expect: [/empty\.csv is empty/, /written completely/] },
    { name: "edge list bad weight", run: () => io.readEdgeList(file("w.edgelist", "1 2 0.5\n2 3 heavy\n")), expect: [/w\.edgelist, line 2: the weight "heavy" is not a number/, /weighted: false/] },
    { name: "edge list line with one field", run: () => io.readEdgeList(file("one.edgelist", "# c\n1 2\n3\n")), expect: [/one\.edgelist, line 3: an edge needs 2 fields/, /delimiter/] },
    { name: "edge list line with four fields", run: () => io.readEdgeList(file("four.edgelist", "1 2 1 9\n")), expect: [/four\.edgelist, line 1: .*found 4/] },
    { name: "edge list weight on some lines only", run: () => io.readEdgeList(file("mixed.edgelist", "1 2 1\n2 3\n")), expect: [/mixed\.edgelist, line 2: 2 fields, but the first edge had 3/] },
    { name: "edge list repeated edge with duplicates: error", run: () => io.readEdgeList(file("dup.edgelist", "a b\nb c\nb a\n"), { duplicates: "error" }), expect: [/dup\.edgelist, line 3: the edge . – . appears a second time/, /duplicates: "sum"/] },
    { name: "edge list bytes with a bad weight (no path)", run: () => io.readEdgeList(Buffer.from("1 2 x\n")), expect: [/<bytes>, line 1/] },
    { name: "truncated PNG", run: () => io.readImage(file("cut.png", goodPng().subarray(0, 40))), expect: [/cut\.png: the PNG image cannot be decoded/, /truncated or corrupt/] },
    { name: "PNG with a corrupted IDAT", run: () => { const b = Buffer.from(goodPng()); b.fill(0xaa, 45, 60); return io.readImage(file("crc.png", b)); }, expect: [/crc\.png: the PNG image cannot be decoded/] },
    { name: "truncated JPEG", run: () => io.readImage(file("cut.jpg", goodJpeg().subarray(0, 30))), expect: [/cut\.jpg: the JPEG image cannot be decoded/] },
    { name: "image with wrong magic (a text file)", run: () => io.readImage(file("notimage.png", "hello world")), expect: [/notimage\.png: not a PNG or JPEG file/, /starts with 68 65 6c 6c/] },
    { name: "empty image file", run: () => io.readImage(file("empty.png", "")), expect: [/empty\.png: not a PNG or JPEG file/, /nothing \(empty file\)/] },
    { name: "truncated GraphML", run: () => io.readGraphml(file("cut.graphml", '<?xml version="1.0"?>\n<graphml><graph edgedefault="undirected">\n<node id="a"/><edge source="a" target="b')), expect: [/cut\.graphml: not a readable GraphML file/, /truncated/] },
    { name: "GEXF given to the GraphML reader", run: () => io.readGraphml(file("wrong.graphml", '<?xml version="1.0"?><gexf><graph/></gexf>')), expect: [/wrong\.graphml: .*root element is <gexf>, not <graphml>/] },
    { name: "GEXF that is not XML", run: () => io.readGexf(file("bin.gexf", "PAR1 binary")), expect: [/bin\.gexf: not a GEXF file/, /"<\?xml" or "<gexf"/] },
    { name: "GEXF edge to a missing node", run: () => io.readGexf(file("dangling.gexf", '<?xml version="1.0"?><gexf version="1.2"><graph><nodes><node id="a"/></nodes><edges><edge id="0" source="a" target="zz"/></edges></graph></gexf>')), expect: [/dangling\.gexf: not a readable GEXF file/] },
    { name: "Arrow with wrong magic", run: () => io.readArrow(file("csv.arrow", "a,b\n1,2\n")), expect: [/csv\.arrow: not an Arrow IPC \/ Feather file/, /ARROW1/] },
    { name: "truncated Arrow file", run: () => { const b = arrow.tableToIPC(arrow.tableFromArrays({ x: Float64Array.from([1, 2, 3]) }), "file"); return io.readArrow(file("cut.arrow", b.subarray(0, 40))); }, expect: [/cut\.arrow: not a readable Arrow IPC/] },
    { name: "Parquet with wrong magic", run: () => io.readParquet(file("x.parquet", "hello, not parquet")), expect: [/x\.parquet: not a Parquet file/, /PAR1/] },
    { name: "truncated Parquet (head magic, tail cut)", run: () => io.readParquet(file("cut.parquet", io.formatParquet(new io.Table({ a: [1, 2, 3] })).subarray(0, 30))), expect: [/cut\.parquet: not a Parquet file/, /last 4 bytes/] },
    { name: "Parquet with a corrupted footer", run: () => { const b = Buffer.from(io.formatParquet(new io.Table({ a: [1, 2, 3] }))); b.fill(0xff, b.length - 40, b.length - 8); return io.readParquet(file("foot.parquet", b)); }, expect: [/foot\.parquet: not a readable Parquet file/] },
    { name: "missing file", run: () => io.readCsv(join(dir, "nope.csv")), expect: [/nope\.csv: no such file/, /Check the path/] },
    { name: "missing edge list (streaming reader)", run: () => io.readEdgeList(join(dir, "nope.edgelist")), expect: [/nope\.edgelist: no such file/] },
    { name: "a directory", run: () => { mkdirSync(join(dir, "adir.csv"), { recursive: true }); return io.readCsv(join(dir, "adir.csv")); }, expect: [/adir\.csv is a directory/, /pass the path of a file/] },
    { name: "a directory to the streaming reader", run: () => io.readEdgeList(dir), expect: [/is a directory/] },
    { name: "neither path nor bytes", run: () => io.readCsv(42 as never), expect: [/takes a file path \(string\) or the file's bytes/] },
    { name: "unknown option", run: () => io.readCsv(Buffer.from("a\n1\n"), { delimeter: ";" } as never), expect: [/unknown option "delimeter"/] },
    { name: "writing into a folder that does not exist", run: () => io.writeEdgeList(join(dir, "no", "such", "x.edgelist"), CsrMatrix.identity(2)), expect: [/x\.edgelist: could not write it \(its folder .* does not exist\)/, /any previous file at this path is unchanged/] },
  ];

  for (const c of cases) {
    it(`${c.name} → EigenlabError`, async () => {
      let err: unknown;
      try {
        await c.run();
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof EigenlabError, `expected an EigenlabError, got ${err === undefined ? "no error" : String(err)}`);
      for (const re of c.expect) assert.match((err as Error).message, re);
    });
  }

  it("a write that fails at the rename leaves no temporary file and no partial target (atomic write)", () => {
    const target = join(dir, "target.csv");
    mkdirSync(join(target, "inside"), { recursive: true });
    assert.throws(() => io.writeCsv(target, new io.Table({ a: [1, 2] })), /target\.csv is a directory, not a file/);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith(".tmp")), []);
    assert.deepEqual(readdirSync(target), ["inside"]);
  });
});
