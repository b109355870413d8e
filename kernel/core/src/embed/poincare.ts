/**
 * `embed.poincare` (Nickel & Kiela 2017, "Poincaré Embeddings for Learning Hierarchical Representations",
 * NeurIPS): embeddings of a set of relation pairs D = {(u, v)} (e.g. the transitive closure of WordNet's is-a
 * relation) in the open unit ball B^d with the hyperbolic distance
 *   d(u, v) = arcosh(1 + 2‖u − v‖² / ((1 − ‖u‖²)(1 − ‖v‖²)))              (paper eq. 1)
 * trained by Riemannian SGD on the paper's loss (eq. 6): for each pair, a softmax of −d over the positive v and
 * sampled negatives v' with (u, v') ∉ D. The Riemannian gradient is the Euclidean one rescaled by the inverse of
 * the Poincaré metric, ((1 − ‖θ‖²)² / 4)·∇_E (eq. 5), and each update is projected back into the ball
 * (eq. 7). With `manifold: "euclidean"` the same loss is trained in R^d with d(u, v) = ‖u − v‖² and plain SGD,
 * the paper's trained Euclidean baseline (its Table 1 "Euclidean" rows).
 * `embed.reconstruction` measures the paper's reconstruction mean rank and MAP.
 */
import { CsrMatrix } from "../csr";
import { Embedding } from "../embedding";
import { EigenlabError } from "../errors";
import { Matrix } from "../matrix";
import { message } from "../messages";
import { hashArrays, stamp } from "../meta";
import { checkSeed, Rng } from "../random";
import { asVector, checkChoice, checkOptions } from "../validate";
import { asMatrix } from "../validate/inputs";
import { nonNegativeInteger, positiveInteger, positiveNumber } from "../validate";

/** Relation pairs: a CsrMatrix (every stored off-diagonal entry (i, j) is a pair), `{ child, ancestor }` arrays (as `data.wordnet().closure`), or `[u, v]` tuples. */
export type RelationPairs = CsrMatrix | { child: ArrayLike<number>; ancestor: ArrayLike<number> } | readonly (readonly [number, number])[];

export interface PoincareOptions {
  /** Embedding dimension (default 10). */
  dim?: number;
  /** Training epochs, burn-in included; each epoch visits every pair once in a seeded random order (default 100). */
  epochs?: number;
  /** Learning rate η of the (Riemannian) SGD (default 0.3). */
  lr?: number;
  /** Negatives sampled per positive pair (default 10, as the paper). */
  negatives?: number;
  /** Burn-in epochs at learning rate η/10 (default 10; the paper's c = 10 for 10 epochs), part of `epochs`. */
  burnIn?: number;
  /** "poincare" (default) or "euclidean": the same loss with d(u, v) = ‖u − v‖², unconstrained, plain SGD. */
  manifold?: "poincare" | "euclidean";
  /** Number of nodes (default: the largest index in the pairs + 1; a CsrMatrix's row count). */
  n?: number;
  /** Points are kept at norm ≤ 1 − eps (default 1e-5). */
  eps?: number;
  /** Seed of the initialization and the sampling of negatives (default 0). */
  seed?: number;
}

