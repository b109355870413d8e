/**
 * Dense matrices: immutable, row-major, float64. Nothing here mutates a Matrix after construction; in-place
 * work happens only inside kernels named `...Into(out, ...)` on raw arrays (see kernels/blas.ts).
 */
import { EigenlabError } from "./errors";
import { message } from "./messages";
import { checkDimension, checkIndex } from "./validate/checks";
import { checkOptions, opt } from "./validate/options";
import { asScalar, asVector } from "./validate/vectors";
import { isLinearOperator } from "./operator";
import { Rng } from "./random";
import { displayBundle, JUPYTER_DISPLAY, MimeBundle } from "./display";
import { matmulInto } from "./kernels";
import { checkAllocation, f64Bytes } from "./guard";

export interface RandomOptions {
  /** Seed of the random choices; same seed, same result (default 0). */
  seed?: number;
  /** "normal" (default): standard normal entries; "uniform": uniform on [0, 1). */
  dist?: "normal" | "uniform";
}

/**
 * A dense matrix: immutable, row-major float64 (`rows`, `cols`, `data`); `A.T` is the cached transpose.
 *
 * @example
 * ```ts
 * const A = Matrix.from([[1, 2], [3, 4]]);
 * A.shape; // => [2, 2]
 * A.T.toArray(); // => [[1, 3], [2, 4]]
 * A.data; // => [1, 2, 3, 4]
 * ```
 */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major entries; entry (i, j) is data[i * cols + j]. Treat as read-only. */
  readonly data: Float64Array;
  private transposed?: Matrix;

  /** Wraps `data` without copying: callers hand over ownership. Use Matrix.from for user input. */
  constructor(rows: number, cols: number, data: Float64Array) {
    checkDimension("rows", rows);
    checkDimension("cols", cols);
    if (data.length !== rows * cols) throw new EigenlabError("shape", message.dataLength(data.length, rows, cols));
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  /**
   * Builds a matrix from nested arrays (rows). Rejects ragged input. NaN is allowed here; solvers check.
   *
   * @example
   * ```ts
   * const A = Matrix.from([[1, 2, 3], [4, 5, 6]]);
   * A.shape; // => [2, 3]
   * A.get(1, 2); // => 6
   * Matrix.from([[1, 2], [3]]); // => throws shape
   * ```
   */
  static from(rows: ArrayLike<ArrayLike<number>>): Matrix {
    checkNested("Matrix.from", "rows", rows);
    const r = rows.length;
    const c = r === 0 ? 0 : rows[0].length;
    const data = new Float64Array(r * c);
    for (let i = 0; i < r; i++) {
      const row = rows[i];
      if (row.length !== c) throw new EigenlabError("shape", message.raggedRows(i, row.length, c));
      for (let j = 0; j < c; j++) data[i * c + j] = row[j];
    }
    return new Matrix(r, c, data);
  }

  /**
   * Copies a flat row-major array.
   *
   * @example
   * ```ts
   * Matrix.fromFlat(2, 3, [1, 2, 3, 4, 5, 6]).toArray(); // => [[1, 2, 3], [4, 5, 6]]
   * ```
   */
  static fromFlat(rows: number, cols: number, data: ArrayLike<number>): Matrix {
    checkDimension("rows", rows);
    checkDimension("cols", cols);
    asVector("Matrix.fromFlat", "data", data);
    return new Matrix(rows, cols, Float64Array.from(data));
  }

  /**
   * A matrix whose columns are the given vectors.
   *
   * @example
   * ```ts
   * Matrix.fromColumns([[1, 2], [3, 4], [5, 6]]).toArray(); // => [[1, 3, 5], [2, 4, 6]]
   * ```
   */
  static fromColumns(columns: ArrayLike<ArrayLike<number>>): Matrix {
    checkNested("Matrix.fromColumns", "columns", columns);
    const c = columns.length;
    const r = c === 0 ? 0 : columns[0].length;
    const data = new Float64Array(r * c);
    for (let j = 0; j < c; j++) {
      const col = columns[j];
      if (col.length !== r) throw new EigenlabError("shape", message.raggedRows(j, col.length, r));
      for (let i = 0; i < r; i++) data[i * c + j] = col[i];
    }
    return new Matrix(r, c, data);
  }

  /**
   * The rows × cols zero matrix.
   *
   * @example
   * ```ts
   * Matrix.zeros(2, 3).toArray(); // => [[0, 0, 0], [0, 0, 0]]
   * ```
   */
  static zeros(rows: number, cols: number): Matrix {
    checkDimension("rows", rows);
    checkDimension("cols", cols);
    checkAllocation("Matrix.zeros", `a ${rows} × ${cols} matrix`, f64Bytes(rows, cols));
    return new Matrix(rows, cols, new Float64Array(rows * cols));
  }

  /**
   * The n × n identity.
   *
   * @example
   * ```ts
   * Matrix.eye(2).toArray(); // => [[1, 0], [0, 1]]
   * ```
   */
  static eye(n: number): Matrix {
    checkDimension("n", n);
    checkAllocation("Matrix.eye", `a ${n} × ${n} matrix`, f64Bytes(n, n));
    const d = new Float64Array(n * n);
    for (let i = 0; i < n; i++) d[i * n + i] = 1;
    return new Matrix(n, n, d);
  }

  /**
   * The square matrix with `values` on its diagonal.
   *
   * @example
   * ```ts
   * Matrix.diag([1, 2]).toArray(); // => [[1, 0], [0, 2]]
   * ```
   */
  static diag(values: ArrayLike<number>): Matrix {
    asVector("Matrix.diag", "values", values);
    const n = values.length;
    checkAllocation("Matrix.diag", `a ${n} × ${n} matrix`, f64Bytes(n, n));
    const d = new Float64Array(n * n);
    for (let i = 0; i < n; i++) d[i * n + i] = values[i];
    return new Matrix(n, n, d);
  }

  /**
   * Seeded random matrix, standard normal (default) or uniform on [0, 1).
   *
   * @example
   * ```ts
   * const A = Matrix.random(3, 2, { seed: 1 });
   * A.shape; // => [3, 2]
   * A.sub(Matrix.random(3, 2, { seed: 1 })).norm(); // => 0
   * Matrix.random(1000, 1, { seed: 2, dist: "uniform" }).data.every((u) => u >= 0 && u < 1); // => true
   * ```
   */
  static random(rows: number, cols: number, opts: RandomOptions = {}): Matrix {
    checkOptions("Matrix.random", opts, RANDOM_OPTIONS);
    checkDimension("rows", rows);
    checkDimension("cols", cols);
    const dist = opts.dist ?? "normal";
    checkAllocation("Matrix.random", `a ${rows} × ${cols} matrix`, f64Bytes(rows, cols));
    const rng = new Rng(opts.seed ?? 0);
    const data = new Float64Array(rows * cols);
    if (dist === "normal") rng.fillNormal(data);
    else rng.fillUniform(data);
    return new Matrix(rows, cols, data);
  }

  /**
   * Entry (i, j); out-of-range indices are an error.
   *
   * @example
   * ```ts
   * Matrix.from([[1, 2], [3, 4]]).get(1, 0); // => 3
   * ```
   */
  get(i: number, j: number): number {
    if (!(i >= 0 && i < this.rows && j >= 0 && j < this.cols) || !Number.isInteger(i) || !Number.isInteger(j)) {
      throw new EigenlabError("index", message.indexOutOfRange(i, j, this.rows, this.cols));
    }
    return this.data[i * this.cols + j];
  }

  /** The transpose (computed once, then cached: O(rows·cols), never a decomposition). */
  get T(): Matrix {
    if (!this.transposed) {
      const { rows, cols, data } = this;
      const out = new Float64Array(rows * cols);
      const B = 32;
      for (let ii = 0; ii < rows; ii += B) {
        for (let jj = 0; jj < cols; jj += B) {
          const iMax = Math.min(ii + B, rows);
          const jMax = Math.min(jj + B, cols);
          for (let i = ii; i < iMax; i++) for (let j = jj; j < jMax; j++) out[j * rows + i] = data[i * cols + j];
        }
      }
      this.transposed = new Matrix(cols, rows, out);
      this.transposed.transposed = this;
    }
    return this.transposed;
  }

  /**
   * The product A B (inner dimensions must agree).
   *
   * @example
   * ```ts
   * const A = Matrix.from([[1, 2], [3, 4]]);
   * A.matmul(Matrix.eye(2)).toArray(); // => [[1, 2], [3, 4]]
   * A.matmul(A).toArray(); // => [[7, 10], [15, 22]]
   * ```
   */
  matmul(B: Matrix): Matrix {
    B = matrixInput("Matrix.matmul", "B", B, "for a sparse B compute (B.T times A.T) with CsrMatrix.matvec column by column");
    if (this.cols !== B.rows) throw new EigenlabError("shape", message.matmulShape(this.shape, B.shape));
    const out = new Float64Array(this.rows * B.cols);
    matmulInto(out, this.data, B.data, this.rows, this.cols, B.cols);
    return new Matrix(this.rows, B.cols, out);
  }

  /**
   * y = A x for a vector x.
   *
   * @example
   * ```ts
   * Matrix.from([[1, 2], [3, 4]]).matvec([1, 1]); // => [3, 7]
   * ```
   */
  matvec(x: ArrayLike<number>): Float64Array {
    asVector("Matrix.matvec", "x", x);
    if (x.length !== this.cols) throw new EigenlabError("shape", message.vectorLength("x", x.length, this.cols));
    const { rows, cols, data } = this;
    const y = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let s = 0;
      const o = i * cols;
      for (let j = 0; j < cols; j++) s += data[o + j] * x[j];
      y[i] = s;
    }
    return y;
  }

  /**
   * A + B (same shape; nested arrays are taken as a Matrix), or A + c with a number c added to every entry
   * (numpy's broadcasting; for A + cI add `Matrix.eye(n).scale(c)`).
   *
   * @example
   * ```ts
   * Matrix.eye(2).add(Matrix.from([[0, 1], [2, 3]])).toArray(); // => [[1, 1], [2, 4]]
   * Matrix.eye(2).add(5).toArray(); // => [[6, 5], [5, 6]]
   * ```
   */
  add(B: Matrix | number): Matrix {
    if (typeof B === "number") return this.shift(asScalar("Matrix.add", "c", B));
    B = this.operand("Matrix.add", B);
    this.checkSameShape(B);
    const out = new Float64Array(this.data.length);
    for (let i = 0; i < out.length; i++) out[i] = this.data[i] + B.data[i];
    return new Matrix(this.rows, this.cols, out);
  }

  /**
   * A − B (same shape; nested arrays are taken as a Matrix), or A − c with a number c taken from every entry.
   *
   * @example
   * ```ts
   * Matrix.from([[5, 5], [5, 5]]).sub(Matrix.eye(2)).toArray(); // => [[4, 5], [5, 4]]
   * Matrix.from([[5, 5], [5, 5]]).sub(1).toArray(); // => [[4, 4], [4, 4]]
   * ```
   */
  sub(B: Matrix | number): Matrix {
    if (typeof B === "number") return this.shift(-asScalar("Matrix.sub", "c", B));
    B = this.operand("Matrix.sub", B);
    this.checkSameShape(B);
    const out = new Float64Array(this.data.length);
    for (let i = 0; i < out.length; i++) out[i] = this.data[i] - B.data[i];
    return new Matrix(this.rows, this.cols, out);
  }

  /**
   * α A.
   *
   * @example
   * ```ts
   * Matrix.eye(2).scale(3).toArray(); // => [[3, 0], [0, 3]]
   * ```
   */
  scale(alpha: number): Matrix {
    asScalar("Matrix.scale", "alpha", alpha, "For an element-wise product of two matrices there is no method yet; loop over .data.");
    const out = new Float64Array(this.data.length);
    for (let i = 0; i < out.length; i++) out[i] = alpha * this.data[i];
    return new Matrix(this.rows, this.cols, out);
  }

  /**
   * A copy of row i.
   *
   * @example
   * ```ts
   * Matrix.from([[1, 2], [3, 4]]).row(1); // => [3, 4]
   * ```
   */
  row(i: number): Float64Array {
    checkIndex("Matrix.row", "i", i, this.rows);
    return this.data.slice(i * this.cols, (i + 1) * this.cols);
  }

  /**
   * A copy of column j.
   *
   * @example
   * ```ts
   * Matrix.from([[1, 2], [3, 4]]).col(1); // => [2, 4]
   * ```
   */
  col(j: number): Float64Array {
    checkIndex("Matrix.col", "j", j, this.cols);
    const out = new Float64Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.data[i * this.cols + j];
    return out;
  }

  /**
   * Columns [start, end) as a new matrix.
   *
   * @example
   * ```ts
   * Matrix.from([[1, 2, 3], [4, 5, 6]]).sliceCols(1, 3).toArray(); // => [[2, 3], [5, 6]]
   * ```
   */
  sliceCols(start: number, end: number): Matrix {
    checkIndex("Matrix.sliceCols", "start", start, this.cols + 1);
    checkIndex("Matrix.sliceCols", "end", end, this.cols + 1);
    if (end < start) throw new EigenlabError("index", message.badIndex("Matrix.sliceCols", "end", end, this.cols + 1) + ` It must be at least start = ${start}.`);
    const c = end - start;
    const out = new Float64Array(this.rows * c);
    for (let i = 0; i < this.rows; i++) out.set(this.data.subarray(i * this.cols + start, i * this.cols + end), i * c);
    return new Matrix(this.rows, c, out);
  }

  /**
   * The rows named by `index` (an array of row indices, repeats allowed, in the order given) or by a boolean
   * mask of length `rows` (rows where it is true, in order), as a new matrix — numpy's `X[index]` / `X[mask]`.
   *
   * @example
   * ```ts
   * const X = Matrix.from([[1, 2], [3, 4], [5, 6]]);
   * X.takeRows([2, 0]).toArray(); // => [[5, 6], [1, 2]]
   * X.takeRows([true, false, true]).toArray(); // => [[1, 2], [5, 6]]
   * ```
   */
  takeRows(index: ArrayLike<number> | ArrayLike<boolean>): Matrix {
    const idx = resolveTake("takeRows", index, this.rows);
    const { cols, data } = this;
    const out = new Float64Array(idx.length * cols);
    for (let k = 0; k < idx.length; k++) out.set(data.subarray(idx[k] * cols, idx[k] * cols + cols), k * cols);
    return new Matrix(idx.length, cols, out);
  }

  /**
   * The columns named by `index` (indices, repeats allowed) or by a boolean mask of length `cols`, as a new
   * matrix — numpy's `X[:, index]` / `X[:, mask]`.
   *
   * @example
   * ```ts
   * const X = Matrix.from([[1, 2, 3], [4, 5, 6]]);
   * X.takeCols([2, 0]).toArray(); // => [[3, 1], [6, 4]]
   * X.takeCols([false, true, false]).toArray(); // => [[2], [5]]
   * ```
   */
  takeCols(index: ArrayLike<number> | ArrayLike<boolean>): Matrix {
    const idx = resolveTake("takeCols", index, this.cols);
    const { rows, cols, data } = this;
    const c = idx.length;
    const out = new Float64Array(rows * c);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let k = 0; k < c; k++) out[i * c + k] = data[o + idx[k]];
    }
    return new Matrix(rows, c, out);
  }

  /**
   * Column means (numpy `X.mean(axis=0)`); NaN entries propagate. A matrix with no rows gives NaN means.
   *
   * @example
   * ```ts
   * Matrix.from([[1, 2], [3, 6]]).colMeans(); // => [2, 4]
   * ```
   */
  colMeans(): Float64Array {
    const { rows, cols, data } = this;
    const mean = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) mean[j] += data[o + j];
    }
    for (let j = 0; j < cols; j++) mean[j] /= rows;
    return mean;
  }

  /**
   * Column standard deviations with `ddof` delta degrees of freedom (numpy `X.std(axis=0, ddof=ddof)`:
   * divisor rows − ddof; default 0, the population deviation). Two passes (mean first, then squared
   * deviations), which keeps the round-off of the one-pass sum-of-squares formula out of near-constant
   * columns. rows ≤ ddof gives NaN, as numpy does.
   *
   * @example
   * ```ts
   * Matrix.from([[1, 2], [3, 2]]).colStds(); // => [1, 0]
   * Matrix.from([[1, 2], [3, 2]]).colStds(1); // => [1.4142135623730951, 0]
   * ```
   */
  colStds(ddof = 0): Float64Array {
    return this.stdsAbout(this.colMeans(), ddof);
  }

  /** Column standard deviations about the given column means (colStds and standardize share one mean pass). */
  private stdsAbout(mean: Float64Array, ddof: number): Float64Array {
    if (!(Number.isInteger(ddof) && ddof >= 0)) throw new EigenlabError("bad-option", message.badDdof(ddof));
    const { rows, cols, data } = this;
    const ss = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) {
        const d = data[o + j] - mean[j];
        ss[j] += d * d;
      }
    }
    const div = rows - ddof;
    for (let j = 0; j < cols; j++) ss[j] = div > 0 ? Math.sqrt(ss[j] / div) : NaN;
    return ss;
  }

  /**
   * Z-scores every column: (x − mean) / std with the population deviation (ddof 0), as scikit-learn's
   * `StandardScaler` does. A constant column (std 0) is centred but not scaled — it becomes all zeros, not
   * NaN — again as `StandardScaler` does (it replaces a zero scale by 1). `ddof` changes the divisor.
   *
   * @example
   * ```ts
   * Matrix.from([[1, 5], [3, 5]]).standardize().toArray(); // => [[-1, 0], [1, 0]]
   * ```
   */
  standardize(opts: {
    /** Delta degrees of freedom of the deviation (divisor rows − ddof; default 0, numpy's). */
    ddof?: number;
  } = {}): Matrix {
    checkOptions("Matrix.standardize", opts, { ddof: opt.integer(0) });
    const mean = this.colMeans();
    const std = this.stdsAbout(mean, opts.ddof ?? 0);
    const { rows, cols, data } = this;
    const out = new Float64Array(rows * cols);
    for (let j = 0; j < cols; j++) if (std[j] === 0) std[j] = 1;
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) out[o + j] = (data[o + j] - mean[j]) / std[j];
    }
    return new Matrix(rows, cols, out);
  }

  /**
   * Joins matrices side by side (numpy `np.hstack`): all must have the same number of rows.
   *
   * @example
   * ```ts
   * Matrix.hstack([Matrix.from([[1], [2]]), Matrix.from([[3, 4], [5, 6]])]).toArray(); // => [[1, 3, 4], [2, 5, 6]]
   * ```
   */
  static hstack(blocks: readonly Matrix[]): Matrix {
    if (!Array.isArray(blocks)) throw new EigenlabError("bad-input", message.notAVector("Matrix.hstack", "blocks (an array of matrices)", blocks));
    blocks = blocks.map((b, i) => matrixInput("Matrix.hstack", `blocks[${i}]`, b));
    if (blocks.length === 0) throw new EigenlabError("shape", message.stackEmpty("hstack"));
    const rows = blocks[0].rows;
    let cols = 0;
    for (let b = 0; b < blocks.length; b++) {
      if (blocks[b].rows !== rows) throw new EigenlabError("shape", message.stackShape("hstack", b, "rows", blocks[b].rows, rows));
      cols += blocks[b].cols;
    }
    const out = new Float64Array(rows * cols);
    let offset = 0;
    for (const B of blocks) {
      for (let i = 0; i < rows; i++) out.set(B.data.subarray(i * B.cols, (i + 1) * B.cols), i * cols + offset);
      offset += B.cols;
    }
    return new Matrix(rows, cols, out);
  }

  /**
   * Stacks matrices on top of each other (numpy `np.vstack`): all must have the same number of columns.
   *
   * @example
   * ```ts
   * Matrix.vstack([Matrix.from([[1, 2]]), Matrix.from([[3, 4], [5, 6]])]).toArray(); // => [[1, 2], [3, 4], [5, 6]]
   * ```
   */
  static vstack(blocks: readonly Matrix[]): Matrix {
    if (!Array.isArray(blocks)) throw new EigenlabError("bad-input", message.notAVector("Matrix.vstack", "blocks (an array of matrices)", blocks));
    blocks = blocks.map((b, i) => matrixInput("Matrix.vstack", `blocks[${i}]`, b));
    if (blocks.length === 0) throw new EigenlabError("shape", message.stackEmpty("vstack"));
    const cols = blocks[0].cols;
    let rows = 0;
    for (let b = 0; b < blocks.length; b++) {
      if (blocks[b].cols !== cols) throw new EigenlabError("shape", message.stackShape("vstack", b, "columns", blocks[b].cols, cols));
      rows += blocks[b].rows;
    }
    const out = new Float64Array(rows * cols);
    let offset = 0;
    for (const B of blocks) {
      out.set(B.data, offset);
      offset += B.data.length;
    }
    return new Matrix(rows, cols, out);
  }

  /**
   * Frobenius norm.
   *
   * @example
   * ```ts
   * // the Frobenius norm: sqrt(3² + 4²)
   * Matrix.from([[3, 0], [0, 4]]).norm(); // => 5
   * ```
   */
  norm(): number {
    let s = 0;
    for (let i = 0; i < this.data.length; i++) s += this.data[i] * this.data[i];
    return Math.sqrt(s);
  }

  /**
   * The entries as nested arrays (rows).
   *
   * @example
   * ```ts
   * Matrix.diag([1, 2]).toArray(); // => [[1, 0], [0, 2]]
   * ```
   */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  toString(): string {
    const maxRows = 6;
    const maxCols = 6;
    const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4));
    const lines: string[] = [];
    for (let i = 0; i < Math.min(this.rows, maxRows); i++) {
      const cells: string[] = [];
      for (let j = 0; j < Math.min(this.cols, maxCols); j++) cells.push(fmt(this.data[i * this.cols + j]).padStart(11));
      if (this.cols > maxCols) cells.push("  …");
      lines.push(cells.join(" "));
    }
    if (this.rows > maxRows) lines.push("  …");
    return `Matrix ${this.rows}×${this.cols}\n${lines.join("\n")}`;
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return displayBundle("matrix", this, this.toString());
  }

  /** A + c on every entry. */
  private shift(c: number): Matrix {
    const out = new Float64Array(this.data.length);
    for (let i = 0; i < out.length; i++) out[i] = this.data[i] + c;
    return new Matrix(this.rows, this.cols, out);
  }

  private operand(fn: string, B: unknown): Matrix {
    if (B === null || B === undefined || (typeof B !== "object" && typeof B !== "number")) throw new EigenlabError("bad-input", message.addOperand(fn, B));
    return matrixInput(fn, "B", B);
  }

  private checkSameShape(B: Matrix): void {
    if (this.rows !== B.rows || this.cols !== B.cols) {
      throw new EigenlabError("shape", message.shapeMismatch(this.shape, B.shape));
    }
  }
}

