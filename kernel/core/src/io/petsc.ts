/**
 * PETSc's binary format (`.petsc`, also what `PetscViewerBinaryOpen` / petsc4py's `Viewer().createBinary`
 * read and write): reader and writer, browser-safe. The exchange format of the SLEPc engine (engine/mpi-node.ts),
 * and the way to hand a matrix to any PETSc/SLEPc program.
 *
 * Spec: PETSc manual pages MatLoad and VecLoad ("Notes for advanced users": the binary file format), PETSc
 * 3.18, https://petsc.org/release/manualpages/Mat/MatLoad/ and .../Vec/VecLoad/. Everything big-endian:
 *
 *   Mat (AIJ):  int32 MAT_FILE_CLASSID = 1211216, int32 rows, int32 cols, int32 nnz,
 *               int32 row lengths[rows], int32 column indices[nnz] (0-based, row by row), float64 values[nnz]
 *   Mat (dense, nnz = -1, MATRIX_BINARY_FORMAT_DENSE): the header, then float64 values[rows·cols] row by row
 *   Vec:        int32 VEC_FILE_CLASSID = 1211214, int32 n, float64 values[n]
 *
 * A file may hold several objects one after another (PETSc loads them in the order viewed): `readPetscBinary`
 * returns the first, `{ all: true }` all of them. Indices are int32 and scalars real float64, PETSc's default
 * build (Debian's `petsc3.18/x86_64-linux-gnu-real`); 64-bit-index or complex builds are not read.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { checkAllocation } from "../guard";
import { checkOptions, opt } from "../validate";
import { bytesInput } from "../validate/inputs";
import { describe, getFileSystem, requireBytes, showBytes, Source, sourceBytes, sourceName, view } from "./bytes";

/** MAT_FILE_CLASSID (petscmat.h): the first int32 of a Mat in a PETSc binary file. */
export const PETSC_MAT_CLASSID = 1211216;
/** VEC_FILE_CLASSID (petscvec.h). */
export const PETSC_VEC_CLASSID = 1211214;
/** MATRIX_BINARY_FORMAT_DENSE: the nnz field of a dense Mat. */
const DENSE = -1;
const INT32_MAX = 2147483647;

/**
 * True when the bytes start with a PETSc Mat or Vec header (the class ids 1211216 / 1211214, big-endian).
 *
 * @example
 * ```ts
 * io.isPetscBinary(io.encodePetscBinary(Float64Array.of(1))); // => true
 * io.isPetscBinary(new TextEncoder().encode("%%MatrixMarket")); // => false
 * ```
 */
export function isPetscBinary(bytes: Uint8Array): boolean {
  const b = bytesInput("io.isPetscBinary", bytes);
  if (b.length < 8) return false;
  const id = view(b).getInt32(0, false);
  return id === PETSC_MAT_CLASSID || id === PETSC_VEC_CLASSID;
}

/** What a PETSc binary file holds: a sparse Mat (CsrMatrix), a dense Mat (Matrix) or a Vec (Float64Array). */
export type PetscObject = CsrMatrix | Matrix | Float64Array;

export interface ReadPetscOptions {
  /** Return every object in the file, in order (default: the first one only). */
  all?: boolean;
}

function f64Run(bytes: Uint8Array, offset: number, count: number): Float64Array {
  const out = new Float64Array(count);
  const dv = view(bytes);
  for (let i = 0; i < count; i++) out[i] = dv.getFloat64(offset + 8 * i, false);
  return out;
}

function i32Run(bytes: Uint8Array, offset: number, count: number): Int32Array {
  const out = new Int32Array(count);
  const dv = view(bytes);
  for (let i = 0; i < count; i++) out[i] = dv.getInt32(offset + 4 * i, false);
  return out;
}

/**
 * Decodes every object of a PETSc binary file's bytes, in order (`file` names the source in errors).
 *
 * Spec: https://petsc.org/release/manualpages/Mat/MatLoad/ (binary file format).
 * @example
 * ```ts
 * const objs = io.decodePetscBinary(io.encodePetscBinary([Float64Array.of(1, 2), Float64Array.of(3)]));
 * objs.length; // => 2
 * objs[1]; // => [3]
 * ```
 */