/** The pairs as two index arrays, checked. */
function readPairs(fn: string, pairs: RelationPairs, nOpt: number | undefined): { u: Int32Array; v: Int32Array; n: number } {
  let a: ArrayLike<number>;
  let b: ArrayLike<number>;
  let n = 0;
  if (pairs instanceof CsrMatrix) {
    const A: number[] = [];
    const B: number[] = [];
    for (let i = 0; i < pairs.rows; i++) {
      for (let p = pairs.indptr[i]; p < pairs.indptr[i + 1]; p++) {
        if (pairs.indices[p] !== i && pairs.values[p] !== 0) { A.push(i); B.push(pairs.indices[p]); }
      }
    }
    a = A;
    b = B;
    n = Math.max(pairs.rows, pairs.cols);
  } else if (Array.isArray(pairs)) {
    const list = pairs as readonly (readonly [number, number])[];
    const A = new Array<number>(list.length);
    const B = new Array<number>(list.length);
    for (let e = 0; e < list.length; e++) {
      const pr = list[e];
      if (!Array.isArray(pr) || pr.length !== 2) throw new EigenlabError("bad-input", message.poincarePairs(fn, `pair ${e} is ${JSON.stringify(pr)}`));
      A[e] = pr[0];
      B[e] = pr[1];
    }
    a = A;
    b = B;
  } else if (pairs !== null && typeof pairs === "object" && "child" in pairs && "ancestor" in pairs) {
    a = pairs.child;
    b = pairs.ancestor;
    if (a.length !== b.length) throw new EigenlabError("bad-input", message.poincarePairs(fn, `child has ${a.length} entries, ancestor ${b.length}`));
  } else {
    throw new EigenlabError("bad-input", message.poincarePairs(fn, `got ${pairs === null ? "null" : typeof pairs}`));
  }
  if (a.length === 0) throw new EigenlabError("bad-input", message.poincarePairs(fn, "there are no pairs"));
  const u = new Int32Array(a.length);
  const v = new Int32Array(a.length);
  let max = -1;
  for (let e = 0; e < a.length; e++) {
    const x = a[e];
    const y = b[e];
    if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x > 2147483647 || y > 2147483647) {
      throw new EigenlabError("bad-input", message.poincarePairs(fn, `pair ${e} is (${x}, ${y}); node indices are non-negative integers`));
    }
    if (x === y) throw new EigenlabError("bad-input", message.poincarePairs(fn, `pair ${e} joins node ${x} to itself`));
    u[e] = x;
    v[e] = y;
    max = Math.max(max, x, y);
  }
  n = Math.max(n, max + 1);
  if (nOpt !== undefined) {
    if (nOpt < max + 1) throw new EigenlabError("bad-option", message.poincareN(fn, nOpt, max));
    n = nOpt;
  }
  return { u, v, n };
}

/** CSR lists per node u of the sorted, distinct {u} ∪ {v : (u, v) ∈ D}: what u's negatives must avoid. */
function exclusionLists(u: Int32Array, v: Int32Array, n: number): { ptr: Int32Array; list: Int32Array } {
  const count = new Int32Array(n + 1);
  for (let e = 0; e < u.length; e++) count[u[e] + 1]++;
  for (let i = 0; i < n; i++) count[i + 1] += count[i] + 1; // + 1: u itself
  const raw = new Int32Array(count[n]);
  const fill = count.slice(0, n);
  for (let i = 0; i < n; i++) raw[fill[i]++] = i;
  for (let e = 0; e < u.length; e++) raw[fill[u[e]]++] = v[e];
  const ptr = new Int32Array(n + 1);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const seg = raw.subarray(count[i], count[i + 1]).sort();
    for (let k = 0; k < seg.length; k++) if (k === 0 || seg[k] !== seg[k - 1]) out.push(seg[k]);
    ptr[i + 1] = out.length;
  }
  return { ptr, list: Int32Array.from(out) };
}

/**
 * The r-th (0-based) node not in the sorted list E = list[lo..hi): with f_i = E_i − i (the number of allowed
 * nodes below E_i, non-decreasing), it is r + #{i : f_i ≤ r}. Exact uniform sampling from the complement,
 * without rejection (a node like placental.n.01 excludes ~95 % of the mammals).
 */
function nthAllowed(list: Int32Array, lo: number, hi: number, r: number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (list[m] - (m - lo) <= r) a = m + 1;
    else b = m;
  }
  return r + (a - lo);
}

/**
 * Poincaré distance of rows i, j of a row-major n × dim array (or of two vectors with offsets): arcosh(1 + δ)
 * with δ = 2‖x − y‖²/((1 − ‖x‖²)(1 − ‖y‖²)), evaluated as log1p(δ + √(δ(δ + 2))) so small distances keep
 * their digits (arcosh(γ) near γ = 1 loses them).
 */
function poincareDist(X: ArrayLike<number>, io: number, Y: ArrayLike<number>, jo: number, dim: number): number {
  let nx = 0;
  let ny = 0;
  let s = 0;
  for (let k = 0; k < dim; k++) {
    const a = X[io + k];
    const b = Y[jo + k];
    nx += a * a;
    ny += b * b;
    s += (a - b) * (a - b);
  }
  const delta = (2 * s) / ((1 - nx) * (1 - ny));
  return Math.log1p(delta + Math.sqrt(delta * (delta + 2)));
}

/**
 * The Euclidean gradients of the Poincaré distance d(x, y) with respect to x and to y (paper eq. 4):
 * ∂d/∂x = 4/(β√(γ² − 1)) · ((‖y‖² − 2⟨x, y⟩ + 1)/α² · x − y/α), α = 1 − ‖x‖², β = 1 − ‖y‖², and symmetrically
 * for y. Returns d. Exported for the tests (checked against finite differences of the distance).
 */
