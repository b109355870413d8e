import { strict as assert } from "assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { CsrMatrix, Matrix } from "../src";
import { io, data } from "../src";
import { runPython } from "../../../test/util/peer";

/** Bit-exact equality of number arrays (NaN equals NaN; -0 differs from 0), null from the peer meaning NaN. */
function sameBits(ours: ArrayLike<number>, theirs: ArrayLike<number | string | null>, what: string): void {
  assert.equal(ours.length, theirs.length, `${what}: length`);
  for (let i = 0; i < ours.length; i++) {
    const x = theirs[i];
    const t = x === null ? NaN : x === "inf" ? Infinity : x === "-inf" ? -Infinity : (x as number);
    assert.ok(Object.is(ours[i], t), `${what}[${i}]: ours ${ours[i]} vs peer ${t}`);
  }
}

const PY_PLAIN = `
def plain(a):
    return [None if x != x else ("inf" if x == np.inf else "-inf" if x == -np.inf else float(x)) for x in np.asarray(a, dtype=float).ravel()]
`;

describe("io tables: CSV", function () {
  this.timeout(60_000); // peers (pandas, networkx, sklearn) start in a second each on a loaded machine
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "eigenlab-io-tables-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("readCsv(pandas to_csv file) reads every number bit-exact, text columns and NaN as pandas wrote them", () => {
    const path = join(dir, "pandas.csv");
    const py = runPython(
      PY_PLAIN +
        `
import pandas as pd
rng = np.random.default_rng(7)
n = 500
df = pd.DataFrame({
  "x": rng.standard_normal(n),
  "tiny": rng.standard_normal(n) * 1e-300,
  "big": rng.standard_normal(n) * 1e300,
  "ints": rng.integers(-10**6, 10**6, n),
  "third": np.arange(n) / 3.0,
  "species": rng.choice(["setosa", "versi color", "vir,ginica", 'say "hi"'], n),
})
df.loc[::7, "x"] = np.nan
df.loc[3, "third"] = np.inf
df.loc[4, "third"] = -np.inf
df.to_csv(path, index=False)
out = {c: plain(df[c]) for c in ["x", "tiny", "big", "ints", "third"]}
out["species"] = list(df["species"])
`,
      { path },
    );
    const t = io.readCsv(path);
    assert.deepEqual(t.columns, ["x", "tiny", "big", "ints", "third", "species"]);
    assert.deepEqual(t.types, ["number", "number", "number", "number", "number", "string"]);
    for (const c of ["x", "tiny", "big", "ints", "third"]) sameBits(t.column(c) as Float64Array, py[c], c);
    assert.deepEqual(t.column("species"), py.species);
    const { labels, names } = t.labels("species");
    assert.equal(names.length, 4);
    labels.forEach((k, i) => assert.equal(names[k], py.species[i]));
  });

  it("writeCsv(table) is read back by pandas (float_precision='round_trip') bit-exact, text and NaN included", () => {
    const path = join(dir, "ours.csv");
    const X = Matrix.random(300, 3, { seed: 11 });
    const data = X.data.slice();
    data[5] = NaN;
    data[7] = Infinity;
    data[8] = 1e-310;
    const t = new io.Table({
      a: X.col(0).map((v, i) => data[i * 3]),
      b: X.col(1).map((v, i) => data[i * 3 + 1] * 1e12),
      c: X.col(2).map((v, i) => data[i * 3 + 2]),
      s: Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 'quote " and, comma' : `row ${i}`)),
    });
    io.writeCsv(path, t);
    const py = runPython(
      PY_PLAIN +
        `
import pandas as pd
df = pd.read_csv(path, float_precision="round_trip")
out = {c: plain(df[c]) for c in ["a", "b", "c"]}
out["s"] = list(df["s"])
out["cols"] = list(df.columns)
`,
      { path },
    );
    assert.deepEqual(py.cols, ["a", "b", "c", "s"]);
    for (const c of ["a", "b", "c"]) sameBits(t.column(c) as Float64Array, py[c], c);
    assert.deepEqual(py.s, t.column("s"));
    // And our reader reads our writer bit-exact.
    const back = io.readCsv(path);
    for (const c of ["a", "b", "c"]) sameBits(back.column(c) as Float64Array, Array.from(t.column(c) as Float64Array), c);
  });

  it("parseCsv detects header, delimiter (comma, tab, semicolon) and column types", () => {
    assert.deepEqual(io.parseCsv("1,2\n3,4\n").columns, ["0", "1"]);
    assert.deepEqual(io.parseCsv("a\tb\n1\t2\n").columns, ["a", "b"]);
    assert.deepEqual(io.parseCsv("a;b\n1,5;2\n").column("a"), ["1,5"]);
    const t = io.parseCsv("name,score\nann,1\nbob,2\n");
    assert.deepEqual(t.types, ["string", "number"]);
    // An all-text table: a first row whose cells recur below is data, not a header.
    assert.deepEqual(io.parseCsv("x,y\nx,z\n").columns, ["0", "1"]);
    assert.deepEqual(io.parseCsv("name,city\nann,rome\n").columns, ["name", "city"]);
    assert.deepEqual(io.parseCsv("a,a,b\n1,2,3\n").columns, ["a", "a.1", "b"]);
    assert.deepEqual(io.parseCsv("id,v\n007,1\n", { types: { id: "string" } }).column("id"), ["007"]);
    assert.deepEqual(io.parseCsv("a,b\r\n1,2\r\n\r\n3,4\r\n").toMatrix().toArray(), [[1, 2], [3, 4]]);
    assert.deepEqual(io.parseCsv('a,b\n"1",2\n"3,5",4\n').column("a"), ["1", "3,5"]);
  });

  it("parseCsv missing-value policy: nan (default), drop, error", () => {
    const text = "a,b\n1,NA\n2,\n3,4\nnan,5\n";
    assert.deepEqual(Array.from(io.parseCsv(text).column("b") as Float64Array), [NaN, NaN, 4, 5]);
    assert.deepEqual(io.parseCsv(text, { missing: "drop" }).toMatrix().toArray(), [[3, 4]]);
    assert.throws(() => io.parseCsv(text, { missing: "error" }), /line 2, column "b": missing value/);
    assert.deepEqual(Array.from(io.parseCsv("a\n1\n-\n", { naValues: ["-"] }).column("a") as Float64Array), [1, NaN]);
  });

  it("Table: shape, head, select, take, filter, toMatrix, labels and the notebook display", () => {
    const t = new io.Table({ x: [3, 1, 2, 5], y: [0.5, 0.25, 1, 2], s: ["b", "a", "b", "c"] });
    assert.deepEqual(t.shape, [4, 3]);
    assert.deepEqual(t.numericColumns, ["x", "y"]);
    assert.deepEqual(t.toMatrix().toArray(), [[3, 0.5], [1, 0.25], [2, 1], [5, 2]]);
    assert.deepEqual(t.toMatrix(["y"]).toArray(), [[0.5], [0.25], [1], [2]]);
    assert.throws(() => t.toMatrix(["s"]), /holds text/);
    assert.throws(() => t.column("z"), /no column "z"/);
    assert.deepEqual(t.head(2).shape, [2, 3]);
    assert.deepEqual(t.select(["s", "x"]).columns, ["s", "x"]);
    assert.deepEqual(t.take([3, 3]).column("s"), ["c", "c"]);
    assert.deepEqual(t.take([true, false, false, true]).column("x"), Float64Array.from([3, 5]));
    assert.deepEqual(t.filter((r) => r.s === "b").column("y"), Float64Array.from([0.5, 1]));
    assert.deepEqual(Array.from(t.labels("s").labels), [0, 1, 0, 2]);
    assert.deepEqual(t.labels("s").names, ["b", "a", "c"]);
    assert.deepEqual(Array.from(t.labels("s", { order: "sorted" }).labels), [1, 0, 1, 2]);
    assert.deepEqual(t.labels("x", { order: "sorted" }).names, ["1", "2", "3", "5"]);
    const bundle = t[Symbol.for("Jupyter.display") as never] as unknown as () => Record<string, string>;
    const b = bundle.call(t);
    assert.match(b["text/html"], /4 rows × 3 columns/);
    assert.match(b["text/html"], /<th[^>]*>s<br><small[^>]*>string<\/small><\/th>/);
    assert.match(b["text/plain"], /^Table 4 rows × 3 columns/);
    const esc = new io.Table({ "<b>": ["<i>&"] })[Symbol.for("Jupyter.display") as never] as unknown as () => Record<string, string>;
    assert.match(esc.call(new io.Table({ "<b>": ["<i>&"] }))["text/html"], /&lt;b&gt;<br>.*&lt;i&gt;&amp;/);
  });
});

