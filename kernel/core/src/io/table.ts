/**
 * `Table`: what a CSV, Arrow or Parquet file becomes — named columns, numeric (`Float64Array`, missing = NaN)
 * or text (`string[]`), immutable like `Matrix`. Browser-safe (no Node built-in).
 *
 * A small columnar class of our own rather than an Arquero table: the numeric columns must be `Float64Array`
 * so `toMatrix` is one strided copy and a table can be handed to the numerics without a conversion layer;
 * Arquero (ESM-only, its own column types) would sit between every read and `Matrix`.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { asMatrix } from "../validate/inputs";
import { Matrix } from "../matrix";
import { checkChoice, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { nonNegativeInteger } from "../validate/numbers";
import { escapeHtml, JUPYTER_DISPLAY, MimeBundle } from "../display";

/**
 * The type of a table column: "number" (a `Float64Array`, or a `Float32Array` where the file holds float32;
 * NaN = missing) or "string" (a `string[]`).
 */
export type ColumnType = "number" | "string";
/** A table column: `Float64Array` (or `Float32Array`: a float32 column of an Arrow or Parquet file) for numbers, `string[]` for text. */
export type Column = Float64Array | Float32Array | string[];

/** `table.labels(column)`: an integer code per row and the name of each code. */
export interface TableLabels {
  /** Code of each row, 0..names.length−1; −1 where the cell is missing (NaN, or "" in a text column). */
  labels: Int32Array;
  /** Name of each code, as the cell reads (numbers as `String(x)`). */
  names: string[];
}

/**
 * A table read from a file (CSV, Arrow, Parquet) or built from named columns: numeric columns are
 * `Float64Array` (NaN = missing), text columns `string[]`. `toMatrix()` takes the numeric features, `labels(col)`
 * turns a text column into integer codes and names; in a notebook it displays as an HTML table of its head.
 *
 * @example
 * ```ts
 * const t = new io.Table({ x: [1, 2, 3], y: [0.5, 0.25, 0], species: ["a", "b", "a"] });
 * t.shape; // => [3, 3]
 * t.types; // => ["number", "number", "string"]
 * t.toMatrix().toArray(); // => [[1, 0.5], [2, 0.25], [3, 0]]
 * t.labels("species").labels; // => [0, 1, 0]
 * ```
 */
export class Table {
  /** Column names, in file order. */
  readonly columns: readonly string[];
  /** Type of each column, aligned with `columns`. */
  readonly types: readonly ColumnType[];
  /** Number of rows. */
  readonly nrows: number;
  private readonly data: readonly Column[];
  private readonly byName: Map<string, number>;

  /**
   * A table from named columns (a record, in key order). Numeric columns: any array of numbers (copied into a
   * `Float64Array`); text columns: `string[]` (copied). All columns must have the same length and names must
   * be unique.
   *
   * @example
   * ```ts
   * const t = new io.Table({ x: [1, 2, 3], species: ["a", "b", "a"] });
   * t.shape; // => [3, 2]
   * t.types; // => ["number", "string"]
   * ```
   */
  constructor(columns: Record<string, ArrayLike<number> | readonly string[]>) {
    const cin: unknown = columns;
    if (cin === null || typeof cin !== "object" || Array.isArray(cin) || ArrayBuffer.isView(cin)) throw new EigenlabError("bad-input", message.tableColumns(cin));
    const names = Object.keys(columns);
    const data: Column[] = [];
    const types: ColumnType[] = [];
    let nrows = -1;
    for (const name of names) {
      const col = columns[name];
      const isTyped = ArrayBuffer.isView(col) && !(col instanceof DataView) && !(col instanceof BigInt64Array || col instanceof BigUint64Array);
      if (!Array.isArray(col) && !isTyped) throw new EigenlabError("bad-input", message.tableColumnInput(name, col));
      if (Array.isArray(col) && col.length > 0) {
        const type = typeof col[0] === "string" ? "string" : "number";
        col.forEach((x: unknown, i: number) => {
          if (typeof x !== type) throw new EigenlabError("bad-input", message.tableColumnMixed(name, i, x, type === "string" ? "text" : "numbers"));
        });
      }
      if (nrows < 0) nrows = col.length;
      else if (col.length !== nrows) throw new EigenlabError("shape", message.tableColumnLength(name, col.length, nrows));
      if (col.length > 0 && typeof col[0] === "string") {
        data.push(Array.from(col as readonly string[], String));
        types.push("string");
      } else {
        data.push(Float64Array.from(col as ArrayLike<number>));
        types.push("number");
      }
    }
    this.columns = names;
    this.types = types;
    this.data = data;
    this.nrows = Math.max(nrows, 0);
    this.byName = new Map(names.map((n, i) => [n, i]));
  }