export function poincareDistanceGrad(x: ArrayLike<number>, y: ArrayLike<number>, gx: Float64Array, gy: Float64Array): number {
  const dim = x.length;
  let nx = 0;
  let ny = 0;
  let s = 0;
  for (let k = 0; k < dim; k++) {
    nx += x[k] * x[k];
    ny += y[k] * y[k];
    s += (x[k] - y[k]) * (x[k] - y[k]);
  }
  const alpha = 1 - nx;
  const beta = 1 - ny;
  const delta = (2 * s) / (alpha * beta);
  const root = Math.sqrt(delta * (delta + 2)); // √(γ² − 1)
  const cx = 4 / (beta * root);
  const cy = 4 / (alpha * root);
  // ‖y‖² − 2⟨x, y⟩ + 1 = α + s, and symmetrically β + s.
  const px = (alpha + s) / (alpha * alpha);
  const py = (beta + s) / (beta * beta);
  for (let k = 0; k < dim; k++) {
    gx[k] = cx * (px * x[k] - y[k] / alpha);
    gy[k] = cy * (py * y[k] - x[k] / beta);
  }
  return Math.log1p(delta + root);
}

/**
 * The hyperbolic distance of two points of the open unit ball (Poincaré ball model):
 * arcosh(1 + 2‖u − v‖²/((1 − ‖u‖²)(1 − ‖v‖²))). Symmetric, zero only for u = v, and growing without bound as
 * either point nears the boundary.
 *
 * @example
 * ```ts
 * embed.poincareDistance([0, 0], [0.5, 0]); // => 1.0986122886681098
 * embed.poincareDistance([0.5, 0], [0, 0.5]) === embed.poincareDistance([0, 0.5], [0.5, 0]); // => true
 * embed.poincareDistance([0.3, 0.1], [0.3, 0.1]); // => 0
 * ```
 */
export function poincareDistance(u: ArrayLike<number>, v: ArrayLike<number>): number {
  const fn = "embed.poincareDistance";
  u = asVector(fn, "u", u);
  v = asVector(fn, "v", v);
  if (u.length !== v.length) throw new EigenlabError("shape", message.poincareVectors(fn, `lengths ${u.length} and ${v.length} differ`));
  let nu = 0;
  let nv = 0;
  for (let k = 0; k < u.length; k++) { nu += u[k] * u[k]; nv += v[k] * v[k]; }
  if (!(nu < 1) || !(nv < 1)) throw new EigenlabError("bad-input", message.poincareVectors(fn, `the norms are ${Math.sqrt(nu)} and ${Math.sqrt(nv)}; both must be below 1`));
  return poincareDist(u, 0, v, 0, u.length);
}

/**
 * Poincaré embeddings (Nickel & Kiela 2017) of relation pairs, e.g. the transitive closure of a hierarchy:
 * Riemannian SGD in the unit ball on the paper's softmax loss against sampled negatives; seeded and
 * deterministic (same seed, same bits). `manifold: "euclidean"` trains the paper's Euclidean baseline instead.
 *
 * Training (paper §3–4): points start uniform in [−1e−3, 1e−3]^dim; each epoch visits the pairs in a seeded
 * random order; for pair (u, v), `negatives` nodes v' are drawn uniformly from those with (u, v') ∉ D and
 * v' ≠ u, and the loss −log(e^{−d(u,v)} / Σ_{v'' ∈ {v} ∪ negatives} e^{−d(u,v'')}) is followed one step:
 * θ ← proj(θ − η (1 − ‖θ‖²)²/4 · ∇_E) for u, v and each negative, proj scaling a point of norm ≥ 1 back to
 * norm 1 − eps. The first `burnIn` epochs use η/10 so that the points find a good angular layout before they
 * move toward the boundary (the paper's burn-in, c = 10). The Euclidean variant uses d = ‖u − v‖², the plain
 * gradient and no projection. `meta.loss` holds each epoch's mean loss.
 *
 * @example
 * ```ts
 * // A root (0) with two children (1, 2), each with two leaves: the transitive closure, child → ancestor.
 * const pairs: [number, number][] = [[1, 0], [2, 0], [3, 1], [4, 1], [5, 2], [6, 2], [3, 0], [4, 0], [5, 0], [6, 0]];
 * const E = embed.poincare(pairs, { dim: 2, epochs: 200, negatives: 3, seed: 1 });
 * E.coords.shape; // => [7, 2]
 * E.meta.model; // => "poincare"
 * Math.max(...Array.from({ length: 7 }, (_, i) => Math.hypot(...E.coords.row(i)))) < 1; // => true
 * embed.reconstruction(E, pairs).map; // => 1
 * ```
 */