describe("io tables: edge lists", function () {
  this.timeout(60_000); // peers (pandas, networkx, sklearn) start in a second each on a loaded machine
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "eigenlab-io-edges-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const PY_ADJ = `
import networkx as nx, scipy.sparse as sp
def adj(G, nodes):
    A = sp.csr_matrix(nx.to_scipy_sparse_array(G, nodelist=nodes, weight="weight", format="csr"))
    A.sort_indices()
    return {"indptr": A.indptr.tolist(), "indices": A.indices.tolist(), "values": A.data.tolist()}
`;
  const sameCsr = (W: CsrMatrix, A: { indptr: number[]; indices: number[]; values: number[] }, what: string) => {
    assert.deepEqual(Array.from(W.indptr), A.indptr, `${what}: indptr`);
    assert.deepEqual(Array.from(W.indices), A.indices, `${what}: indices`);
    sameBits(W.values, A.values, `${what}: values`);
  };

  it("readEdgeList(networkx write_edgelist files: dict data, weight column, string ids) equals networkx's adjacency bit-exact", () => {
    const p1 = join(dir, "nx-dict.edgelist"), p2 = join(dir, "nx-w.edgelist"), p3 = join(dir, "nx-names.edgelist");
    writeFileSync(join(dir, "dummy"), "");
    const py = runPython(
      PY_ADJ +
        `
rng = np.random.default_rng(3)
G = nx.gnm_random_graph(60, 200, seed=3)
for u, v in G.edges(): G[u][v]["weight"] = float(rng.standard_normal())
nx.write_edgelist(G, p1)
nx.write_edgelist(G, p2, data=["weight"], delimiter="\\t")
H = nx.relabel_nodes(G, {i: f"n{i}" for i in G.nodes()})
nx.write_weighted_edgelist(H, p3)
G1 = nx.read_edgelist(p1, nodetype=str)
out["g1_nodes"] = list(G1.nodes())
H3 = nx.read_weighted_edgelist(p3)
out["h_nodes"] = list(H3.nodes())
out["g"] = adj(nx.relabel_nodes(G, str), sorted([str(n) for n in G.nodes() if G.degree(n) > 0], key=int))
out["h"] = adj(H3, list(H3.nodes()))
`,
      { p1, p2, p3 },
    );
    const g1 = io.readEdgeList(p1);
    const g2 = io.readEdgeList(p2);
    sameCsr(g1.W, py.g, "dict form");
    sameCsr(g2.W, py.g, "weight column, tab");
    assert.deepEqual(g1.nodes, g2.nodes);
    const h = io.readEdgeList(p3);
    assert.deepEqual(h.nodes, py.h_nodes, "string ids in order of first appearance");
    sameCsr(h.W, py.h, "string ids");
  });

  it("writeEdgeList(W) is read by networkx read_edgelist bit-exact (undirected and directed)", () => {
    const W = CsrMatrix.fromTriplets(5, 5, [0, 1, 1, 2, 3, 4, 4], [1, 0, 2, 1, 3, 0, 2], [0.1, 0.1, 1 / 3, 1 / 3, 7e-12, 2.5, -1]);
    const sym = CsrMatrix.fromTriplets(4, 4, [0, 1, 1, 2, 3], [1, 0, 2, 1, 3], [0.1, 0.1, 1 / 3, 1 / 3, 7e-12]);
    const pu = join(dir, "ours-u.edgelist"), pd = join(dir, "ours-d.edgelist");
    const names = ["a", "b", "c", "d"];
    io.writeEdgeList(pu, sym, { nodes: names });
    io.writeEdgeList(pd, W, { directed: true });
    const py = runPython(
      PY_ADJ +
        `
G = nx.read_edgelist(pu, nodetype=str, data=[("weight", float)])
D = nx.read_edgelist(pd, nodetype=str, data=[("weight", float)], create_using=nx.DiGraph)
out["u"] = adj(G, ["a", "b", "c", "d"])
out["d"] = adj(D, ["0", "1", "2", "3", "4"])
`,
      { pu, pd },
    );
    sameCsr(sym, py.u, "undirected");
    sameCsr(W, py.d, "directed");
    assert.throws(() => io.formatEdgeList(W), /not symmetric/);
  });

  it("readEdgeList(10 000 random directed edges with repeats) equals scipy coo_matrix(...).tocsr() (duplicates summed)", () => {
    const path = join(dir, "coo.txt");
    const py = runPython(
      `
import scipy.sparse as sp
rng = np.random.default_rng(5)
m = 10000
u = rng.integers(0, 500, m); v = rng.integers(0, 500, m)
w = rng.integers(-64, 64, m) / 8.0   # exact sums whatever the order
u[:50] = 499; v[:50] = 0             # repeats
with open(path, "w") as f:
    f.write("% matrix-market-like comment\\n# another\\n")
    for a, b, x in zip(u, v, w): f.write(f"{a},{b},{x!r}\\n")
A = sp.coo_matrix((w, (u, v)), shape=(500, 500)).tocsr(); A.sort_indices()
out = {"indptr": A.indptr.tolist(), "indices": A.indices.tolist(), "values": A.data.tolist()}
`,
      { path },
    );
    const g = io.readEdgeList(path, { directed: true });
    assert.equal(g.nodes.length, 500);
    assert.deepEqual(Array.from(g.W.indptr), py.indptr);
    assert.deepEqual(Array.from(g.W.indices), py.indices);
    sameBits(g.W.values, py.values, "values");
  });

  it("parseEdgeList duplicate policies sum / max / last / error, symmetric when undirected, self-loops once", () => {
    const text = "a b 1\nb a 4\nc c 2\na b 2\n";
    const W = (d: "sum" | "max" | "last") => io.parseEdgeList(text, { duplicates: d }).W.toDense().toArray();
    assert.deepEqual(W("sum"), [[0, 7, 0], [7, 0, 0], [0, 0, 2]]);
    assert.deepEqual(W("max"), [[0, 4, 0], [4, 0, 0], [0, 0, 2]]);
    assert.deepEqual(W("last"), [[0, 2, 0], [2, 0, 0], [0, 0, 2]]);
    assert.throws(() => io.parseEdgeList(text, { duplicates: "error" }), /line 2: the edge/);
    assert.deepEqual(io.parseEdgeList(text, { directed: true, duplicates: "last" }).W.toDense().toArray(), [[0, 2, 0], [4, 0, 0], [0, 0, 2]]);
    assert.deepEqual(io.parseEdgeList("1 2 5\n", { weighted: false }).W.toDense().toArray(), [[0, 1], [1, 0]]);
    assert.deepEqual(io.parseEdgeList("source,target\n1,2\n", { header: true }).nodes, ["1", "2"]);
    // Sparse integer ids (the sort path) and ids that are not canonical integers (string mode).
    assert.deepEqual(io.parseEdgeList("100000000 5\n5 7\n").nodes, ["5", "7", "100000000"]);
    assert.deepEqual(io.parseEdgeList("1 2\n2 01\n").nodes, ["1", "2", "01"]);
  });

  it("readEdgeList(path) streams a file larger than one chunk and equals the in-memory parse", () => {
    const path = join(dir, "big.edgelist");
    const lines: string[] = [];
    const pad = " # " + "x".repeat(40);
    for (let k = 0; k < 300_000; k++) lines.push(`${k % 9973} ${(k * 7919) % 10007} ${(k % 13) / 4}${pad}`);
    writeFileSync(path, lines.join("\n") + "\n");
    const a = io.readEdgeList(path, { directed: true });
    const b = io.parseEdgeList(readFileSync(path), { directed: true });
    assert.ok(readFileSync(path).length > 4 << 22, "the file spans several 4 MiB chunks");
    assert.deepEqual(a.nodes, b.nodes);
    assert.deepEqual(Array.from(a.W.indptr), Array.from(b.W.indptr));
    assert.deepEqual(Array.from(a.W.indices), Array.from(b.W.indices));
    assert.deepEqual(Array.from(a.W.values), Array.from(b.W.values));
  });
});

describe("io tables: GraphML and GEXF", function () {
  this.timeout(60_000); // peers (pandas, networkx, sklearn) start in a second each on a loaded machine
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "eigenlab-io-xml-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("readGraphml / readGexf (networkx write_graphml / write_gexf) equal networkx's adjacency bit-exact, with attributes", () => {
    const pg = join(dir, "nx.graphml"), px = join(dir, "nx.gexf"), pdg = join(dir, "nx-d.graphml");
    const py = runPython(
      `
import networkx as nx, scipy.sparse as sp
rng = np.random.default_rng(9)
G = nx.gnm_random_graph(40, 120, seed=9)
G = nx.relabel_nodes(G, {i: f"v{i}" for i in G.nodes()})
for u, v in G.edges(): G[u][v]["weight"] = float(rng.standard_normal())
for n in G.nodes(): G.nodes[n]["group"] = int(n[1:]) % 3
G.graph["name"] = "random"
nx.write_graphml(G, pg); nx.write_gexf(G, px)
D = nx.DiGraph(); D.add_edge("a", "b", weight=0.1); D.add_edge("b", "a", weight=1/3); D.add_edge("b", "c", weight=2.5)
nx.write_graphml(D, pdg)
def adj(G):
    A = sp.csr_matrix(nx.to_scipy_sparse_array(G, nodelist=list(G.nodes()), format="csr")); A.sort_indices()
    return {"indptr": A.indptr.tolist(), "indices": A.indices.tolist(), "values": A.data.tolist(), "nodes": list(G.nodes())}
out = {"g": adj(G), "d": adj(D), "groups": [G.nodes[n]["group"] for n in G.nodes()]}
`,
      { pg, px, pdg },
    );
    for (const g of [io.readGraphml(pg), io.readGexf(px)]) {
      assert.deepEqual(g.nodes, py.g.nodes);
      assert.equal(g.directed, false);
      assert.deepEqual(Array.from(g.W.indptr), py.g.indptr);
      assert.deepEqual(Array.from(g.W.indices), py.g.indices);
      sameBits(g.W.values, py.g.values, "weights");
    }
    const gm = io.readGraphml(pg);
    assert.deepEqual(gm.attributes.nodes.map((a) => a.group), py.groups);
    assert.equal(gm.attributes.graph.name, "random");
    const d = io.readGraphml(pdg);
    assert.equal(d.directed, true);
    assert.deepEqual(Array.from(d.W.indices), py.d.indices);
    sameBits(d.W.values, py.d.values, "directed weights");
  });

  it("writeGraphml / writeGexf output is read by networkx read_graphml / read_gexf bit-exact", () => {
    const W = CsrMatrix.fromTriplets(4, 4, [0, 1, 1, 2, 2, 3], [1, 0, 2, 1, 3, 2], [0.1, 0.1, 1 / 3, 1 / 3, 1e-20, 1e-20]);
    const names = ["a", "b & c", "d", "e"];
    const pg = join(dir, "ours.graphml"), px = join(dir, "ours.gexf");
    io.writeGraphml(pg, W, { nodes: names });
    io.writeGexf(px, W, { nodes: names });
    const py = runPython(
      `
import networkx as nx, scipy.sparse as sp
out = {}
for key, G in [("g", nx.read_graphml(pg)), ("x", nx.read_gexf(px))]:
    A = sp.csr_matrix(nx.to_scipy_sparse_array(G, nodelist=${JSON.stringify(names)}, format="csr")); A.sort_indices()
    out[key] = {"indices": A.indices.tolist(), "values": A.data.tolist(), "directed": G.is_directed()}
`,
      { pg, px },
    );
    for (const k of ["g", "x"]) {
      assert.equal(py[k].directed, false);
      assert.deepEqual(py[k].indices, Array.from(W.indices));
      sameBits(W.values, py[k].values, `${k} weights`);
    }
  });
});

describe("io tables: Arrow, Parquet, images", function () {
  this.timeout(60_000); // peers (pandas, networkx, sklearn) start in a second each on a loaded machine
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "eigenlab-io-bin-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("readArrow(apache-arrow file and stream IPC) reads numbers, nulls, booleans, 64-bit ints and dictionary text", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const arrow = require("apache-arrow");
    const x = Float64Array.from([0.1, -2, 1e-300]);
    const t0 = arrow.tableFromArrays({ x, i: BigInt64Array.from([1n, -2n, 3n]), b: [true, false, true] });
    const withNulls = arrow.tableFromJSON([{ v: 1.5, s: "a" }, { v: null, s: null }, { v: 3, s: "c" }]);
    for (const mode of ["file", "stream"]) {
      const t = io.parseArrow(arrow.tableToIPC(t0, mode));
      sameBits(t.column("x") as Float64Array, Array.from(x), "x");
      assert.deepEqual(Array.from(t.column("i") as Float64Array), [1, -2, 3]);
      assert.deepEqual(Array.from(t.column("b") as Float64Array), [1, 0, 1]);
    }
    const path = join(dir, "t.feather");
    writeFileSync(path, arrow.tableToIPC(withNulls, "file"));
    const t = io.readArrow(path);
    assert.deepEqual(Array.from(t.column("v") as Float64Array), [1.5, NaN, 3]);
    assert.deepEqual(t.column("s"), ["a", "", "c"]);
    assert.deepEqual(io.readArrow(path, { columns: ["s"] }).columns, ["s"]);
  });

  it("writeParquet → readParquet round-trips numbers bit-exact and text (hyparquet-writer → hyparquet; pandas here has no Parquet engine)", async () => {
    const X = Matrix.random(1000, 3, { seed: 4 });
    const data = X.data.slice();
    data[1] = NaN;
    data[2] = -0;
    data[4] = Infinity;
    const t = new io.Table({ a: X.col(0), b: Array.from({ length: 1000 }, (_, i) => data[i * 3 + 1]), s: Array.from({ length: 1000 }, (_, i) => `r${i % 17}`) });
    const path = join(dir, "t.parquet");
    io.writeParquet(path, t);
    const back = await io.readParquet(path);
    assert.deepEqual(back.columns, ["a", "b", "s"]);
    sameBits(back.column("a") as Float64Array, Array.from(t.column("a") as Float64Array), "a");
    sameBits(back.column("b") as Float64Array, Array.from(t.column("b") as Float64Array), "b");
    assert.deepEqual(back.column("s"), t.column("s"));
    assert.deepEqual((await io.readParquet(path, { columns: ["s"] })).columns, ["s"]);
  });

  it("readImage(PNG written by Python's zlib: gray, RGB, RGBA) returns the exact pixels; JPEG decodes flat colour exactly", () => {
    const py = runPython(
      `
import zlib, struct
def png(path, w, h, ct, px):
    ch = {0: 1, 2: 3, 6: 4}[ct]
    raw = b"".join(b"\\x00" + bytes(px[y*w*ch:(y+1)*w*ch]) for y in range(h))
    def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, ct, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
rng = np.random.default_rng(1)
out = {}
for ct in (0, 2, 6):
    ch = {0: 1, 2: 3, 6: 4}[ct]
    px = rng.integers(0, 256, 5 * 7 * ch).tolist()
    png(f"{d}/img{ct}.png", 7, 5, ct, px)
    out[str(ct)] = px
`,
      { d: dir },
    );
    for (const [ct, ch] of [["0", 1], ["2", 3], ["6", 4]] as const) {
      const img = io.readImage(join(dir, `img${ct}.png`), { as: "uint8" });
      assert.deepEqual([img.height, img.width, img.channels], [5, 7, ch]);
      assert.deepEqual(Array.from(img.data), py[ct]);
      const f = io.readImage(join(dir, `img${ct}.png`));
      sameBits(f.data, py[ct].map((b: number) => b / 255), "float pixels");
    }
    const rgb = io.readImage(join(dir, "img2.png"), { gray: true, as: "uint8" });
    assert.equal(rgb.channels, 1);
    const p = py["2"];
    assert.equal(rgb.data[3], Math.round(0.299 * p[9] + 0.587 * p[10] + 0.114 * p[11]));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jpeg = require("jpeg-js");
    const flat = Buffer.alloc(16 * 8 * 4);
    for (let k = 0; k < 16 * 8; k++) flat.set([200, 100, 50, 255], 4 * k);
    const jp = io.readImage(jpeg.encode({ width: 16, height: 8, data: flat }, 100).data, { as: "uint8" });
    assert.deepEqual([jp.height, jp.width, jp.channels], [8, 16, 3]);
    for (let k = 0; k < 16 * 8; k++) {
      for (const [c, want] of [[0, 200], [1, 100], [2, 50]]) assert.ok(Math.abs(jp.data[3 * k + c] - want) <= 1, `pixel ${k} channel ${c}: ${jp.data[3 * k + c]}`);
    }
  });
});

describe("data: UCI tables from Debian's scikit-learn", function () {
  this.timeout(60_000); // peers (pandas, networkx, sklearn) start in a second each on a loaded machine
  it("data.iris() / data.wine() / data.breastCancer() equal sklearn's load_* bit-exact", () => {
    const py = runPython(`
from sklearn import datasets as d
out = {}
for key, f in [("iris", d.load_iris), ("wine", d.load_wine), ("bc", d.load_breast_cancer)]:
    b = f()
    out[key] = {"X": b.data.ravel().tolist(), "shape": list(b.data.shape), "y": b.target.tolist(), "names": list(b.target_names), "cols": list(b.feature_names)}
`);
    for (const [key, ds] of [["iris", data.iris()], ["wine", data.wine()], ["bc", data.breastCancer()]] as const) {
      assert.deepEqual(ds.X.shape, py[key].shape);
      sameBits(ds.X.data, py[key].X, key);
      assert.deepEqual(Array.from(ds.labels), py[key].y);
      assert.deepEqual(ds.labelNames, py[key].names);
      assert.deepEqual(ds.columns, py[key].cols);
      assert.deepEqual(ds.table.shape, [py[key].shape[0], py[key].shape[1] + 1]);
    }
    const iris = data.iris();
    assert.deepEqual(Array.from(iris.X.row(149)), [5.9, 3.0, 5.1, 1.8]);
    assert.equal(iris.table.column("class")[0], "setosa");
    const counts = [0, 0];
    data.breastCancer().labels.forEach((k) => counts[k]++);
    assert.deepEqual(counts, [212, 357]);
  });
});