export function decodePetscBinary(input: Uint8Array, file = "<bytes>"): PetscObject[] {
  const bytes = bytesInput("io.decodePetscBinary", input);
  if (typeof file !== "string") throw new EigenlabError("bad-input", message.optionType("io.decodePetscBinary", "file", "a string (the name errors use)", file));
  const out: PetscObject[] = [];
  const dv = view(bytes);
  let o = 0;
  if (!isPetscBinary(bytes)) {
    throw new EigenlabError("io-magic", message.ioBadMagic(file, "PETSc binary", `the int32 ${PETSC_MAT_CLASSID} (Mat) or ${PETSC_VEC_CLASSID} (Vec), big-endian`, showBytes(bytes)));
  }
  while (o < bytes.length) {
    requireBytes(file, bytes, o, 8, "a PETSc object header");
    const id = dv.getInt32(o, false);
    if (id === PETSC_VEC_CLASSID) {
      const n = dv.getInt32(o + 4, false);
      if (n < 0) throw new EigenlabError("io-header", message.ioBadHeader(file, o, "PETSc Vec", `length ${n}`));
      o += 8;
      if (o + 8 * n > bytes.length) throw new EigenlabError("io-too-large", message.ioTooLarge(file, o, "a PETSc Vec", `${n} float64 values`, bytes.length - o));
      checkAllocation("io.readPetscBinary", "a Vec", 8 * n);
      out.push(f64Run(bytes, o, n));
      o += 8 * n;
    } else if (id === PETSC_MAT_CLASSID) {
      requireBytes(file, bytes, o, 16, "a PETSc Mat header");
      const rows = dv.getInt32(o + 4, false);
      const cols = dv.getInt32(o + 8, false);
      const nnz = dv.getInt32(o + 12, false);
      if (rows < 0 || cols < 0 || nnz < DENSE) throw new EigenlabError("io-header", message.ioBadHeader(file, o, "PETSc Mat", `rows ${rows}, cols ${cols}, nnz ${nnz}`));
      o += 16;
      if (nnz === DENSE) {
        const count = rows * cols;
        if (o + 8 * count > bytes.length) throw new EigenlabError("io-too-large", message.ioTooLarge(file, o, "a dense PETSc Mat", `${rows}×${cols} float64 values`, bytes.length - o));
        checkAllocation("io.readPetscBinary", "a dense Mat", 8 * count);
        out.push(new Matrix(rows, cols, f64Run(bytes, o, count)));
        o += 8 * count;
        continue;
      }
      // Check the claimed sizes against the bytes before allocating anything from them.
      const need = 4 * rows + 12 * nnz;
      if (o + need > bytes.length) throw new EigenlabError("io-too-large", message.ioTooLarge(file, o, "a PETSc Mat", `${rows} rows and ${nnz} nonzeros (${need} bytes)`, bytes.length - o));
      checkAllocation("io.readPetscBinary", "a sparse Mat", 4 * (rows + 1) + 12 * nnz);
      const lengths = i32Run(bytes, o, rows);
      o += 4 * rows;
      const indptr = new Int32Array(rows + 1);
      for (let i = 0; i < rows; i++) {
        if (lengths[i] < 0) throw new EigenlabError("io-header", message.ioBadHeader(file, o - 4 * rows + 4 * i, "PETSc Mat", `row ${i} has length ${lengths[i]}`));
        indptr[i + 1] = indptr[i] + lengths[i];
      }
      if (indptr[rows] !== nnz) throw new EigenlabError("io-header", message.ioBadHeader(file, o - 4 * rows, "PETSc Mat", `the row lengths sum to ${indptr[rows]}, the header says nnz ${nnz}`));
      const indices = i32Run(bytes, o, nnz);
      o += 4 * nnz;
      const values = f64Run(bytes, o, nnz);
      o += 8 * nnz;
      let sorted = true;
      for (let i = 0; i < rows; i++) {
        for (let p = indptr[i]; p < indptr[i + 1]; p++) {
          const j = indices[p];
          if (j < 0 || j >= cols) throw new EigenlabError("io-header", message.ioBadHeader(file, o, "PETSc Mat", `row ${i} has column index ${j}, outside [0, ${cols})`));
          if (p > indptr[i] && j <= indices[p - 1]) sorted = false;
        }
      }
      if (sorted) out.push(new CsrMatrix(rows, cols, indptr, indices, values));
      else {
        // PETSc writes each row's columns ascending; another writer may not: rebuild (duplicates summed).
        const ri = new Int32Array(nnz);
        for (let i = 0; i < rows; i++) ri.fill(i, indptr[i], indptr[i + 1]);
        out.push(CsrMatrix.fromTriplets(rows, cols, ri, indices, values));
      }
    } else {
      throw new EigenlabError("io-header", message.ioBadHeader(file, o, "PETSc binary", `class id ${id} where a Mat (${PETSC_MAT_CLASSID}) or Vec (${PETSC_VEC_CLASSID}) should start`));
    }
  }
  return out;
}

/**
 * Reads a PETSc binary file (what `MatView`/`VecView` on a binary viewer write, e.g. petsc4py's
 * `A.view(PETSc.Viewer().createBinary(path, "w"))`): a sparse Mat as a `CsrMatrix`, a dense Mat as a `Matrix`,
 * a Vec as a `Float64Array`. The first object, or every one with `{ all: true }`.
 *
 * Spec: https://petsc.org/release/manualpages/Mat/MatLoad/ (binary file format).
 * @param src a path (Node) or the file's bytes.
 * @example
 * ```ts
 * const bytes = io.encodePetscBinary([CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [0.5, 2]), Float64Array.of(1, 2)]);
 * (io.readPetscBinary(bytes) as CsrMatrix).toDense(); // => [[0, 0.5], [2, 0]]
 * (io.readPetscBinary(bytes, { all: true }) as unknown[]).length; // => 2
 * ```
 */
