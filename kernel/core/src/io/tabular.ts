/**
 * Path-level readers and writers of the table, graph and image formats (CSV/TSV, edge lists, GraphML, GEXF,
 * Arrow IPC / Feather, Parquet, PNG / JPEG). They reach the disk only through the FileSystem hook of
 * bytes.ts (node-fs.ts in Node, where edge lists stream in line-aligned chunks); the parsers they wrap take
 * bytes. Their entries in `io.read` / `io.write`'s table are in formats.ts.
 */
import { Matrix } from "../matrix";
import { formatCsv, parseCsvFrom } from "./csv";
import type { CsvOptions, CsvWriteOptions } from "./csv";
import { Table } from "./table";
import { getFileSystem, lineChunks, readSource as readInput, writeSource as writeAtomic } from "./bytes";
import { CsrMatrix } from "../csr";
import { formatEdgeList, parseEdgeListChunks } from "./edgelist";
import type { EdgeListOptions, EdgeListWriteOptions, GraphRead } from "./edgelist";
import { formatGraphml, parseGraphmlFrom } from "./graphml";
import type { GraphFileOptions, GraphFileRead, GraphWriteOptions } from "./graphml";
import { formatGexf, parseGexfFrom } from "./gexf";
import { parseArrowFrom } from "./arrow";
import type { ArrowOptions } from "./arrow";
import { formatParquet, parseParquetFrom } from "./parquet";
import type { ParquetOptions, ParquetWriteOptions } from "./parquet";
import { parseImageFrom } from "./image";
import type { ImageOptions, ImageRead } from "./image";

export { Table } from "./table";
export type { Column, ColumnType, TableLabels } from "./table";
export { parseCsv, formatCsv } from "./csv";
export type { CsvOptions, CsvWriteOptions } from "./csv";

/**
 * Reads a CSV / TSV file (a path, or its bytes) into a `Table`: header and delimiter detected, numeric
 * columns as `Float64Array`, text columns as `string[]`, missing cells NaN by default (see `CsvOptions`).
 * A path ending in .tsv or .tab defaults to tab when the first line holds none of , \t ;.
 *
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc-iris.csv");
 * require("fs").writeFileSync(path, "sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n");
 * const t = io.readCsv(path);
 * t.columns; // => ["sepal", "petal", "species"]
 * t.toMatrix().toArray(); // => [[5.1, 1.4], [7, 4.7]]
 * t.labels("species").names; // => ["setosa", "versicolor"]
 * ```
 */
export function readCsv(input: string | Uint8Array, opts: CsvOptions = {}): Table {
  const { bytes, source } = readInput(input, "io.readCsv");
  const tab = typeof input === "string" && /\.(tsv|tab)$/i.test(input) ? "\t" : undefined;
  return parseCsvFrom(bytes, opts, source, tab);
}

/**
 * Writes a `Table`, or a `Matrix` with `columns` names, as CSV (atomically; see `formatCsv` for the format,
 * which pandas reads back bit-exact).
 *
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc-out.csv");
 * io.writeCsv(path, Matrix.from([[1, 2], [3, 4]]), { columns: ["x", "y"] });
 * require("fs").readFileSync(path, "utf8"); // => "x,y\n1,2\n3,4\n"
 * ```
 */
export function writeCsv(path: string, value: Table | Matrix, opts: CsvWriteOptions = {}): void {
  writeAtomic(path, formatCsv(value, opts));
}

export { parseEdgeList, formatEdgeList } from "./edgelist";
export type { EdgeListOptions, EdgeListWriteOptions, GraphRead } from "./edgelist";

/** A file's size for progress reports; 0 (no reports) when unknown: the reader itself reports a missing file. */
function pathSize(path: string): number {
  try {
    return getFileSystem(path).size?.(path) ?? 0;
  } catch {
    return 0;
  }
}

/**
 * Reads an edge list file (streamed in 4 MiB chunks: the file is never held whole) or its bytes into
 * `{ W, nodes }`; see `EdgeListOptions` for weights, direction and repeated edges, and `GraphRead.nodes`
 * for the node order.
 *
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc.edgelist");
 * require("fs").writeFileSync(path, "# u v weight\n1 2 0.5\n2 3 1.5\n");
 * const { W, nodes } = io.readEdgeList(path);
 * nodes; // => ["1", "2", "3"]
 * W.get(1, 2); // => 1.5
 * W.nnz; // => 4
 * ```
 */
export function readEdgeList(input: string | Uint8Array, opts: EdgeListOptions = {}): GraphRead {
  if (typeof input === "string") return parseEdgeListChunks(() => lineChunks(input), opts, input, pathSize(input));
  const { bytes, source } = readInput(input, "io.readEdgeList");
  return parseEdgeListChunks(() => [bytes], opts, source, bytes.length);
}

/**
 * Writes `W` as an edge list (atomically), one `u v w` line per edge; see `formatEdgeList`.
 *
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc-out.edgelist");
 * io.writeEdgeList(path, CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [3, 3]));
 * require("fs").readFileSync(path, "utf8"); // => "0 1 3\n"
 * ```
 */
export function writeEdgeList(path: string, W: CsrMatrix, opts: EdgeListWriteOptions = {}): void {
  writeAtomic(path, formatEdgeList(W, opts));
}

