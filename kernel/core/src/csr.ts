/**
 * Compressed sparse row matrices (immutable). Built from triplets with duplicates summed, as
 * scipy.sparse.coo_matrix(...).tocsr() does; column indices within a row are sorted.
 */
import { EigenlabError } from "./errors";
import { message } from "./messages";
import { checkDimension, checkIndex } from "./validate/checks";
import { asVector } from "./validate/vectors";
import { matrixInput } from "./matrix";
import { Matrix } from "./matrix";
import { displayBundle, JUPYTER_DISPLAY, MimeBundle } from "./display";
import type { ResultMeta } from "./meta";
import { checkAllocation } from "./guard";
import { allocFloat, checkDtype, Dtype, dtypeOf, FloatArray, widenedCopy } from "./dtype";
import { checkOptions, opt } from "./validate/options";

/**
 * A sparse matrix in compressed sparse row form (`indptr`, `indices`, `values`); graphs are CsrMatrix adjacency
 * matrices.
 *
 * @example
 * ```ts
 * // compressed sparse rows: row i's entries are indices/values[indptr[i] .. indptr[i+1])
 * const W = CsrMatrix.fromTriplets(2, 3, [0, 1, 1], [2, 0, 1], [5, 6, 7]);
 * W.indptr; // => [0, 1, 3]
 * W.indices; // => [2, 0, 1]
 * W.values; // => [5, 6, 7]
 * // float32 values: half the memory; matvec reads them directly and sums in float64
 * const F = CsrMatrix.fromTriplets(2, 3, [0, 1, 1], [2, 0, 1], [5, 6, 7], { dtype: "float32" });
 * F.dtype; // => "float32"
 * F.matvec(new Float64Array([1, 1, 1])); // => [5, 13]
 * ```
 */