/**
 * Turns an index array or a boolean mask into row/column indices, checking the range (negative indices are
 * an error rather than numpy's count-from-the-end, which hides off-by-one bugs).
 */
function resolveTake(fn: string, index: ArrayLike<number> | ArrayLike<boolean>, n: number): Int32Array {
  if (!Array.isArray(index) && !(ArrayBuffer.isView(index) && !(index instanceof DataView))) {
    throw new EigenlabError("bad-input", message.notAVector(fn, "index (row/column indices or a boolean mask)", index));
  }
  const len = index.length;
  if (len > 0 && typeof index[0] === "boolean") {
    if (len !== n) throw new EigenlabError("shape", message.maskLength(fn, len, n));
    let count = 0;
    for (let k = 0; k < len; k++) if (index[k]) count++;
    const out = new Int32Array(count);
    let p = 0;
    for (let k = 0; k < len; k++) if (index[k]) out[p++] = k;
    return out;
  }
  const out = new Int32Array(len);
  for (let k = 0; k < len; k++) {
    const v = index[k] as number;
    if (!(Number.isInteger(v) && v >= 0 && v < n)) throw new EigenlabError("index", message.takeIndex(fn, k, v, n));
    out[k] = v;
  }
  return out;
}

const RANDOM_OPTIONS = { seed: opt.seed, dist: opt.oneOf("normal", "uniform") };

