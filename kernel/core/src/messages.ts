/**
 * Every message a user can read from @eigenlab/core, in one place (the habit of Vega-Lite's
 * `log/message.ts`). Each says what was wrong and what to do about it.
 */

const shape = (r: number, c: number): string => `${r}×${c}`;

export const message = {
  notFinite: (what: string, index: number, value: number) =>
    `${what} contains ${Number.isNaN(value) ? "NaN" : value} at flat index ${index}. ` +
    `Remove or impute non-finite entries before calling (e.g. drop rows with NaN).`,
  raggedRows: (row: number, len: number, expected: number) =>
    `Row ${row} has ${len} entries but row 0 has ${expected}: every row of a matrix must have the same length.`,
  badDimension: (what: string, value: number) =>
    `${what} must be a non-negative integer, got ${value}.`,
  dataLength: (len: number, rows: number, cols: number) =>
    `Data has ${len} entries but a ${shape(rows, cols)} matrix needs ${rows * cols}.`,
  indexOutOfRange: (i: number, j: number, rows: number, cols: number) =>
    `Index (${i}, ${j}) is outside a ${shape(rows, cols)} matrix.`,
  matmulShape: (a: [number, number], b: [number, number]) =>
    `Cannot multiply a ${shape(...a)} matrix by a ${shape(...b)} one: the inner dimensions ${a[1]} and ${b[0]} ` +
    `differ. Transpose one operand (.T) or check which axis holds the samples.`,
  vectorLength: (what: string, len: number, expected: number) =>
    `${what} has length ${len}, but the operator needs length ${expected}.`,
  notSquare: (what: string, rows: number, cols: number) =>
    `${what} must be square, but it is ${shape(rows, cols)}.`,
  notSymmetric: (what: string, i: number, j: number, asym: number, tol: number) =>
    `${what} is not symmetric: |A[${i},${j}] − A[${j},${i}]| = ${asym.toExponential(2)} exceeds ` +
    `${tol.toExponential(2)}. Symmetrize it ((A + A.T) / 2) or use a solver for general matrices.`,
  kTooLarge: (k: number, n: number, solver: string) =>
    `k = ${k} eigenpairs were requested from an operator of size ${n}; ${solver} needs 1 ≤ k < n. ` +
    `For all eigenpairs of a small matrix use linalg.eigh on a dense Matrix.`,
  kNotPositive: (k: number) => `k must be a positive integer, got ${k}.`,
  negativeTolerance: (tol: number) => `tol must be a non-negative number, got ${tol}.`,
  unknownOption: (fn: string, name: string, allowed: readonly string[]) =>
    `${fn}: unknown option "${name}". Allowed options: ${allowed.join(", ")}.`,
  badChoice: (fn: string, option: string, value: unknown, allowed: readonly string[]) =>
    `${fn}: ${option} = ${JSON.stringify(value)} is not one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}.`,
  notPositiveDefinite: (what: string, pivot: number, value: number) =>
    `${what} is not positive definite: pivot ${pivot} is ${value.toExponential(3)}. ` +
    `Check that it is symmetric positive definite, or add a small multiple of the identity.`,
  singular: (what: string, index: number) =>
    `${what} is singular (zero diagonal at ${index}); the triangular system has no unique solution.`,
  tripletLengths: (ni: number, nj: number, nv: number) =>
    `Triplet arrays differ in length: ${ni} row indices, ${nj} column indices, ${nv} values. They must match.`,
  tripletIndex: (which: "row" | "column", value: number, limit: number) =>
    `Triplet ${which} index ${value} is outside [0, ${limit}).`,
  shapeMismatch: (a: [number, number], b: [number, number]) =>
    `Shapes differ: ${shape(...a)} and ${shape(...b)}. Element-wise operations need equal shapes.`,
  badSeed: (seed: unknown) =>
    `seed must be a finite integer (got ${String(seed)}). Pass e.g. { seed: 0 } for reproducible results.`,
  badDistribution: (dist: unknown) =>
    `dist = ${JSON.stringify(dist)} is not supported; use "normal" or "uniform".`,
  // --- viz ---
  vizShape: (shape: number[], length: number) =>
    `An array of ${length} numbers cannot have shape [${shape.join(", ")}]: the product of the shape must equal the length.`,
  vizBadDtype: (dtype: unknown) =>
    `Encoded array dtype ${JSON.stringify(dtype)} is unknown; use "float64", "float32" or "int32".`,
  vizByteLength: (dtype: string, shape: number[], bytes: number) =>
    `Encoded ${dtype} array of shape [${shape.join(", ")}] holds ${bytes} bytes, which does not match its shape. ` +
    `The payload is truncated or corrupted: display the result again.`,
  vizNotPayload: (got: string) =>
    `This output is not an Eigenlab display payload (got ${got}); expected an object { kind, version, data, meta }.`,
  vizBadVersion: (version: unknown, supported: number) =>
    `Eigenlab payload version ${JSON.stringify(version)} cannot be read by this renderer (it reads version ${supported}). ` +
    `Update @eigenlab/jupyterlab, or re-run the cell with the kernel that matches it.`,
  vizBadKind: (kind: unknown, kinds: readonly string[]) =>
    `Eigenlab payload kind ${JSON.stringify(kind)} is unknown; this renderer draws ${kinds.join(", ")}. ` +
    `Update @eigenlab/jupyterlab to a version that knows it.`,
  vizMissingField: (kind: string, field: string) =>
    `Eigenlab ${kind} payload lacks "${field}" (or it has the wrong type); the output is incomplete: re-run the cell.`,
  vizLength: (what: string, got: number, expected: number) =>
    `${what} has ${got} entries but there are ${expected} points; pass one entry per point.`,
  vizEmpty: (what: string) => `${what} is empty: there is nothing to draw.`,
  vizNotDisplayable: (what: string) =>
    `Cannot build an Eigenlab display for ${what}; pass a Spectrum, Embedding, Clustering, Matrix, CsrMatrix or curve series.`,
  vizSvgRenderer: () =>
    `The installed vega no longer exposes what the synchronous SVG export needs; pin vega to the version in @eigenlab/viz's package.json.`,
} as const;