export function poincare(pairs: RelationPairs, opts: PoincareOptions = {}): Embedding {
  const fn = "embed.poincare";
  const t0 = performance.now();
  checkOptions(fn, opts, ["dim", "epochs", "lr", "negatives", "burnIn", "manifold", "n", "eps", "seed"]);
  const dim = positiveInteger(fn, "dim", opts.dim ?? 10);
  const epochs = positiveInteger(fn, "epochs", opts.epochs ?? 100);
  const lr = positiveNumber(fn, "lr", opts.lr ?? 0.3);
  const K = nonNegativeInteger(fn, "negatives", opts.negatives ?? 10);
  const burnIn = nonNegativeInteger(fn, "burnIn", opts.burnIn ?? 10);
  const manifold = checkChoice(fn, "manifold", opts.manifold ?? "poincare", ["poincare", "euclidean"] as const);
  const nOpt = opts.n === undefined ? undefined : positiveInteger(fn, "n", opts.n);
  const eps = positiveNumber(fn, "eps", opts.eps ?? 1e-5);
  if (eps >= 1) throw new EigenlabError("bad-option", message.poincareEps(fn, eps));
  const seed = checkSeed(opts.seed ?? 0);
  const { u: U, v: V, n } = readPairs(fn, pairs, nOpt);
  const hyperbolic = manifold === "poincare";
  const m = U.length;
  const { ptr, list } = exclusionLists(U, V, n);

  const X = new Float64Array(n * dim);
  new Rng(seed).stream(0).fillUniform(X, -1e-3, 1e-3);
  const rng = new Rng(seed).stream(1);
  const order = Int32Array.from({ length: m }, (_, e) => e);
  // Per-step scratch, allocated once: the K + 1 partners (positive first), their distances and softmax
  // weights ∂L/∂d_j, u's accumulated gradient and one gradient row per partner.
  const partner = new Int32Array(K + 1);
  const dist = new Float64Array(K + 1);
  const gu = new Float64Array(dim);
  const gp = new Float64Array((K + 1) * dim);
  const partnerNorm = new Float64Array(K + 1);
  const partnerSq = new Float64Array(K + 1);
  const lossHistory: number[] = [];
  const maxNorm = 1 - eps;

  for (let epoch = 0; epoch < epochs; epoch++) {
    const eta = epoch < burnIn ? lr / 10 : lr;
    for (let e = m - 1; e > 0; e--) {
      const j = rng.int(e + 1);
      const t = order[e];
      order[e] = order[j];
      order[j] = t;
    }
    let lossSum = 0;
    for (let t = 0; t < m; t++) {
      const e = order[t];
      const u = U[e];
      const uo = u * dim;
      partner[0] = V[e];
      const lo = ptr[u];
      const hi = ptr[u + 1];
      const allowed = n - (hi - lo);
      const k = allowed > 0 ? K : 0;
      // One 32-bit draw per negative, scaled to [0, allowed): a bias below allowed / 2³² (< 1e−5 for a
      // million nodes) instead of Rng.int's rejection loop, which was the training loop's largest cost.
      for (let q = 1; q <= k; q++) partner[q] = nthAllowed(list, lo, hi, Math.floor((rng.nextUint32() * allowed) / 4294967296));
      let nu = 0;
      for (let c = 0; c < dim; c++) nu += X[uo + c] * X[uo + c];
      const alpha = 1 - nu;
      // Distances and the softmax over −d (shifted by the smallest d for stability).
      let dmin = Infinity;
      for (let q = 0; q <= k; q++) {
        const po = partner[q] * dim;
        let np = 0;
        let s = 0;
        for (let c = 0; c < dim; c++) {
          const b = X[po + c];
          np += b * b;
          s += (X[uo + c] - b) * (X[uo + c] - b);
        }
        partnerNorm[q] = np;
        if (hyperbolic) {
          const delta = (2 * s) / (alpha * (1 - np));
          dist[q] = Math.log1p(delta + Math.sqrt(delta * (delta + 2)));
        } else dist[q] = s;
        partnerSq[q] = s;
        if (dist[q] < dmin) dmin = dist[q];
      }
      let z = 0;
      for (let q = 0; q <= k; q++) z += Math.exp(dmin - dist[q]);
      lossSum += dist[0] - dmin + Math.log(z);
      gu.fill(0);
      for (let q = 0; q <= k; q++) {
        // ∂L/∂d_q = [q = 0] − softmax_q
        const w = (q === 0 ? 1 : 0) - Math.exp(dmin - dist[q]) / z;
        const po = partner[q] * dim;
        const go = q * dim;
        if (hyperbolic) {
          const np = partnerNorm[q];
          const beta = 1 - np;
          const s = partnerSq[q];
          const delta = (2 * s) / (alpha * beta);
          // √(γ² − 1) = √(δ(δ + 2)); floored so that coinciding points (δ = 0) give a zero, not a NaN, step.
          const root = Math.max(Math.sqrt(delta * (delta + 2)), 1e-15);
          const cu = (w * 4) / (beta * root);
          const cp = (w * 4) / (alpha * root);
          const pu = (alpha + s) / (alpha * alpha);
          const pp = (beta + s) / (beta * beta);
          for (let c = 0; c < dim; c++) {
            gu[c] += cu * (pu * X[uo + c] - X[po + c] / alpha);
            gp[go + c] = cp * (pp * X[po + c] - X[uo + c] / beta);
          }
        } else {
          for (let c = 0; c < dim; c++) {
            const diff = X[uo + c] - X[po + c];
            gu[c] += 2 * w * diff;
            gp[go + c] = -2 * w * diff;
          }
        }
      }
      // Apply all updates from gradients taken at the old points: u first, then each partner.
      step(X, uo, gu, 0, dim, hyperbolic ? (eta * alpha * alpha) / 4 : eta, hyperbolic, maxNorm);
      for (let q = 0; q <= k; q++) {
        const b = 1 - partnerNorm[q];
        step(X, partner[q] * dim, gp, q * dim, dim, hyperbolic ? (eta * b * b) / 4 : eta, hyperbolic, maxNorm);
      }
    }
    lossHistory.push(lossSum / m);
  }

  return new Embedding({
    coords: new Matrix(n, dim, X),
    meta: stamp({
      solver: hyperbolic ? "poincare:riemannian-sgd" : "euclidean:sgd",
      inputShape: [n, m],
      inputHash: hashArrays(U, V),
      seed,
      iterations: epochs,
      threads: 1,
      timeMs: performance.now() - t0,
      model: manifold,
      dim,
      lr,
      negatives: K,
      burnIn,
      eps,
      loss: lossHistory,
    }),
  });
}

