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
  // --- embed (random walks), rmt, diffusion, ot, data (graphs/matrices) ---
  graphNotSquare: (fn: string, rows: number, cols: number) =>
    `${fn}: the graph must be a square adjacency CsrMatrix (n×n), got ${shape(rows, cols)}. ` +
    `Build it with CsrMatrix.fromTriplets(n, n, i, j, w).`,
  graphNotCsr: (fn: string) =>
    `${fn}: the graph must be a CsrMatrix adjacency matrix. Convert a dense Matrix with CsrMatrix.fromDense(A).`,
  negativeWeight: (fn: string, i: number, j: number, w: number) =>
    `${fn}: edge (${i}, ${j}) has weight ${w}; random-walk methods need non-negative, finite weights. ` +
    `Use absolute values or drop negative edges.`,
  emptyGraph: (fn: string) => `${fn}: the graph has no edges, so there is nothing to walk on. Check the adjacency matrix.`,
  positiveNumber: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} must be a positive finite number, got ${String(value)}.`,
  nonNegativeNumber: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} must be a non-negative finite number, got ${String(value)}.`,
  finiteNumber: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} must be a finite number, got ${String(value)}.`,
  positiveInteger: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} must be a positive integer, got ${String(value)}.`,
  nonNegativeInteger: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} must be a non-negative integer, got ${String(value)}.`,
  probability: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} must be a probability in [0, 1], got ${String(value)}.`,
  fastrpWeights: (value: unknown) =>
    `embed.fastrp: weights must be a non-empty array of finite numbers (one per propagation step), got ${JSON.stringify(value)}.`,
  lineOrder: (value: unknown) => `embed.line: order must be 1 (first-order proximity) or 2 (second-order), got ${String(value)}.`,
  tooFewValues: (fn: string, got: number, need: number) =>
    `${fn}: needs at least ${need} finite values, got ${got}. Pass more eigenvalues or samples.`,
  ratioRange: (fn: string, value: unknown) =>
    `${fn}: ratio must be a positive finite number (p / n, features over samples), got ${String(value)}.`,
  negativeEigenvalue: (fn: string, index: number, value: number) =>
    `${fn}: eigenvalue ${index} is ${value}, but covariance eigenvalues are non-negative. Pass eigenvalues of XᵀX/n.`,
  matrixTooSmall: (fn: string, rows: number, cols: number) =>
    `${fn}: X is ${shape(rows, cols)}; at least 2 rows and 2 columns are needed.`,
  powerLawValues: (index: number, value: number) =>
    `rmt.powerLawFit: values must be positive and finite, value ${index} is ${value}. Drop zeros and negatives first.`,
  powerLawTail: (n: number, minTail: number) =>
    `rmt.powerLawFit: only ${n} distinct positive values; a tail fit needs at least ${minTail}. Pass more values or lower minTail.`,
  projectionShape: (cols: number, p: number) =>
    `X has ${cols} columns but the spikes were found in a ${p}-dimensional feature space. Pass the same X (n × p).`,
  operatorNotSquare: (fn: string, rows: number, cols: number) =>
    `${fn}: the operator must be square and symmetric (a graph Laplacian), got ${shape(rows, cols)}.`,
  signalLength: (fn: string, len: number, n: number) =>
    `${fn}: the signal has length ${len} but the graph has ${n} nodes. Pass one value per node.`,
  zeroSignal: (fn: string) => `${fn}: the signal is all zeros, so its Rayleigh quotient is undefined. Pass a non-zero signal.`,
  spectralInterval: (lo: number, hi: number) =>
    `diffusion: the spectral interval [${lo}, ${hi}] is empty or not finite. Pass { lmin, lmax } with lmin < lmax, or a finite operator.`,
  notFunction: (fn: string, option: string) => `${fn}: ${option} must be a function, e.g. (fraction) => console.log(fraction).`,
  filterNotFunction: (fn: string) => `${fn}: filter must be a function of the eigenvalue, e.g. (lambda) => Math.exp(-lambda).`,
  marginalLength: (which: string, len: number, expected: number) =>
    `ot.sinkhorn: ${which} has length ${len} but the cost matrix needs ${expected}. a has one entry per row of C, b per column.`,
  marginalNotProbability: (which: string, sum: number) =>
    `ot.sinkhorn: ${which} must be non-negative and sum to 1 (it sums to ${sum}). Normalize it (a / sum(a)).`,
  marginalNegative: (which: string, index: number, value: number) =>
    `ot.sinkhorn: ${which}[${index}] = ${value} is negative; marginals must be non-negative weights.`,
  costNotMatrix: () => `ot.sinkhorn: the cost C must be a dense Matrix (n × m). Build it with Matrix.from(rows).`,
  sinkhornNoConvergence: (iterations: number, err: number, tol: number) =>
    `ot.sinkhorn did not reach tol = ${tol} in ${iterations} iterations (marginal error ${err.toExponential(2)}). ` +
    `Raise maxIter or epsilon, or rescale the cost matrix (e.g. C / max(C)).`,
  sbmSizes: (value: unknown) =>
    `data.sbm: sizes must be a non-empty array of positive integers (one per block), got ${JSON.stringify(value)}.`,
  sbmProbabilities: (value: unknown) =>
    `data.sbm: pIn and pOut must be probabilities in [0, 1] (or pIn a k×k matrix of them), got ${JSON.stringify(value)}.`,
  spikesTooMany: (k: number, p: number) =>
    `data.spikedWishart: ${k} spikes need at least ${k} features, p = ${p}. Use fewer spikes or more features.`,
  spikeValue: (index: number, value: unknown) =>
    `data.spikedWishart: spike ${index} is ${String(value)}; spikes are added variances and must be non-negative finite numbers.`,
  dataFileMissing: (file: string) =>
    `Dataset file ${file} is missing from the @eigenlab/core installation. Reinstall the package (its "data" folder ships the file).`,
} as const;