export class CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Row pointers, length rows + 1. */
  readonly indptr: Int32Array;
  /** Column indices, sorted within each row. */
  readonly indices: Int32Array;
  /** The stored values as kept (Float64Array or Float32Array), aligned with `indices`. Read-only. */
  readonly storedValues: FloatArray;
  /** "float64" or "float32": the type of `storedValues`. */
  readonly dtype: Dtype;
  /** Provenance of a computed graph (graph.knn: solver, backend and precision that ran); absent for built matrices. */
  readonly meta?: ResultMeta;

  /**
   * Wraps arrays without copying or checking order; use the static builders for user input. Float32Array
   * values stay float32.
   */
  constructor(rows: number, cols: number, indptr: Int32Array, indices: Int32Array, values: FloatArray, meta?: ResultMeta) {
    checkDimension("rows", rows);
    checkDimension("cols", cols);
    this.rows = rows;
    this.cols = cols;
    this.indptr = indptr;
    this.indices = indices;
    this.storedValues = values;
    this.dtype = dtypeOf(values);
    if (meta) this.meta = meta;
  }

  /**
   * The stored values as a Float64Array. For float32 values a float64 copy is made on first read and kept (as
   * Matrix.data); matvec, matvecInto, matmatInto, rmatvec, T, toDense and scaleRowsCols read `storedValues`.
   */
  get values(): Float64Array {
    const v = this.storedValues;
    if (v instanceof Float64Array) return v;
    return widenedCopy(this, v);
  }

  /**
   * The same matrix with values stored as `dtype` (this one when it already is; the index arrays are shared).
   *
   * @example
   * ```ts
   * const W = CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [0.1, 0.1]);
   * W.astype("float32").dtype; // => "float32"
   * W.astype("float32").get(0, 1); // => 0.10000000149011612
   * ```
   */
  astype(dtype: Dtype): CsrMatrix {
    const d = checkDtype("CsrMatrix.astype", "dtype", dtype);
    if (d === this.dtype) return this;
    const v = d === "float32" ? Float32Array.from(this.storedValues) : Float64Array.from(this.storedValues);
    return new CsrMatrix(this.rows, this.cols, this.indptr, this.indices, v, this.meta);
  }

  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  get nnz(): number {
    return this.indptr[this.rows];
  }

  /**
   * From coordinate triplets (i[k], j[k], v[k]); duplicates are summed, explicit zeros kept (as scipy does).
   *
   * @example
   * ```ts
   * // duplicate (i, j) pairs are summed
   * const W = CsrMatrix.fromTriplets(2, 2, [0, 0, 1], [1, 1, 0], [1, 2, 4]);
   * W.toDense().toArray(); // => [[0, 3], [4, 0]]
   * ```
   */
  static fromTriplets(
    rows: number,
    cols: number,
    i: ArrayLike<number>,
    j: ArrayLike<number>,
    v: ArrayLike<number>,
    opts: {
      /** Storage type of the values: "float64" (default) or "float32"; duplicates are summed in float64 first. */
      dtype?: Dtype;
    } = {},
  ): CsrMatrix {
    checkOptions("CsrMatrix.fromTriplets", opts, { dtype: opt.dtype });
    checkDimension("rows", rows);
    checkDimension("cols", cols);
    asVector("CsrMatrix.fromTriplets", "i (row indices)", i);
    asVector("CsrMatrix.fromTriplets", "j (column indices)", j);
    asVector("CsrMatrix.fromTriplets", "v (values)", v);
    const nz = i.length;
    if (j.length !== nz || v.length !== nz) throw new EigenlabError("shape", message.tripletLengths(i.length, j.length, v.length));
    const counts = new Int32Array(rows + 1);
    for (let k = 0; k < nz; k++) {
      const r = i[k];
      const c = j[k];
      if (!(r >= 0 && r < rows) || !Number.isInteger(r)) throw new EigenlabError("index", message.tripletIndex("row", r, rows));
      if (!(c >= 0 && c < cols) || !Number.isInteger(c)) throw new EigenlabError("index", message.tripletIndex("column", c, cols));
      counts[r + 1]++;
    }
    for (let r = 0; r < rows; r++) counts[r + 1] += counts[r];
    // Bucket by row, then sort each row by column and sum duplicates.
    const next = counts.slice(0, rows);
    const colTmp = new Int32Array(nz);
    const valTmp = new Float64Array(nz);
    for (let k = 0; k < nz; k++) {
      const p = next[i[k]]++;
      colTmp[p] = j[k];
      valTmp[p] = v[k];
    }
    const indptr = new Int32Array(rows + 1);
    const indices = new Int32Array(nz);
    const values = new Float64Array(nz);
    let out = 0;
    const order: number[] = [];
    for (let r = 0; r < rows; r++) {
      const start = counts[r];
      const end = counts[r + 1];
      let sorted = true;
      for (let p = start + 1; p < end; p++) if (colTmp[p] <= colTmp[p - 1]) { sorted = false; break; }
      if (sorted) {
        for (let p = start; p < end; p++) {
          indices[out] = colTmp[p];
          values[out++] = valTmp[p];
        }
      } else {
        order.length = 0;
        for (let p = start; p < end; p++) order.push(p);
        order.sort((a, b) => colTmp[a] - colTmp[b] || a - b);
        let last = -1;
        for (const p of order) {
          if (colTmp[p] === last) values[out - 1] += valTmp[p];
          else {
            indices[out] = colTmp[p];
            values[out++] = valTmp[p];
            last = colTmp[p];
          }
        }
      }
      indptr[r + 1] = out;
    }
    const kept = values.slice(0, out);
    return new CsrMatrix(rows, cols, indptr, indices.slice(0, out), opts.dtype === "float32" ? Float32Array.from(kept) : kept);
  }

  /**
   * From a dense Matrix, keeping the non-zero entries.
   *
   * @example
   * ```ts
   * const W = CsrMatrix.fromDense(Matrix.from([[0, 2], [0, 0]]));
   * W.values; // => [2]
   * W.get(0, 1); // => 2
   * ```
   */
  static fromDense(A: Matrix): CsrMatrix {
    A = matrixInput("CsrMatrix.fromDense", "A", A);
    const ii: number[] = [];
    const jj: number[] = [];
    const vv: number[] = [];
    const a = A.stored;
    for (let r = 0; r < A.rows; r++) {
      for (let c = 0; c < A.cols; c++) {
        const x = a[r * A.cols + c];
        if (x !== 0) {
          ii.push(r);
          jj.push(c);
          vv.push(x);
        }
      }
    }
    return CsrMatrix.fromTriplets(A.rows, A.cols, ii, jj, vv, { dtype: A.dtype });
  }

  /**
   * The sparse n × n identity.
   *
   * @example
   * ```ts
   * CsrMatrix.identity(2).toDense().toArray(); // => [[1, 0], [0, 1]]
   * ```
   */
  static identity(n: number): CsrMatrix {
    checkDimension("n", n);
    checkAllocation("CsrMatrix.identity", `an ${n} × ${n} identity`, 16 * n + 4);
    const indptr = new Int32Array(n + 1);
    const indices = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      indptr[r + 1] = r + 1;
      indices[r] = r;
    }
    return new CsrMatrix(n, n, indptr, indices, new Float64Array(n).fill(1));
  }

  /**
   * The sparse square matrix with `values` on its diagonal.
   *
   * @example
   * ```ts
   * CsrMatrix.diag([1, 2]).diagonal(); // => [1, 2]
   * ```
   */
  static diag(values: ArrayLike<number>): CsrMatrix {
    asVector("CsrMatrix.diag", "values", values);
    const n = values.length;
    const I = CsrMatrix.identity(n);
    return new CsrMatrix(n, n, I.indptr, I.indices, Float64Array.from(values));
  }

  /**
   * y = A x
   *
   * @example
   * ```ts
   * CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [2, 3]).matvec(new Float64Array([1, 10])); // => [20, 3]
   * ```
   */
  matvec(x: Float64Array): Float64Array {
    asVector("CsrMatrix.matvec", "x", x);
    if (x.length !== this.cols) throw new EigenlabError("shape", message.vectorLength("x", x.length, this.cols));
    const y = new Float64Array(this.rows);
    this.matvecInto(y, x);
    return y;
  }

  /**
   * y = A x into a caller-owned array (no allocation in solver loops).
   *
   * @example
   * ```ts
   * const y = new Float64Array(2);
   * CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [2, 3]).matvecInto(y, new Float64Array([1, 10]));
   * y; // => [20, 3]
   * ```
   */
  matvecInto(y: Float64Array, x: Float64Array): void {
    this.checkInto("CsrMatrix.matvecInto", y, x, 1);
    // storedValues: float32 values are read as they are (no float64 copy); the sums are float64.
    const { rows, indptr, indices, storedValues: values } = this;
    for (let r = 0; r < rows; r++) {
      let s = 0;
      const end = indptr[r + 1];
      for (let p = indptr[r]; p < end; p++) s += values[p] * x[indices[p]];
      y[r] = s;
    }
  }

  /**
   * Y = A X for a row-major cols × b block X, into a caller-owned rows × b block (blocked solvers, b right-hand sides).
   *
   * @example
   * ```ts
   * // Y = A X for a row-major block X of b columns (here b = 2)
   * const A = CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [2, 3]);
   * const Y = new Float64Array(4);
   * A.matmatInto(Y, new Float64Array([1, 2, 10, 20]), 2);
   * Y; // => [20, 40, 3, 6]
   * ```
   */
  matmatInto(Y: Float64Array, X: Float64Array, b: number): void {
    checkDimension("b", b);
    this.checkInto("CsrMatrix.matmatInto", Y, X, b);
    // Sums each entry in the same order as one matvec per column, so results equal those bit for bit.
    blockMatvecInto(Y, this.rows, this.indptr, this.indices, this.storedValues, X, b);
  }

  /**
   * y = Aᵀ x
   *
   * @example
   * ```ts
   * // Aᵀ x
   * CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [2, 3]).rmatvec(new Float64Array([1, 10])); // => [30, 2]
   * ```
   */
  rmatvec(x: Float64Array): Float64Array {
    asVector("CsrMatrix.rmatvec", "x", x);
    if (x.length !== this.rows) throw new EigenlabError("shape", message.vectorLength("x", x.length, this.rows));
    const { rows, indptr, indices, storedValues: values } = this;
    const y = new Float64Array(this.cols);
    for (let r = 0; r < rows; r++) {
      const xr = x[r];
      if (xr === 0) continue;
      const end = indptr[r + 1];
      for (let p = indptr[r]; p < end; p++) y[indices[p]] += values[p] * xr;
    }
    return y;
  }

  /**
   * Entry (i, j); 0 where nothing is stored.
   *
   * @example
   * ```ts
   * const W = CsrMatrix.fromTriplets(2, 2, [0], [1], [5]);
   * W.get(0, 1); // => 5
   * W.get(1, 0); // => 0
   * ```
   */
  get(i: number, j: number): number {
    checkIndex("CsrMatrix.get", "i", i, this.rows);
    checkIndex("CsrMatrix.get", "j", j, this.cols);
    let lo = this.indptr[i];
    let hi = this.indptr[i + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.indices[mid];
      if (c === j) return this.storedValues[mid];
      if (c < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** The transpose, as a new CSR matrix (counting sort: O(nnz)). */
  get T(): CsrMatrix {
    const { rows, cols, indptr, indices, storedValues: values } = this;
    const nz = this.nnz;
    const tptr = new Int32Array(cols + 1);
    for (let p = 0; p < nz; p++) tptr[indices[p] + 1]++;
    for (let c = 0; c < cols; c++) tptr[c + 1] += tptr[c];
    const next = tptr.slice(0, cols);
    const tind = new Int32Array(nz);
    const tval = allocFloat(this.dtype, nz);
    for (let r = 0; r < rows; r++) {
      for (let p = indptr[r]; p < indptr[r + 1]; p++) {
        const q = next[indices[p]]++;
        tind[q] = r;
        tval[q] = values[p];
      }
    }
    return new CsrMatrix(cols, rows, tptr, tind, tval);
  }

  /**
   * Main diagonal.
   *
   * @example
   * ```ts
   * CsrMatrix.fromDense(Matrix.from([[1, 2], [3, 4]])).diagonal(); // => [1, 4]
   * ```
   */
  diagonal(): Float64Array {
    const n = Math.min(this.rows, this.cols);
    const d = new Float64Array(n);
    for (let r = 0; r < n; r++) d[r] = this.get(r, r);
    return d;
  }

  /**
   * Sum of each row (the degree vector of an adjacency matrix).
   *
   * @example
   * ```ts
   * CsrMatrix.fromDense(Matrix.from([[1, 2], [3, 4]])).rowSums(); // => [3, 7]
   * ```
   */
  rowSums(): Float64Array {
    const s = new Float64Array(this.rows);
    for (let r = 0; r < this.rows; r++) {
      let t = 0;
      for (let p = this.indptr[r]; p < this.indptr[r + 1]; p++) t += this.storedValues[p];
      s[r] = t;
    }
    return s;
  }

  /**
   * Largest |A[i,j] − A[j,i]| (0 for a symmetric matrix), with where it occurs.
   *
   * @example
   * ```ts
   * const a = CsrMatrix.fromDense(Matrix.from([[0, 1], [3, 0]])).asymmetry();
   * a.value; // => 2
   * [a.i, a.j].sort(); // => [0, 1]
   * graph.fromEdges(3, [[0, 1], [1, 2]]).asymmetry().value; // => 0
   * ```
   */
  asymmetry(): { value: number; i: number; j: number } {
    if (this.rows !== this.cols) return { value: Infinity, i: 0, j: 0 };
    const T = this.T;
    let worst = { value: 0, i: 0, j: 0 };
    for (let r = 0; r < this.rows; r++) {
      // Merge row r of A with row r of Aᵀ.
      let p = this.indptr[r], q = T.indptr[r];
      const pe = this.indptr[r + 1], qe = T.indptr[r + 1];
      while (p < pe || q < qe) {
        const cp = p < pe ? this.indices[p] : Infinity;
        const cq = q < qe ? T.indices[q] : Infinity;
        let d: number;
        let c: number;
        if (cp === cq) { d = this.storedValues[p++] - T.storedValues[q++]; c = cp; }
        else if (cp < cq) { d = this.storedValues[p++]; c = cp; }
        else { d = -T.storedValues[q++]; c = cq; }
        if (Math.abs(d) > worst.value) worst = { value: Math.abs(d), i: r, j: c };
      }
    }
    return worst;
  }

  /**
   * Entry-wise scaling: D_left · A · D_right (either may be omitted).
   *
   * @example
   * ```ts
   * // diag(left) · A · diag(right)
   * const A = CsrMatrix.fromDense(Matrix.from([[1, 1], [1, 1]]));
   * A.scaleRowsCols([1, 2], [10, 100]).toDense().toArray(); // => [[10, 100], [20, 200]]
   * ```
   */
  scaleRowsCols(left?: ArrayLike<number>, right?: ArrayLike<number>): CsrMatrix {
    if (left !== undefined) asVector("CsrMatrix.scaleRowsCols", "left", left, this.rows);
    if (right !== undefined) asVector("CsrMatrix.scaleRowsCols", "right", right, this.cols);
    const src = this.storedValues;
    const values = allocFloat(this.dtype, src.length);
    for (let r = 0; r < this.rows; r++) {
      const lr = left ? left[r] : 1;
      for (let p = this.indptr[r]; p < this.indptr[r + 1]; p++) {
        values[p] = lr * src[p] * (right ? right[this.indices[p]] : 1);
      }
    }
    return new CsrMatrix(this.rows, this.cols, this.indptr, this.indices, values);
  }

  /** Output and input blocks of an `...Into` kernel: Float64Arrays of rows·b and cols·b entries. */
  private checkInto(fn: string, y: unknown, x: unknown, b: number): void {
    if (!(y instanceof Float64Array)) throw new EigenlabError("bad-input", message.intoOutput(fn, "y", y, this.rows * b));
    if (y.length < this.rows * b) throw new EigenlabError("shape", message.vectorLength(`${fn}: y`, y.length, this.rows * b));
    const v = asVector(fn, "x", x);
    if (v.length < this.cols * b) throw new EigenlabError("shape", message.vectorLength(`${fn}: x`, v.length, this.cols * b));
  }

  /**
   * The same matrix as a dense Matrix.
   *
   * @example
   * ```ts
   * CsrMatrix.identity(2).toDense().toArray(); // => [[1, 0], [0, 1]]
   * ```
   */
  toDense(): Matrix {
    const out = allocFloat(this.dtype, this.rows * this.cols);
    const v = this.storedValues;
    for (let r = 0; r < this.rows; r++) {
      for (let p = this.indptr[r]; p < this.indptr[r + 1]; p++) out[r * this.cols + this.indices[p]] += v[p];
    }
    return new Matrix(this.rows, this.cols, out);
  }

  toString(): string {
    const density = this.rows * this.cols === 0 ? 0 : this.nnz / (this.rows * this.cols);
    return `CsrMatrix ${this.rows}×${this.cols}, ${this.nnz} stored entries (density ${density.toPrecision(3)})${this.dtype === "float32" ? ", float32" : ""}`;
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return displayBundle("sparse", this, this.toString());
  }
}

/**
 * Y = A·X for `count` vectors stored interleaved (row-major blocks, CsrMatrix.matmatInto) (entry i of vector j at X[i·count + j]): the CSR arrays are
 * read once for all vectors and each column index fetches `count` adjacent values, instead of `count`
 * separate matvecs each missing the cache on x (≈ 3× less time per vector on the bench's kNN Laplacians).
 */
function blockMatvecInto(Y: Float64Array, rows: number, indptr: Int32Array, indices: Int32Array, v: FloatArray, X: Float64Array, count: number): void {
  for (let r = 0; r < rows; r++) {
    const q0 = indptr[r];
    const q1 = indptr[r + 1];
    const out = r * count;
    let j = 0;
    for (; j + 7 < count; j += 8) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (let q = q0; q < q1; q++) {
        const a = v[q];
        const b = indices[q] * count + j;
        s0 += a * X[b];
        s1 += a * X[b + 1];
        s2 += a * X[b + 2];
        s3 += a * X[b + 3];
        s4 += a * X[b + 4];
        s5 += a * X[b + 5];
        s6 += a * X[b + 6];
        s7 += a * X[b + 7];
      }
      Y[out + j] = s0;
      Y[out + j + 1] = s1;
      Y[out + j + 2] = s2;
      Y[out + j + 3] = s3;
      Y[out + j + 4] = s4;
      Y[out + j + 5] = s5;
      Y[out + j + 6] = s6;
      Y[out + j + 7] = s7;
    }
    // Four (then one) vectors per pass over the row (its ~17 entries stay in L1 between passes), scalar accumulators.
    for (; j + 3 < count; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let q = q0; q < q1; q++) {
        const a = v[q];
        const b = indices[q] * count + j;
        s0 += a * X[b];
        s1 += a * X[b + 1];
        s2 += a * X[b + 2];
        s3 += a * X[b + 3];
      }
      Y[out + j] = s0;
      Y[out + j + 1] = s1;
      Y[out + j + 2] = s2;
      Y[out + j + 3] = s3;
    }
    for (; j < count; j++) {
      let s0 = 0;
      for (let q = q0; q < q1; q++) s0 += v[q] * X[indices[q] * count + j];
      Y[out + j] = s0;
    }
  }
}