/** θ ← θ − rate·g, then (ball) back to norm ≤ maxNorm: the paper's proj (eq. 7). */
function step(X: Float64Array, xo: number, g: Float64Array, go: number, dim: number, rate: number, ball: boolean, maxNorm: number): void {
  let nrm = 0;
  for (let c = 0; c < dim; c++) {
    const y = X[xo + c] - rate * g[go + c];
    X[xo + c] = y;
    nrm += y * y;
  }
  if (ball && nrm >= maxNorm * maxNorm) {
    const sc = maxNorm / Math.sqrt(nrm);
    for (let c = 0; c < dim; c++) X[xo + c] *= sc;
  }
}

export interface ReconstructionOptions {
  /** Distance to rank by: "poincare" (default for an embedding whose meta.model is "poincare") or "euclidean". */
  distance?: "poincare" | "euclidean";
}

export interface Reconstruction {
  /** Mean over all pairs (u, v) of v's rank among v and the nodes w ≠ u with (u, w) ∉ D, by distance to u (1 = best). */
  meanRank: number;
  /** Mean over the nodes u with at least one pair of the average precision of ranking all other nodes by distance to u, the v with (u, v) ∈ D relevant. */
  map: number;
  /** Pairs ranked. */
  pairs: number;
  /** Nodes u averaged over in `map`. */
  nodes: number;
}

