/**
 * Parquet → `Table` through hyparquet, and `Table` → Parquet through hyparquet-writer (both pure JS,
 * browser-safe). hyparquet's reader is asynchronous, so `parseParquet` returns a Promise (await it in a
 * notebook cell).
 */
import type * as Hyparquet from "hyparquet";
import type * as HyparquetWriter from "hyparquet-writer";
import { lazy } from "./lazy";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { Matrix } from "../matrix";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { toColumn } from "./arrow";
import { Column, Table } from "./table";
import { bytesInput } from "../validate/inputs";
import { tableOrMatrix } from "./table";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (lazy.ts says why)
const hyparquet = lazy(() => require("hyparquet") as typeof Hyparquet);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (lazy.ts says why)
const writer = lazy(() => require("hyparquet-writer") as typeof HyparquetWriter);

/** Options of `io.readParquet` / `io.parseParquet`. */
export interface ParquetOptions {
  /** Read only these columns (default all top-level columns). */
  columns?: readonly string[];
}

const PAR1 = [0x50, 0x41, 0x52, 0x31];

/** `parseParquet` with the file name used in messages. */
export async function parseParquetFrom(bytes: Uint8Array, opts: ParquetOptions, source: string): Promise<Table> {
  checkOptions("io.readParquet", opts, { columns: opt.array(opt.string) });
  const n = bytes.length;
  const head = PAR1.every((b, i) => bytes[i] === b);
  const tail = n >= 8 && PAR1.every((b, i) => bytes[n - 4 + i] === b);
  if (!head || !tail) {
    const at = head ? `its last 4 bytes` : "its first 4 bytes";
    const got = Array.from(head ? bytes.subarray(Math.max(0, n - 4)) : bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new EigenlabError("bad-magic", message.badMagic(source, "Parquet", `"PAR1" (50 41 52 31) at both ends (${at} are not)`, got || "nothing (empty file)"));
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + n) as ArrayBuffer;
  let metadata: ReturnType<typeof Hyparquet.parquetMetadata>;
  try {
    metadata = hyparquet().parquetMetadata(buffer);
  } catch (err) {
    throw new EigenlabError("parse", message.parquetDecode(source, (err as Error).message));
  }
  // Top-level columns only: the schema is a flattened tree (depth first); skip children of nested groups.
  const all = metadata.schema.slice(1);
  const topLevel: { name: string; type: string }[] = [];
  {
    let k = 0;
    const skip = (count: number) => {
      for (let c = 0; c < count; c++) {
        const el = all[k++];
        if (el.num_children) skip(el.num_children);
      }
    };
    while (k < all.length) {
      const el = all[k++];
      topLevel.push({ name: el.name, type: String(el.logical_type?.type ?? el.converted_type ?? el.type ?? "group") });
      if (el.num_children) skip(el.num_children);
    }
  }
  const names = opts.columns ?? topLevel.map((c) => c.name);
  for (const name of names) if (!topLevel.some((c) => c.name === name)) throw new EigenlabError("bad-input", message.tableNoColumn(name, topLevel.map((c) => c.name)));
  const rows = Number(metadata.num_rows);
  const chunks = new Map<string, { start: number; data: ArrayLike<unknown> }[]>();
  try {
    await hyparquet().parquetRead({
      file: buffer,
      metadata,
      columns: [...names],
      onChunk: (c) => {
        let list = chunks.get(c.columnName);
        if (!list) chunks.set(c.columnName, (list = []));
        list.push({ start: c.rowStart, data: c.columnData as ArrayLike<unknown> });
      },
    });
  } catch (err) {
    throw new EigenlabError("parse", message.parquetDecode(source, (err as Error).message));
  }
  const cols: Column[] = names.map((name) => {
    const list = (chunks.get(name) ?? []).sort((a, b) => a.start - b.start);
    const cells: unknown[] = new Array(rows);
    for (const { start, data } of list) for (let i = 0; i < data.length && start + i < rows; i++) cells[start + i] = data[i];
    const type = topLevel.find((c) => c.name === name)!.type;
    // Physical FLOAT (no logical type over it) is float32: it stays float32 (Table column, toMatrix()).
    return toColumn(cells, name, type, source, type === "FLOAT");
  });
  return Table.wrap(names, cols);
}

/**
 * Parses Parquet bytes (any codec hyparquet reads: uncompressed, snappy, ...; flat columns) into a `Table`.
 *
 * @example
 * ```ts
 * const bytes = io.formatParquet(new io.Table({ x: [1.5, 2], s: ["a", "b"] }));
 * const t = await io.parseParquet(bytes);
 * t.column("x"); // => [1.5, 2]
 * t.column("s"); // => ["a", "b"]
 * ```
 */
export function parseParquet(bytes: Uint8Array, opts: ParquetOptions = {}): Promise<Table> {
  try {
    return parseParquetFrom(bytesInput("io.parseParquet", bytes), opts, "<Parquet bytes>");
  } catch (e) {
    return Promise.reject(e);
  }
}

/** Options of `io.formatParquet` / `io.writeParquet`. */
export interface ParquetWriteOptions {
  /** Column names when writing a `Matrix` (default "0", "1", ...). */
  columns?: readonly string[];
}

/**
 * A `Table` (or a `Matrix` with column names) as Parquet bytes (hyparquet-writer, snappy): numeric
 * columns as DOUBLE (NaN kept as NaN), text columns as STRING.
 *
 * @example
 * ```ts
 * const bytes = io.formatParquet(Matrix.from([[1, 2], [3, 4]]), { columns: ["a", "b"] });
 * Array.from(bytes.subarray(0, 4)); // => [80, 65, 82, 49]
 * ```
 */
export function formatParquet(input: Table | Matrix, opts: ParquetWriteOptions = {}): Uint8Array {
  const value = tableOrMatrix("io.writeParquet", input);
  checkOptions("io.writeParquet", opts, { columns: opt.array(opt.string) });
  let t: Table;
  if (value instanceof Matrix) {
    const names = opts.columns ?? Array.from({ length: value.cols }, (_, j) => String(j));
    if (names.length !== value.cols) throw new EigenlabError("shape", message.vectorLength("columns", names.length, value.cols));
    // A float32 Matrix is written as FLOAT columns (what numpy/pandas read back as float32).
    t = Table.wrap(names, names.map((_, j) => (value.dtype === "float32" ? Float32Array.from(value.col(j)) : value.col(j))));
  } else t = opts.columns ? value.select(opts.columns) : value;
  const columnData = t.columns.map((name, j) => {
    const data = t.column(name);
    return t.types[j] === "number"
      ? data instanceof Float32Array
        ? { name, data, type: "FLOAT" as const, nullable: false }
        : { name, data: data as Float64Array, type: "DOUBLE" as const, nullable: false }
      : { name, data: data as string[], type: "STRING" as const, nullable: false };
  });
  return new Uint8Array(writer().parquetWriteBuffer({ columnData }));
}
