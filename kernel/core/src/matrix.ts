/**
 * Dense matrices: immutable, row-major, float64 or float32 storage (dtype.ts). Nothing here mutates a Matrix
 * after construction; in-place work happens only inside kernels named `...Into(out, ...)` on raw arrays (see
 * kernels/blas.ts).
 *
 * float32 (issue #15): `stored` is the array the entries live in; `data` stays the Float64Array of the public
 * contract — for a float64 matrix the same array, for a float32 one a widened copy made on first read and kept
 * (so code written for float64 keeps working, at 12 bytes an entry). The methods here and the memory-bound
 * solvers (matvec, kNN, NN-descent, Lanczos/eigsh through `matvec`) read `stored` directly and never make it.
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
import { checkAllocation } from "./guard";
import { allocFloat, bytesPer, checkDtype, Dtype, dtypeOf, FloatArray, promote, toFloat64, widenedCopy } from "./dtype";

export interface RandomOptions {
  /** Seed of the random choices; same seed, same result (default 0). */
  seed?: number;
  /** "normal" (default): standard normal entries; "uniform": uniform on [0, 1). */
  dist?: "normal" | "uniform";
  /** Storage type, "float64" (default) or "float32" (normal draws are made in float64, then rounded). */
  dtype?: Dtype;
}

/** Options of the builders that take a storage type. */
export interface DtypeOptions {
  /** Storage type: "float64" (default) or "float32" (half the memory; arithmetic still accumulates in float64). */
  dtype?: Dtype;
}