/**
 * The paper's reconstruction measures (Nickel & Kiela 2017, §4.1, Table 1) of an embedding of relation pairs D:
 * mean rank — for every pair (u, v), v's rank by distance to u among v and all w ≠ u with (u, w) ∉ D — and
 * mean average precision over the nodes u, ranking every other node by distance with {v : (u, v) ∈ D} relevant.
 * Ties count against the pair (a tied non-neighbour ranks ahead), and AP treats tied distances as one
 * threshold, as scikit-learn's average_precision_score, which the paper's evaluation code uses.
 *
 * @example
 * ```ts
 * // Path 0 – 1 – 2 on a line; node 0's true neighbour is 1.
 * const E = Matrix.from([[0], [1], [3]]);
 * const r = embed.reconstruction(E, [[0, 1], [2, 1]]);
 * r.meanRank; // => 1
 * r.map; // => 1
 * embed.reconstruction(E, [[0, 2]]).meanRank; // => 2
 * embed.reconstruction(E, [[0, 2]]).map; // => 0.5
 * ```
 */
export function reconstruction(emb: Embedding | Matrix, pairs: RelationPairs, opts: ReconstructionOptions = {}): Reconstruction {
  const fn = "embed.reconstruction";
  checkOptions(fn, opts, ["distance"]);
  const Xm = emb instanceof Embedding ? emb.coords : asMatrix(fn, "emb", emb);
  const fallback = emb instanceof Embedding && emb.meta.model === "poincare" ? "poincare" : "euclidean";
  const distance = checkChoice(fn, "distance", opts.distance ?? fallback, ["poincare", "euclidean"] as const);
  const n = Xm.rows;
  const dim = Xm.cols;
  const { u: U, v: V } = readPairs(fn, pairs, n);
  const { ptr, list } = exclusionLists(U, V, n);
  const X = Xm.data;
  if (distance === "poincare") {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < dim; c++) s += X[i * dim + c] * X[i * dim + c];
      if (!(s < 1)) throw new EigenlabError("bad-input", message.poincareOutsideBall(fn, i, Math.sqrt(s)));
    }
  }
  const d = new Float64Array(n);
  const isNbr = new Uint8Array(n);
  const others = new Float64Array(n);
  const rel = new Float64Array(n);
  let rankSum = 0;
  let pairCount = 0;
  let apSum = 0;
  let nodes = 0;
  for (let u = 0; u < n; u++) {
    const lo = ptr[u];
    const hi = ptr[u + 1];
    if (hi - lo <= 1) continue; // only u itself: no pair starts at u
    for (let w = 0; w < n; w++) {
      if (distance === "poincare") d[w] = poincareDist(X, u * dim, X, w * dim, dim);
      else {
        let s = 0;
        for (let c = 0; c < dim; c++) s += (X[u * dim + c] - X[w * dim + c]) ** 2;
        d[w] = s; // squared: same order as the distance
      }
    }
    for (let p = lo; p < hi; p++) isNbr[list[p]] = 1;
    // Non-neighbour distances sorted: v's rank is 1 + #{non-neighbours w with d(u, w) ≤ d(u, v)}.
    let no = 0;
    for (let w = 0; w < n; w++) if (!isNbr[w]) others[no++] = d[w];
    const sorted = others.subarray(0, no).sort();
    let nr = 0;
    for (let p = lo; p < hi; p++) if (list[p] !== u) rel[nr++] = d[list[p]];
    const relSorted = rel.subarray(0, nr).sort();
    let relevant = 0;
    for (let p = lo; p < hi; p++) {
      const v = list[p];
      if (v === u) continue;
      relevant++;
      rankSum += 1 + countAtMost(sorted, no, d[v]);
      pairCount++;
    }
    // Average precision with tied distances as one threshold: each relevant v contributes the precision of the
    // set {w ≠ u : d(u, w) ≤ d(u, v)}, i.e. #relevant within / #nodes within, both by binary search.
    let ap = 0;
    for (let p = lo; p < hi; p++) {
      const v = list[p];
      if (v === u) continue;
      const a = countAtMost(sorted, no, d[v]);
      const c = countAtMost(relSorted, nr, d[v]);
      ap += c / (a + c);
    }
    ap /= relevant;
    apSum += ap;
    nodes++;
    for (let p = lo; p < hi; p++) isNbr[list[p]] = 0;
  }
  return { meanRank: rankSum / pairCount, map: apSum / nodes, pairs: pairCount, nodes };
}

/** How many of the first `len` entries of the ascending `sorted` are ≤ x (binary search). */
function countAtMost(sorted: Float64Array, len: number, x: number): number {
  let a = 0;
  let b = len;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (sorted[mid] <= x) a = mid + 1;
    else b = mid;
  }
  return a;
}