/** Throws unless `rows` is an array (or typed array) of arrays / typed arrays of numbers. */
function checkNested(fn: string, what: string, rows: unknown): void {
  const ok = (r: unknown) => Array.isArray(r) || (ArrayBuffer.isView(r) && !(r instanceof DataView));
  if (!ok(rows)) throw new EigenlabError("bad-input", message.notAMatrix(fn, what, rows));
  const rs = rows as ArrayLike<unknown>;
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i];
    if (!ok(r) || ArrayBuffer.isView(rs)) throw new EigenlabError("bad-input", message.notAMatrix(fn, what, rows));
    if (Array.isArray(r)) for (let j = 0; j < r.length; j++) if (typeof r[j] !== "number") throw new EigenlabError("bad-input", message.matrixEntry(fn, what, i, j, r[j]));
  }
}

/**
 * The dense-Matrix input rule of every public function (re-exported as `asMatrix` from validate/inputs; it
 * lives here because Matrix's own methods use it and validate/ must not import Matrix in a cycle): a Matrix
 * passes; nested arrays of numbers are copied into one; a CsrMatrix (recognized by shape: csr.ts imports this
 * module) is refused naming `.toDense()` and `sparseHint`; everything else is refused saying how to build one.
 */
export function matrixInput(fn: string, what: string, x: unknown, sparseHint = ""): Matrix {
  if (x instanceof Matrix) return x;
  if (x === null || x === undefined) throw new EigenlabError("bad-input", message.missingInput(fn, what, "a Matrix", x));
  const sparse = x as { indptr?: unknown; rows?: number; cols?: number };
  if (sparse.indptr instanceof Int32Array) throw new EigenlabError("bad-input", message.sparseWhereDense(fn, what, sparse.rows ?? 0, sparse.cols ?? 0, sparseHint));
  if (isNestedNumbers(fn, what, x)) return Matrix.from(x);
  if (isLinearOperator(x)) throw new EigenlabError("bad-input", message.operatorWhereDense(fn, what, sparseHint));
  throw new EigenlabError("bad-input", message.notAMatrix(fn, what, x));
}

/** True for an array of arrays / typed arrays (plain rows must hold numbers only: a string entry throws). */
export function isNestedNumbers(fn: string, what: string, x: unknown): x is ArrayLike<ArrayLike<number>> {
  if (!Array.isArray(x)) return false;
  for (const row of x) if (!(Array.isArray(row) || (ArrayBuffer.isView(row) && !(row instanceof DataView)))) return false;
  checkNested(fn, what, x);
  return true;
}