export { parseGraphml, formatGraphml } from "./graphml";
export type { GraphFileRead, GraphFileOptions, GraphWriteOptions } from "./graphml";
export { parseGexf, formatGexf } from "./gexf";

/**
 * Reads a GraphML file (or its bytes) into `{ W, nodes, directed, attributes }` (see `parseGraphml`).
 *
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc.graphml");
 * io.writeGraphml(path, CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [0.1, 0.1]), { nodes: ["u", "v"] });
 * io.readGraphml(path).W.get(1, 0); // => 0.1
 * ```
 */
export function readGraphml(input: string | Uint8Array, opts: GraphFileOptions = {}): GraphFileRead {
  const { bytes, source } = readInput(input, "io.readGraphml");
  return parseGraphmlFrom(bytes, opts, source);
}

/** Writes W as GraphML (atomically); see `formatGraphml`.
 *
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc-w.graphml");
 * io.writeGraphml(path, CsrMatrix.fromTriplets(2, 2, [0], [1], [2]), { directed: true });
 * io.readGraphml(path).directed; // => true
 * ```
 */
export function writeGraphml(path: string, W: CsrMatrix, opts: GraphWriteOptions = {}): void {
  writeAtomic(path, formatGraphml(W, opts));
}

/**
 * Reads a GEXF file (or its bytes) into `{ W, nodes, directed, attributes }` (see `parseGexf`).
 *
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc.gexf");
 * io.writeGexf(path, CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [5, 5]));
 * io.readGexf(path).nodes; // => ["0", "1"]
 * ```
 */
export function readGexf(input: string | Uint8Array, opts: GraphFileOptions = {}): GraphFileRead {
  const { bytes, source } = readInput(input, "io.readGexf");
  return parseGexfFrom(bytes, opts, source);
}

/** Writes W as GEXF 1.2 (atomically); see `formatGexf`.
 *
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc-w.gexf");
 * io.writeGexf(path, CsrMatrix.fromTriplets(2, 2, [0], [1], [2]), { directed: true });
 * io.readGexf(path).W.get(0, 1); // => 2
 * ```
 */
export function writeGexf(path: string, W: CsrMatrix, opts: GraphWriteOptions = {}): void {
  writeAtomic(path, formatGexf(W, opts));
}

export { parseArrow } from "./arrow";
export type { ArrowOptions } from "./arrow";
export { parseParquet, formatParquet } from "./parquet";
export type { ParquetOptions, ParquetWriteOptions } from "./parquet";
export { parseImage } from "./image";
export type { ImageOptions, ImageRead } from "./image";

/**
 * Reads an Arrow IPC / Feather v2 file (or its bytes) into a `Table` (see `parseArrow`).
 *
 * @example
 * ```ts
 * const arrow = require("apache-arrow");
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc.feather");
 * require("fs").writeFileSync(path, arrow.tableToIPC(arrow.tableFromArrays({ v: Float64Array.from([0.5]) }), "file"));
 * io.readArrow(path).column("v"); // => [0.5]
 * ```
 */
export function readArrow(input: string | Uint8Array, opts: ArrowOptions = {}): Table {
  const { bytes, source } = readInput(input, "io.readArrow");
  return parseArrowFrom(bytes, opts, source);
}

/**
 * Reads a Parquet file (or its bytes) into a `Table` (asynchronous: hyparquet's reader is; see `parseParquet`).
 *
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc.parquet");
 * io.writeParquet(path, new io.Table({ a: [1, 2, 3] }));
 * (await io.readParquet(path)).column("a"); // => [1, 2, 3]
 * ```
 */
export async function readParquet(input: string | Uint8Array, opts: ParquetOptions = {}): Promise<Table> {
  const { bytes, source } = readInput(input, "io.readParquet");
  return parseParquetFrom(bytes, opts, source);
}

/**
 * Writes a `Table` (or a `Matrix` with column names) as Parquet, atomically (see `formatParquet`).
 *
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc-w.parquet");
 * io.writeParquet(path, Matrix.from([[1], [2]]), { columns: ["x"] });
 * (await io.readParquet(path)).toMatrix().toArray(); // => [[1], [2]]
 * ```
 */
export function writeParquet(path: string, value: Table | Matrix, opts: ParquetWriteOptions = {}): void {
  writeAtomic(path, formatParquet(value, opts));
}

/**
 * Reads a PNG or JPEG file (or its bytes) into `{ height, width, channels, data }`, data in [0, 1] by
 * default (see `parseImage`).
 *
 * @example
 * ```ts
 * const { PNG } = require("pngjs");
 * const png = new PNG({ width: 1, height: 1 });
 * png.data.set([0, 51, 255, 255]);
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc.png");
 * require("fs").writeFileSync(path, PNG.sync.write(png));
 * io.readImage(path).data; // => [0, 0.2, 1, 1]
 * ```
 */
export function readImage(input: string | Uint8Array, opts: ImageOptions = {}): ImageRead {
  const { bytes, source } = readInput(input, "io.readImage");
  return parseImageFrom(bytes, opts, source);
}

// For data/index.ts (the lead adds them there): the UCI tables Debian's scikit-learn ships.