/**
 * A dense matrix: immutable, row-major (`rows`, `cols`, `data`), stored as float64 (default) or float32
 * (`dtype`, `stored`); `A.T` is the cached transpose.
 *
 * @example
 * ```ts
 * const A = Matrix.from([[1, 2], [3, 4]]);
 * A.shape; // => [2, 2]
 * A.T.toArray(); // => [[1, 3], [2, 4]]
 * A.data; // => [1, 2, 3, 4]
 * const F = Matrix.from([[1, 2], [3, 4]], { dtype: "float32" });
 * F.dtype; // => "float32"
 * F.stored instanceof Float32Array; // => true
 * F.matmul(F).dtype; // => "float32"
 * F.matmul(A).dtype; // => "float64"
 * ```
 */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  /** The row-major entries as stored (Float64Array or Float32Array); entry (i, j) is stored[i * cols + j]. Read-only. */
  readonly stored: FloatArray;
  /** "float64" or "float32": the type of `stored`. */
  readonly dtype: Dtype;
  private transposed?: Matrix;

  /**
   * Wraps `data` without copying: callers hand over ownership. A Float32Array stays float32 (no copy to
   * float64). Use Matrix.from for user input.
   */
  constructor(rows: number, cols: number, data: FloatArray) {
    checkDimension("rows", rows);
    checkDimension("cols", cols);
    if (!(data instanceof Float64Array || data instanceof Float32Array)) throw new EigenlabError("bad-input", message.dtypeStorage("new Matrix", "data", data));
    if (data.length !== rows * cols) throw new EigenlabError("shape", message.dataLength(data.length, rows, cols));
    this.rows = rows;
    this.cols = cols;
    this.stored = data;
    this.dtype = dtypeOf(data);
  }

  /**
   * Row-major entries as a Float64Array; entry (i, j) is data[i * cols + j]. Treat as read-only. For a float32
   * matrix this is a float64 copy made on first read and kept (8 more bytes an entry): read `stored` to avoid it.
   */
  get data(): Float64Array {
    const s = this.stored;
    if (s instanceof Float64Array) return s;
    return widenedCopy(this, s);
  }

  /**
   * The same entries stored as `dtype`: this matrix when it already is, else a copy (float64 → float32 rounds
   * to nearest, float32 → float64 is exact).
   *
   * @example
   * ```ts
   * const A = Matrix.from([[0.1, 2]]);
   * A.astype("float32").dtype; // => "float32"
   * A.astype("float32").get(0, 0); // => 0.10000000149011612
   * A.astype("float64") === A; // => true
   * ```
   */
  astype(dtype: Dtype): Matrix {
    const d = checkDtype("Matrix.astype", "dtype", dtype);
    if (d === this.dtype) return this;
    checkAllocation("Matrix.astype", `a ${this.rows} × ${this.cols} ${d} matrix`, this.rows * this.cols * bytesPer(d));
    return new Matrix(this.rows, this.cols, d === "float32" ? Float32Array.from(this.stored) : Float64Array.from(this.stored));
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
   * Matrix.from([[1, 2]], { dtype: "float32" }).dtype; // => "float32"
   * ```
   */
  static from(rows: ArrayLike<ArrayLike<number>>, opts: DtypeOptions = {}): Matrix {
    checkOptions("Matrix.from", opts, DTYPE_OPTIONS);
    checkNested("Matrix.from", "rows", rows);
    const r = rows.length;
    const c = r === 0 ? 0 : rows[0].length;
    const data = allocFloat(opts.dtype ?? "float64", r * c);
    for (let i = 0; i < r; i++) {
      const row = rows[i];
      if (row.length !== c) throw new EigenlabError("shape", message.raggedRows(i, row.length, c));
      for (let j = 0; j < c; j++) data[i * c + j] = row[j];
    }
    return new Matrix(r, c, data);
  }

  /**
   * Copies a flat row-major array, stored as `dtype` (default "float64").
   *
   * @example
   * ```ts
   * Matrix.fromFlat(2, 3, [1, 2, 3, 4, 5, 6]).toArray(); // => [[1, 2, 3], [4, 5, 6]]
   * Matrix.fromFlat(1, 2, new Float32Array([1, 2]), { dtype: "float32" }).dtype; // => "float32"
   * ```
   */
  static fromFlat(rows: number, cols: number, data: ArrayLike<number>, opts: DtypeOptions = {}): Matrix {
    checkOptions("Matrix.fromFlat", opts, DTYPE_OPTIONS);
    checkDimension("rows", rows);
    checkDimension("cols", cols);
    asVector("Matrix.fromFlat", "data", data);
    return new Matrix(rows, cols, opts.dtype === "float32" ? Float32Array.from(data) : Float64Array.from(data));
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
   * The rows × cols zero matrix, stored as `dtype` (default "float64").
   *
   * @example
   * ```ts
   * Matrix.zeros(2, 3).toArray(); // => [[0, 0, 0], [0, 0, 0]]
   * Matrix.zeros(2, 3, { dtype: "float32" }).stored.byteLength; // => 24
   * ```
   */
  static zeros(rows: number, cols: number, opts: DtypeOptions = {}): Matrix {
    checkOptions("Matrix.zeros", opts, DTYPE_OPTIONS);
    checkDimension("rows", rows);
    checkDimension("cols", cols);
    const dtype = opts.dtype ?? "float64";
    checkAllocation("Matrix.zeros", `a ${rows} × ${cols} matrix`, rows * cols * bytesPer(dtype));
    return new Matrix(rows, cols, allocFloat(dtype, rows * cols));
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
    checkAllocation("Matrix.eye", `a ${n} × ${n} matrix`, n * n * 8);
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
    checkAllocation("Matrix.diag", `a ${n} × ${n} matrix`, n * n * 8);
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
   * // float32: the float64 draws of the same seed, rounded
   * Matrix.random(3, 2, { seed: 1, dtype: "float32" }).sub(A.astype("float32")).norm(); // => 0
   * ```
   */
  static random(rows: number, cols: number, opts: RandomOptions = {}): Matrix {
    checkOptions("Matrix.random", opts, RANDOM_OPTIONS);
    checkDimension("rows", rows);
    checkDimension("cols", cols);
    const dist = opts.dist ?? "normal";
    const dtype = opts.dtype ?? "float64";
    checkAllocation("Matrix.random", `a ${rows} × ${cols} matrix`, rows * cols * bytesPer(dtype));
    const rng = new Rng(opts.seed ?? 0);
    if (dtype === "float32") {
      // Drawn in float64 blocks of 64 K and rounded, so the float32 matrix is the float64 one of the same seed,
      // rounded, without a full float64 copy.
      const out = new Float32Array(rows * cols);
      const block = new Float64Array(Math.min(out.length, 1 << 16));
      const fill = dist === "normal" ? (b: Float64Array) => rng.fillNormal(b) : (b: Float64Array) => rng.fillUniform(b);
      for (let o = 0; o < out.length; o += block.length) {
        const b = block.subarray(0, Math.min(block.length, out.length - o));
        fill(b);
        out.set(b, o);
      }
      return new Matrix(rows, cols, out);
    }
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
    return this.stored[i * this.cols + j];
  }

  /** The transpose (computed once, then cached: O(rows·cols), never a decomposition). */
  get T(): Matrix {
    if (!this.transposed) {
      const { rows, cols, stored: data } = this;
      const out = allocFloat(this.dtype, rows * cols);
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
   * // float32 × float32 stays float32 (summed in float64, rounded once); mixed gives float64
   * const F = A.astype("float32");
   * F.matmul(F).dtype; // => "float32"
   * F.matmul(F).toArray(); // => [[7, 10], [15, 22]]
   * F.matmul(A).dtype; // => "float64"
   * ```
   */
  matmul(B: Matrix): Matrix {
    B = matrixInput("Matrix.matmul", "B", B, "for a sparse B compute (B.T times A.T) with CsrMatrix.matvec column by column");
    if (this.cols !== B.rows) throw new EigenlabError("shape", message.matmulShape(this.shape, B.shape));
    const m = this.rows, k = this.cols, n = B.cols;
    if (promote(this.dtype, B.dtype) === "float64") {
      // Mixed: a float32 operand is widened (exactly) into a temporary; the product is float64, as numpy's.
      const out = new Float64Array(m * n);
      matmulInto(out, toFloat64(this.stored), toFloat64(B.stored), m, k, n);
      return new Matrix(m, n, out);
    }
    // float32 × float32: each inner product is accumulated in float64 by the float64 GEMM (a float32 sum would
    // lose about log2(k) bits) and rounded once into the float32 result. B is widened once (k·n·8 bytes) and A
    // a panel of rows at a time, so the float64 workspace stays O(k·n + panel·(k + n)), never a copy of A.
    const Bw = toFloat64(B.stored);
    const out = new Float32Array(m * n);
    const panel = Math.max(1, Math.min(m, Math.floor((1 << 20) / Math.max(1, k + n))));
    const Ap = new Float64Array(panel * k);
    const Cp = new Float64Array(panel * n);
    for (let i0 = 0; i0 < m; i0 += panel) {
      const rowsHere = Math.min(panel, m - i0);
      const a = Ap.subarray(0, rowsHere * k);
      a.set(this.stored.subarray(i0 * k, (i0 + rowsHere) * k));
      const c = Cp.subarray(0, rowsHere * n);
      c.fill(0);
      matmulInto(c, a, Bw, rowsHere, k, n);
      out.set(c, i0 * n);
    }
    return new Matrix(m, n, out);
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
    // Reads the stored entries (float32 too, no copy); the sum is float64 (JavaScript arithmetic).
    const { rows, cols, stored: data } = this;
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
    const a = this.stored, b = B.stored;
    const out = allocFloat(promote(this.dtype, B.dtype), a.length);
    for (let i = 0; i < out.length; i++) out[i] = a[i] + b[i];
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
    const a = this.stored, b = B.stored;
    const out = allocFloat(promote(this.dtype, B.dtype), a.length);
    for (let i = 0; i < out.length; i++) out[i] = a[i] - b[i];
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
    const a = this.stored;
    const out = allocFloat(this.dtype, a.length);
    for (let i = 0; i < out.length; i++) out[i] = alpha * a[i];
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
    return Float64Array.from(this.stored.subarray(i * this.cols, (i + 1) * this.cols));
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
    const a = this.stored;
    for (let i = 0; i < this.rows; i++) out[i] = a[i * this.cols + j];
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
    const out = allocFloat(this.dtype, this.rows * c);
    for (let i = 0; i < this.rows; i++) out.set(this.stored.subarray(i * this.cols + start, i * this.cols + end), i * c);
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
    const { cols, stored: data } = this;
    const out = allocFloat(this.dtype, idx.length * cols);
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
    const { rows, cols, stored: data } = this;
    const c = idx.length;
    const out = allocFloat(this.dtype, rows * c);
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
    const { rows, cols, stored: data } = this; // float64 sums, also for float32 storage
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
    const { rows, cols, stored: data } = this;
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
    const { rows, cols, stored: data } = this;
    const out = allocFloat(this.dtype, rows * cols);
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
    const out = allocFloat(stackDtype(blocks), rows * cols);
    let offset = 0;
    for (const B of blocks) {
      for (let i = 0; i < rows; i++) out.set(B.stored.subarray(i * B.cols, (i + 1) * B.cols), i * cols + offset);
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
    const out = allocFloat(stackDtype(blocks), rows * cols);
    let offset = 0;
    for (const B of blocks) {
      out.set(B.stored, offset);
      offset += B.stored.length;
    }
    return new Matrix(rows, cols, out);
  }

  /**
   * Frobenius norm. `ord` may only be "fro" (numpy's name for it): any other order (2, "nuc", Infinity) is an
   * error rather than a silently Frobenius answer — the spectral norm is `linalg.svd(A, { k: 1 }).s[0]`.
   *
   * @example
   * ```ts
   * // the Frobenius norm: sqrt(3² + 4²)
   * Matrix.from([[3, 0], [0, 4]]).norm(); // => 5
   * Matrix.from([[3, 0], [0, 4]]).norm("fro"); // => 5
   * ```
   */
  norm(ord?: "fro"): number {
    if (ord !== undefined && ord !== "fro") throw new EigenlabError("bad-option", message.matrixNormOrder(ord));
    const a = this.stored;
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i] * a[i];
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
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.stored.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  toString(): string {
    const maxRows = 6;
    const maxCols = 6;
    const fmt = (v: number) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4));
    const lines: string[] = [];
    for (let i = 0; i < Math.min(this.rows, maxRows); i++) {
      const cells: string[] = [];
      for (let j = 0; j < Math.min(this.cols, maxCols); j++) cells.push(fmt(this.stored[i * this.cols + j]).padStart(11));
      if (this.cols > maxCols) cells.push("  …");
      lines.push(cells.join(" "));
    }
    if (this.rows > maxRows) lines.push("  …");
    return `Matrix ${this.rows}×${this.cols}${this.dtype === "float32" ? " float32" : ""}\n${lines.join("\n")}`;
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return displayBundle("matrix", this, this.toString());
  }

  /** A + c on every entry. */
  private shift(c: number): Matrix {
    const a = this.stored;
    const out = allocFloat(this.dtype, a.length);
    for (let i = 0; i < out.length; i++) out[i] = a[i] + c;
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

const RANDOM_OPTIONS = { seed: opt.seed, dist: opt.oneOf("normal", "uniform"), dtype: opt.dtype };
const DTYPE_OPTIONS = { dtype: opt.dtype };

/** Stacked blocks keep float32 only when every block is float32. */
function stackDtype(blocks: readonly Matrix[]): Dtype {
  return blocks.every((b) => b.dtype === "float32") ? "float32" : "float64";
}

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
