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
  // --- backend (compute backends: CPU reference, GPU.js) ---
  unknownBackend: (name: string, registered: readonly string[]) =>
    `No compute backend "${name}" is registered (registered: ${registered.join(", ")}). ` +
    `Use "cpu", "auto", or import "@eigenlab/gpu" first to register the GPU.js backend as "gpu".`,
  backendShape: (kernel: string, detail: string) =>
    `${kernel}: ${detail}. Check that the operands are row-major blocks with matching inner dimensions.`,
  backendK: (k: number, n: number) =>
    `knnCandidates: k = ${k} neighbours were requested among ${n} points; it needs 1 ≤ k < n (a point is never its own neighbour).`,
  backendScale: (what: string, index: number, value: number) =>
    `gaussianAffinityBlock: ${what}[${index}] = ${value}; every bandwidth must be positive and finite. ` +
    `With self-tuning scales, drop duplicate points (distance 0 to their k-th neighbour) or use a fixed sigma.`,
  backendWeights: (count: number) =>
    `fastrpProjection: weights has ${count} entries; give one weight per propagation step (at least one), e.g. [0, 0, 1, 1].`,
} as const;
