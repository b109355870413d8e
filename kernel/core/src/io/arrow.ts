/**
 * Arrow IPC (file and stream formats; Feather v2 is the IPC file format) → `Table`, through apache-arrow's
 * `tableFromIPC`. Browser-safe (apache-arrow's DOM build needs no Node built-in).
 */
import type * as Arrow from "apache-arrow";
import { lazy } from "./lazy";
import type { Table as ArrowTable } from "apache-arrow";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { Column, Table } from "./table";
import { bytesInput } from "../validate/inputs";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (lazy.ts says why)
const arrow = lazy(() => require("apache-arrow") as typeof Arrow);

/** Options of `io.readArrow` / `io.parseArrow`. */
export interface ArrowOptions {
  /** Read only these columns (default all). */
  columns?: readonly string[];
}

const ARROW_MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

/**
 * Turns column cells (numbers, bigints, booleans, strings, null) into a table column: numeric (null → NaN;
 * 64-bit integers above 2^53 lose their low bits, as in pandas' float64) or text (null → "").
 */
export function toColumn(values: ArrayLike<unknown>, name: string, typeName: string, source: string, float32 = false): Column {
  const n = values.length;
  let kind: "number" | "string" | undefined;
  for (let i = 0; i < n && kind === undefined; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") kind = "number";
    else if (typeof v === "string") kind = "string";
    else throw new EigenlabError("unsupported", message.columnUnsupported(source, name, typeName));
  }
  if (kind === "string") {
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== null && v !== undefined && typeof v !== "string") throw new EigenlabError("unsupported", message.columnUnsupported(source, name, typeName));
      out[i] = (v as string | null) ?? "";
    }
    return out;
  }
  // A float32 column of the file stays float32 (exact: its cells are float32 numbers; NaN marks a null).
  const out = float32 ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) out[i] = NaN;
    else if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") out[i] = Number(v);
    else throw new EigenlabError("unsupported", message.columnUnsupported(source, name, typeName));
  }
  return out;
}

/** `parseArrow` with the file name used in messages. */
export function parseArrowFrom(bytes: Uint8Array, opts: ArrowOptions, source: string): Table {
  checkOptions("io.readArrow", opts, { columns: opt.array(opt.string) });
  const isFile = ARROW_MAGIC.every((b, i) => bytes[i] === b);
  const isStream = bytes.length >= 4 && ((bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff));
  if (!isFile && !isStream) {
    const got = Array.from(bytes.subarray(0, 6), (b) => b.toString(16).padStart(2, "0")).join(" ");
    throw new EigenlabError("bad-magic", message.badMagic(source, "Arrow IPC / Feather", '"ARROW1" (41 52 52 4f 57 31) or a stream\'s ff ff ff ff', got || "nothing (empty file)"));
  }
  let t: ArrowTable;
  try {
    t = arrow().tableFromIPC(bytes) as ArrowTable;
  } catch (err) {
    throw new EigenlabError("parse", message.arrowDecode(source, (err as Error).message));
  }
  const fields = t.schema.fields;
  const names = opts.columns ?? fields.map((f) => f.name);
  const cols: Column[] = names.map((name) => {
    const f = fields.find((x) => x.name === name);
    if (!f) throw new EigenlabError("bad-input", message.tableNoColumn(name, fields.map((x) => x.name)));
    const vec = t.getChild(name)!;
    const typeId = f.type.typeId;
    // Float32 columns (Precision.SINGLE) stay float32; float16 and float64 ones become float64.
    const single = typeId === arrow().Type.Float && (f.type as unknown as { precision?: number }).precision === arrow().Precision.SINGLE;
    // Fast path: a float column without nulls is one copy of its buffers.
    if (typeId === arrow().Type.Float && vec.nullCount === 0) {
      return single ? Float32Array.from(vec.toArray() as ArrayLike<number>) : Float64Array.from(vec.toArray() as ArrayLike<number>);
    }
    // With nulls (or non-float types) read cell by cell: toArray() hands back the raw buffer, nulls as 0.
    const cells = new Array<unknown>(vec.length);
    for (let i = 0; i < vec.length; i++) cells[i] = vec.get(i);
    return toColumn(cells, name, String(f.type), source, single);
  });
  return Table.wrap(names, cols);
}

/**
 * Parses Arrow IPC bytes (file format — Feather v2 — or stream format) into a `Table`: numeric, boolean
 * and dictionary-of-text columns become numbers or text, nulls NaN or "".
 *
 * @example
 * ```ts
 * const arrow = require("apache-arrow");
 * const bytes = arrow.tableToIPC(arrow.tableFromArrays({ x: Float64Array.from([1, 2]), s: ["a", "b"] }), "file");
 * const t = io.parseArrow(bytes);
 * t.columns; // => ["x", "s"]
 * t.column("x"); // => [1, 2]
 * ```
 */
export function parseArrow(bytes: Uint8Array, opts: ArrowOptions = {}): Table {
  return parseArrowFrom(bytesInput("io.parseArrow", bytes), opts, "<Arrow bytes>");
}