  /**
   * Wraps columns without copying (readers hand over ownership): `Float64Array` (or `Float32Array`) columns are numeric, `string[]`
   * columns text. Names must be unique and columns of equal length.
   *
   * @example
   * ```ts
   * io.Table.wrap(["x", "s"], [Float64Array.from([1, 2]), ["a", "b"]]).types; // => ["number", "string"]
   * ```
   */
  static wrap(names: readonly string[], data: Column[]): Table {
    checkNames("io.Table.wrap", "names", names);
    if (!Array.isArray(data) || data.length !== names.length) throw new EigenlabError("bad-input", message.tableWrapData(data, names.length));
    data.forEach((c, i) => {
      const ok = c instanceof Float64Array || c instanceof Float32Array || (Array.isArray(c) && c.every((x) => typeof x === "string"));
      if (!ok) throw new EigenlabError("bad-input", message.tableWrapColumn(names[i], c));
    });
    const t = Object.create(Table.prototype) as { -readonly [K in keyof Table]: Table[K] } & Record<string, unknown>;
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n)) throw new EigenlabError("bad-input", message.tableDuplicateColumn(n));
      seen.add(n);
    }
    const nrows = data.length ? data[0].length : 0;
    data.forEach((c, i) => {
      if (c.length !== nrows) throw new EigenlabError("shape", message.tableColumnLength(names[i], c.length, nrows));
    });
    t.columns = [...names];
    t.types = data.map((c) => (Array.isArray(c) ? "string" : "number"));
    t.data = data;
    t.nrows = nrows;
    t.byName = new Map(names.map((n, i) => [n, i]));
    return t as unknown as Table;
  }

  /** [rows, columns]. */
  get shape(): [number, number] {
    return [this.nrows, this.columns.length];
  }

  /**
   * Names of the numeric columns, in order: the columns `toMatrix()` takes when none are named (a `Matrix`
   * has no column names; this is where they are).
   *
   * @example
   * ```ts
   * new io.Table({ a: [1], s: ["x"], b: [2] }).numericColumns; // => ["a", "b"]
   * ```
   */
  get numericColumns(): string[] {
    return this.columns.filter((_, i) => this.types[i] === "number");
  }

  /**
   * One column by name: a `Float64Array` (numeric) or `string[]` (text). The array is the table's own:
   * treat it as read-only.
   *
   * @example
   * ```ts
   * new io.Table({ x: [1, 2], s: ["a", "b"] }).column("x"); // => [1, 2]
   * ```
   */
  column(name: string): Column {
    return this.data[this.indexOf(name)];
  }

  /**
   * The first `n` rows (default 5) as a new table.
   *
   * @example
   * ```ts
   * new io.Table({ x: [1, 2, 3] }).head(2).column("x"); // => [1, 2]
   * ```
   */
  head(n = 5): Table {
    nonNegativeInteger("io.Table#head", "n", n);
    const m = Math.min(this.nrows, n);
    return Table.wrap(this.columns, this.data.map((c) => c.slice(0, m)));
  }

  /**
   * The named numeric columns (all numeric columns, in table order, when `columns` is omitted) as an
   * rows × columns `Matrix`. A `Matrix` carries no column names: they are `columns` as passed, or
   * `table.numericColumns`. A text column is an error (turn it into codes with `labels`).
   *
   * @example
   * ```ts
   * const t = new io.Table({ a: [1, 2], s: ["x", "y"], b: [3, 4] });
   * t.toMatrix().toArray(); // => [[1, 3], [2, 4]]
   * t.toMatrix(["b"]).toArray(); // => [[3], [4]]
   * ```
   */
  toMatrix(columns?: readonly string[]): Matrix {
    const names = columns ?? this.numericColumns;
    checkNames("io.Table#toMatrix", "columns", names);
    const cols = names.map((n) => {
      const c = this.data[this.indexOf(n)];
      if (Array.isArray(c)) throw new EigenlabError("bad-input", message.tableNotNumeric(n));
      return c;
    });
    const r = this.nrows;
    const k = cols.length;
    // float32 columns (a float32 Arrow/Parquet file) give a float32 Matrix: no float64 copy of the table.
    const float32 = k > 0 && cols.every((c) => c instanceof Float32Array);
    const out = float32 ? new Float32Array(r * k) : new Float64Array(r * k);
    for (let j = 0; j < k; j++) {
      const c = cols[j];
      for (let i = 0; i < r; i++) out[i * k + j] = c[i];
    }
    return new Matrix(r, k, out);
  }

  /**
   * Integer codes for a column (class labels for clustering and charts). `order: "appearance"` (default, as
   * `pandas.factorize`) numbers the values in the order they first occur; `"sorted"` (as scikit-learn's
   * `LabelEncoder`) in sorted order (numbers numerically, text by code unit). Missing cells (NaN, or "" in
   * a text column) get −1 and no name.
   *
   * @example
   * ```ts
   * const t = new io.Table({ species: ["b", "a", "b", "c"] });
   * t.labels("species").labels; // => [0, 1, 0, 2]
   * t.labels("species").names; // => ["b", "a", "c"]
   * t.labels("species", { order: "sorted" }).labels; // => [1, 0, 1, 2]
   * ```
   */
  labels(column: string, opts: {
    /** Codes in order of first appearance (default, as pandas.factorize) or of the sorted values ("sorted"). */
    order?: "appearance" | "sorted";
  } = {}): TableLabels {
    checkOptions("table.labels", opts, { order: opt.oneOf("appearance", "sorted") });
    const order = checkChoice("table.labels", "order", opts.order ?? "appearance", ["appearance", "sorted"] as const);
    const c = this.data[this.indexOf(column)];
    const n = this.nrows;
    const keys: (string | number)[] = [];
    const code = new Map<string | number, number>();
    const raw = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = c[i];
      if ((typeof v === "number" && Number.isNaN(v)) || v === "") {
        raw[i] = -1;
        continue;
      }
      let k = code.get(v);
      if (k === undefined) {
        k = keys.length;
        code.set(v, k);
        keys.push(v);
      }
      raw[i] = k;
    }
    if (order === "appearance") return { labels: raw, names: keys.map(String) };
    const perm = keys.map((_, i) => i);
    perm.sort((a, b) => {
      const x = keys[a], y = keys[b];
      return typeof x === "number" && typeof y === "number" ? x - y : x < y ? -1 : x > y ? 1 : 0;
    });
    const remap = new Int32Array(keys.length);
    perm.forEach((old, nu) => (remap[old] = nu));
    const labels = raw.map((k) => (k < 0 ? -1 : remap[k]));
    return { labels, names: perm.map((i) => String(keys[i])) };
  }

  /**
   * A table of the named columns, in the order given.
   *
   * @example
   * ```ts
   * new io.Table({ a: [1], b: [2], c: [3] }).select(["c", "a"]).columns; // => ["c", "a"]
   * ```
   */
  select(columns: readonly string[]): Table {
    checkNames("io.Table#select", "columns", columns);
    return Table.wrap(columns, columns.map((n) => this.data[this.indexOf(n)]));
  }

  /**
   * The rows named by an index array (repeats allowed, in the order given) or a boolean mask of length
   * `nrows` — pandas' `df.iloc[index]` / `df[mask]`.
   *
   * @example
   * ```ts
   * const t = new io.Table({ x: [10, 20, 30], s: ["a", "b", "c"] });
   * t.take([2, 0]).column("s"); // => ["c", "a"]
   * t.take(Array.from(t.column("x") as Float64Array, (v) => v > 15)).column("x"); // => [20, 30]
   * ```
   */
  take(rows: ArrayLike<number> | ArrayLike<boolean>): Table {
    const r: unknown = rows;
    if (!(Array.isArray(r) || (ArrayBuffer.isView(r) && !(r instanceof DataView) && !(r instanceof BigInt64Array || r instanceof BigUint64Array)))) {
      throw new EigenlabError("bad-input", message.tableTakeRows(r));
    }
    let idx: number[];
    if (rows.length > 0 && typeof rows[0] === "boolean") {
      if (rows.length !== this.nrows) throw new EigenlabError("shape", message.maskLength("table.take", rows.length, this.nrows));
      idx = [];
      for (let i = 0; i < rows.length; i++) {
        if (typeof rows[i] !== "boolean") throw new EigenlabError("bad-input", message.tableMaskEntry(i, rows[i]));
        if (rows[i]) idx.push(i);
      }
    } else {
      idx = Array.from(rows as ArrayLike<number>);
      idx.forEach((v, k) => {
        if (!(Number.isInteger(v) && v >= 0 && v < this.nrows)) throw new EigenlabError("index", message.takeIndex("table.take", k, v, this.nrows));
      });
    }
    const data = this.data.map((c): Column => {
      if (!Array.isArray(c)) {
        const out = c instanceof Float32Array ? new Float32Array(idx.length) : new Float64Array(idx.length);
        for (let k = 0; k < idx.length; k++) out[k] = c[idx[k]];
        return out;
      }
      return idx.map((i) => c[i]);
    });
    return Table.wrap(this.columns, data);
  }

  /**
   * The rows for which `predicate(row, i)` is true; `row` maps each column name to its cell.
   *
   * @example
   * ```ts
   * const t = new io.Table({ x: [1, 5, 3], s: ["a", "b", "c"] });
   * t.filter((r) => (r.x as number) > 2).column("s"); // => ["b", "c"]
   * ```
   */
  filter(predicate: (row: Record<string, number | string>, i: number) => boolean): Table {
    if (typeof predicate !== "function") throw new EigenlabError("bad-input", message.notAFunction("io.Table#filter", "predicate", predicate) + " E.g. t.filter((row) => (row.x as number) > 0).");
    const mask: boolean[] = new Array(this.nrows);
    for (let i = 0; i < this.nrows; i++) {
      const row: Record<string, number | string> = {};
      this.columns.forEach((n, j) => (row[n] = this.data[j][i]));
      mask[i] = !!predicate(row, i);
    }
    return this.take(mask);
  }

  /**
   * Row i as a record { column: cell }.
   *
   * @example
   * ```ts
   * new io.Table({ x: [1, 2], s: ["a", "b"] }).row(1).s; // => "b"
   * ```
   */
  row(i: number): Record<string, number | string> {
    if (!(Number.isInteger(i) && i >= 0 && i < this.nrows)) throw new EigenlabError("index", message.takeIndex("table.row", 0, i, this.nrows));
    const out: Record<string, number | string> = {};
    this.columns.forEach((n, j) => (out[n] = this.data[j][i]));
    return out;
  }

  /** A plain-text view: shape, column types and the first rows. */
  toString(): string {
    const n = Math.min(this.nrows, 10);
    const cells = this.columns.map((name, j) => {
      const col = [name, this.types[j] === "number" ? "<num>" : "<str>"];
      for (let i = 0; i < n; i++) col.push(formatCell(this.data[j][i]));
      const w = Math.min(24, Math.max(...col.map((s) => s.length)));
      return col.map((s) => (s.length > w ? s.slice(0, w - 1) + "…" : s).padStart(w));
    });
    const lines: string[] = [`Table ${this.nrows} rows × ${this.columns.length} columns`];
    for (let i = 0; i < n + 2; i++) lines.push(cells.map((c) => c[i]).join("  "));
    if (this.nrows > n) lines.push(`… ${this.nrows - n} more rows`);
    return lines.join("\n");
  }

  /** Notebook display: a compact HTML table of the first 10 rows with shape and column types, and text. */
  [JUPYTER_DISPLAY](): MimeBundle {
    const n = Math.min(this.nrows, 10);
    const esc = escapeHtml;
    const head = this.columns
      .map((c, j) => `<th style="text-align:right">${esc(c)}<br><small style="font-weight:normal;opacity:.7">${this.types[j]}</small></th>`)
      .join("");
    const body: string[] = [];
    for (let i = 0; i < n; i++) {
      const tds = this.data.map((c) => `<td style="text-align:right">${esc(formatCell(c[i]))}</td>`).join("");
      body.push(`<tr><th style="opacity:.6">${i}</th>${tds}</tr>`);
    }
    const more = this.nrows > n ? `<tr><td colspan="${this.columns.length + 1}" style="opacity:.6">… ${this.nrows - n} more rows</td></tr>` : "";
    const html =
      `<div class="eigenlab-table"><div style="font-size:90%;opacity:.8">Table: ${this.nrows} rows × ${this.columns.length} columns</div>` +
      `<table><thead><tr><th></th>${head}</tr></thead><tbody>${body.join("")}${more}</tbody></table></div>`;
    return { "text/html": html, "text/plain": this.toString() };
  }

  private indexOf(name: string): number {
    const j = this.byName.get(name);
    if (j === undefined) throw new EigenlabError("bad-input", message.tableNoColumn(name, this.columns));
    return j;
  }
}

function formatCell(v: number | string): string {
  if (typeof v === "string") return v;
  if (Number.isNaN(v)) return "NaN";
  return Number.isInteger(v) || Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6 ? String(Number(v.toPrecision(6))) : v.toExponential(4);
}

/** What the table writers take: a Table, a Matrix, or nested arrays of numbers (copied into a Matrix). */
export function tableOrMatrix(fn: string, value: unknown): Table | Matrix {
  if (value instanceof Table || value instanceof Matrix) return value;
  if (Array.isArray(value) && value.length > 0 && value.every(Array.isArray)) return asMatrix(fn, "the value", value);
  throw new EigenlabError("bad-input", message.tableInput(fn, value));
}

/** Column names given to a Table method: an array of strings (a bare string or a number is refused, not spread). */
function checkNames(fn: string, what: string, names: unknown): void {
  if (!Array.isArray(names)) throw new EigenlabError("bad-input", message.tableNames(fn, what, names));
  names.forEach((n, i) => {
    if (typeof n !== "string") throw new EigenlabError("bad-input", message.tableNameEntry(fn, what, i, n));
  });
}