export function readPetscBinary(src: Source, opts: ReadPetscOptions = {}): PetscObject | PetscObject[] {
  checkOptions("io.readPetscBinary", opts, { all: opt.boolean });
  const objects = decodePetscBinary(sourceBytes(src), sourceName(src));
  return opts.all ? objects : objects[0];
}

function checkInt32(what: string, v: number): void {
  if (v > INT32_MAX) throw new EigenlabError("io-write-size", message.ioCannotWrite("PETSc binary", `${what} ${v}`, "sizes below 2³¹ (PETSc's 32-bit indices)"));
}

function encodeOne(x: unknown): Uint8Array {
  if (x instanceof Float64Array || (ArrayBuffer.isView(x) && !(x instanceof DataView)) || Array.isArray(x)) {
    const v = x as ArrayLike<number>;
    if (Array.isArray(x) && !x.every((e) => typeof e === "number")) {
      throw new EigenlabError("io-write-type", message.ioCannotWrite("PETSc binary", describe(x), "a CsrMatrix, a Matrix, a vector (Float64Array), or an array of them"));
    }
    checkInt32("a Vec of length", v.length);
    const out = new Uint8Array(8 + 8 * v.length);
    const dv = view(out);
    dv.setInt32(0, PETSC_VEC_CLASSID, false);
    dv.setInt32(4, v.length, false);
    for (let i = 0; i < v.length; i++) dv.setFloat64(8 + 8 * i, Number(v[i]), false);
    return out;
  }
  if (x instanceof CsrMatrix || x instanceof Matrix) {
    // A dense Matrix goes out as AIJ (its nonzeros): PETSc's AIJ loader, the one MatLoad uses by default,
    // refuses the dense on-disk layout.
    const S = x instanceof CsrMatrix ? x : CsrMatrix.fromDense(x);
    checkInt32("a Mat with rows", S.rows);
    checkInt32("a Mat with columns", S.cols);
    checkInt32("a Mat with nonzeros", S.nnz);
    const { rows, indptr, indices, values } = S;
    const nnz = indptr[rows] - indptr[0];
    const out = new Uint8Array(16 + 4 * rows + 12 * nnz);
    const dv = view(out);
    dv.setInt32(0, PETSC_MAT_CLASSID, false);
    dv.setInt32(4, rows, false);
    dv.setInt32(8, S.cols, false);
    dv.setInt32(12, nnz, false);
    let o = 16;
    for (let i = 0; i < rows; i++, o += 4) dv.setInt32(o, indptr[i + 1] - indptr[i], false);
    for (let p = indptr[0]; p < indptr[rows]; p++, o += 4) dv.setInt32(o, indices[p], false);
    for (let p = indptr[0]; p < indptr[rows]; p++, o += 8) dv.setFloat64(o, values[p], false);
    return out;
  }
  throw new EigenlabError("io-write-type", message.ioCannotWrite("PETSc binary", describe(x), "a CsrMatrix, a Matrix, a vector (Float64Array), or an array of them"));
}

/** The parts of a PETSc binary file holding `value` (one object, or an array of objects written in order). */
export function encodePetscBinaryParts(value: unknown): Uint8Array[] {
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "object" && v !== null)) return value.map(encodeOne);
  return [encodeOne(value)];
}

/**
 * The bytes of a PETSc binary file holding a `CsrMatrix` or `Matrix` (as an AIJ Mat), a vector (as a Vec), or
 * an array of them in order, bit-exact (big-endian int32 and float64).
 *
 * Spec: https://petsc.org/release/manualpages/Mat/MatLoad/ (binary file format).
 * @example
 * ```ts
 * const b = io.encodePetscBinary(Float64Array.of(1.5));
 * Array.from(b); // => [0, 18, 123, 78, 0, 0, 0, 1, 63, 248, 0, 0, 0, 0, 0, 0]
 * ```
 */
export function encodePetscBinary(value: PetscObject | readonly PetscObject[]): Uint8Array {
  const parts = encodePetscBinaryParts(value);
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/**
 * Writes a `CsrMatrix` / `Matrix` / vector (or an array of them) as a PETSc binary file, atomically: what
 * PETSc's `MatLoad`/`VecLoad` and petsc4py's `Mat().load(PETSc.Viewer().createBinary(path, "r"))` read.
 *
 * Spec: https://petsc.org/release/manualpages/Mat/MatLoad/ (binary file format).
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc.petsc");
 * io.writePetscBinary(path, CsrMatrix.fromTriplets(3, 3, [0, 1, 2], [0, 1, 2], [1, 2, 3]));
 * (io.readPetscBinary(path) as CsrMatrix).nnz; // => 3
 * ```
 */
export function writePetscBinary(path: string, value: PetscObject | readonly PetscObject[]): void {
  getFileSystem(path).writeFileAtomic(path, encodePetscBinary(value), `io.writePetscBinary ${path}`);
}
