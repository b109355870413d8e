/**
 * Divide and conquer for the symmetric tridiagonal eigenproblem (Cuppen, Numer. Math. 36, 1981), in the
 * numerically stable form of Gu & Eisenstat (SIMAX 16, 1995) as LAPACK's dstedc/dlaed0–dlaed4 uses it:
 *
 *   T = diag(T₁, T₂) + ρ v vᵀ  →  eigen(T₁), eigen(T₂) recursively  →  D + ρ z zᵀ with z from their rows,
 *   deflation (small z_i, or close d_i, d_j rotated together), secular equation 1 + ρ Σ z_j²/(d_j − λ) = 0
 *   solved per root with origin at the nearer pole, ẑ recomputed by Löwner's formula so the eigenvectors
 *   ẑ_j/(d_j − λ_i) are orthogonal to working precision, and the merged eigenvectors formed by gemm.
 *
 * Most flops end in `gemm` (the WebAssembly kernel), which is why this beats implicit QL with its O(n³)
 * scalar Givens rotations for n in the hundreds and up.
 */
import { gemm } from "../kernels";
import { tridiagonalEigen } from "./implicit-ql";

const EPS = 2 ** -53;
/** Subproblems up to this size go to implicit QL (tql2). */
const LEAF = 32;

export interface TridiagonalEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** n×n row-major, eigenvector j in column j. */
  Z: Float64Array;
}

/**
 * Recycles the large work arrays of one divide-and-conquer run (Qs, U, W, the gemm operands and the children's
 * Z, dead once merged). Fresh typed arrays of O(n²) doubles per merge made V8 run a full garbage collection
 * every few merges (their backing stores count as external memory), which cost as much as the merges
 * themselves at n = 1000. `take` returns a view of a free buffer at least that long (best fit), zeroed unless
 * the caller overwrites every entry.
 */
class BufferPool {
  private free: Float64Array[] = [];
  private base = new Map<Float64Array, Float64Array>();
  take(len: number, zero = true): Float64Array {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      if (this.free[i].length >= len && (best < 0 || this.free[i].length < this.free[best].length)) best = i;
    }
    const buf = best >= 0 ? this.free.splice(best, 1)[0] : new Float64Array(len);
    const view = buf.subarray(0, len);
    if (best >= 0 && zero) view.fill(0);
    this.base.set(view, buf);
    return view;
  }
  give(view: Float64Array): void {
    const buf = this.base.get(view);
    if (!buf) return;
    this.base.delete(view);
    this.free.push(buf);
  }
  /** Keeps at most `maxDoubles` of free buffers of at most `maxLen` doubles each (the smallest first); drops the rest. */
  trim(maxLen: number, maxDoubles: number): void {
    this.base.clear();
    this.free = this.free.filter((b) => b.length <= maxLen).sort((a, b) => a.length - b.length);
    let kept = 0;
    let i = 0;
    while (i < this.free.length && kept + this.free[i].length <= maxDoubles) kept += this.free[i++].length;
    this.free.length = i;
  }
}

/**
 * The pool kept between runs for small problems (buffers up to 512² doubles, 12 MiB in all): at n ≈ 500 one
 * eigh allocated ~10 MB of merge buffers, whose external-memory pressure set off a full mark-compact every
 * other call (10–30 ms each here, a tenth of the solve); at larger n the run dominates and nothing is kept,
 * so a big solve leaves no workspace behind.
 */
const sharedPool = new BufferPool();
const KEEP_LEN = 512 * 512;
const KEEP_TOTAL = 6 * KEEP_LEN;

/** All eigenpairs of the symmetric tridiagonal (diag d, off-diagonal e of length n − 1). Inputs untouched. */
export function tridiagonalEigenDC(d: ArrayLike<number>, e: ArrayLike<number>): TridiagonalEigen {
  const n = d.length;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(d[i]));
  for (let i = 0; i < n - 1; i++) scale = Math.max(scale, Math.abs(e[i]));
  if (scale === 0) scale = 1;
  const ds = Float64Array.from(d, (x) => x / scale);
  const es = Float64Array.from(e, (x) => x / scale);
  const pool = n <= 512 ? sharedPool : new BufferPool();
  const r = solve(ds, es, pool);
  for (let i = 0; i < n; i++) r.values[i] *= scale;
  // The result may be a view into a pooled buffer; hand out an array of its own (and the buffer back).
  const own = r.Z.length === r.Z.buffer.byteLength / 8;
  const Z = own ? r.Z : r.Z.slice();
  if (!own) pool.give(r.Z);
  if (pool === sharedPool) pool.trim(KEEP_LEN, KEEP_TOTAL);
  return { values: r.values, Z };
}

function solve(d: Float64Array, e: Float64Array, pool: BufferPool): TridiagonalEigen {
  const n = d.length;
  if (n <= LEAF) {
    const r = tridiagonalEigen(d, e); // vectors contiguous per eigenvector
    const Z = pool.take(n * n, false);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) Z[i * n + j] = r.vectors[j * n + i];
    return { values: r.values, Z };
  }
  const m = n >> 1;
  const beta = e[m - 1];
  const rho = Math.abs(beta);
  const sgn = beta < 0 ? -1 : 1;
  const d1 = d.slice(0, m);
  const d2 = d.slice(m);
  d1[m - 1] -= rho;
  d2[0] -= rho;
  const left = solve(d1, e.slice(0, m - 1), pool);
  const right = solve(d2, e.slice(m), pool);
  return merge(left, right, m, n - m, rho, sgn, pool);
}

/** Eigen-decomposition of diag(Q₁, Q₂)(diag(Λ₁, Λ₂) + ρ z zᵀ)diag(Q₁, Q₂)ᵀ. */
function merge(left: TridiagonalEigen, right: TridiagonalEigen, n1: number, n2: number, rho0: number, sgn: number, pool: BufferPool): TridiagonalEigen {
  const n = n1 + n2;
  const D0 = new Float64Array(n);
  D0.set(left.values);
  D0.set(right.values, n1);
  const z0 = new Float64Array(n);
  // z = [last row of Q₁; ±first row of Q₂], ‖z‖ = √2; normalized with ρ scaled to match (dlaed2).
  for (let j = 0; j < n1; j++) z0[j] = left.Z[(n1 - 1) * n1 + j] / Math.SQRT2;
  for (let j = 0; j < n2; j++) z0[n1 + j] = (sgn * right.Z[j]) / Math.SQRT2;
  const rho = 2 * rho0;
  // Sort the poles ascending; Qs = diag(Q₁, Q₂) with columns in that order.
  const perm = Array.from({ length: n }, (_, i) => i).sort((a, b) => D0[a] - D0[b] || a - b);
  const D = new Float64Array(n);
  const z = new Float64Array(n);
  const Qs = pool.take(n * n);
  // Column type: 1 = nonzero only in the top n1 rows, 3 = only in the bottom n2 rows, 2 = both.
  const type = new Int8Array(n);
  // Column c of Qs comes from column perm[c] of Q₁ (top rows) or Q₂ (bottom rows). Filled row by row, so the
  // n² moves read and write along rows (the column-by-column fill was a cache miss per entry at n ≥ 512).
  const topC: number[] = [];
  const topP: number[] = [];
  const botC: number[] = [];
  const botP: number[] = [];
  for (let c = 0; c < n; c++) {
    const p = perm[c];
    D[c] = D0[p];
    z[c] = z0[p];
    if (p < n1) {
      type[c] = 1;
      topC.push(c);
      topP.push(p);
    } else {
      type[c] = 3;
      botC.push(c);
      botP.push(p - n1);
    }
  }
  for (let i = 0; i < n1; i++) {
    const dst = i * n;
    const src = i * n1;
    for (let t = 0; t < topC.length; t++) Qs[dst + topC[t]] = left.Z[src + topP[t]];
  }
  for (let i = 0; i < n2; i++) {
    const dst = (n1 + i) * n;
    const src = i * n2;
    for (let t = 0; t < botC.length; t++) Qs[dst + botC[t]] = right.Z[src + botP[t]];
  }
  // Deflation (dlaed2): tiny ρ|z_c| → (D_c, Qs[:,c]) is already an eigenpair; near-equal poles → a Givens
  // rotation zeroes one z entry and the pair deflates.
  let dmax = 0;
  for (let c = 0; c < n; c++) dmax = Math.max(dmax, Math.abs(D[c]));
  const tol = 8 * EPS * Math.max(dmax, rho);
  const kept: number[] = [];
  const deflated: number[] = [];
  let prev = -1;
  for (let c = 0; c < n; c++) {
    if (rho * Math.abs(z[c]) <= tol) {
      deflated.push(c);
      continue;
    }
    if (prev < 0) {
      prev = c;
      continue;
    }
    const s0 = z[prev];
    const c0 = z[c];
    const tau = Math.hypot(c0, s0);
    const cs = c0 / tau;
    const sn = -s0 / tau;
    if (Math.abs((D[c] - D[prev]) * cs * sn) <= tol) {
      z[c] = tau;
      z[prev] = 0;
      for (let i = 0; i < n; i++) {
        const x = Qs[i * n + prev];
        const y = Qs[i * n + c];
        Qs[i * n + prev] = cs * x + sn * y;
        Qs[i * n + c] = cs * y - sn * x;
      }
      if (type[prev] !== type[c]) {
        type[prev] = 2;
        type[c] = 2;
      }
      const t = D[prev] * cs * cs + D[c] * sn * sn;
      D[c] = D[prev] * sn * sn + D[c] * cs * cs;
      D[prev] = t;
      deflated.push(prev);
      prev = c;
    } else {
      kept.push(prev);
      prev = c;
    }
  }
  if (prev >= 0) kept.push(prev);

  const K = kept.length;
  const lam = new Float64Array(K);
  let U = new Float64Array(0); // K×K row-major: U[j, i] = component j of eigenvector i
  if (K > 0) {
    const dk = Float64Array.from(kept, (c) => D[c]);
    const zk = Float64Array.from(kept, (c) => z[c]);
    const origin = new Int32Array(K);
    const tauArr = new Float64Array(K);
    secularRoots(dk, zk, rho, origin, tauArr);
    for (let i = 0; i < K; i++) lam[i] = dk[origin[i]] + tauArr[i];
    // λ_i − d_j computed from the stored offsets: (d_org − d_j) + τ_i, accurate when λ_i is near d_j.
    const diff = (i: number, j: number) => dk[origin[i]] - dk[j] + tauArr[i];
    // Löwner (Gu–Eisenstat): ẑ_j² = Π_i (λ_i − d_j) / (ρ Π_{i≠j} (d_i − d_j)), paired to stay O(1).
    const zh = new Float64Array(K);
    for (let j = 0; j < K; j++) {
      let p = diff(K - 1, j) / rho;
      for (let i = 0; i < j; i++) p *= diff(i, j) / (dk[i] - dk[j]);
      for (let i = j; i < K - 1; i++) p *= diff(i, j) / (dk[i + 1] - dk[j]);
      zh[j] = Math.sqrt(Math.max(p, 0)) * (zk[j] < 0 ? -1 : 1);
    }
    // Column i of U is ẑ_j/(d_j − λ_i), normalized; built row by row (norms accumulated across rows first).
    U = pool.take(K * K, false);
    const norm2 = new Float64Array(K);
    const dOrg = Float64Array.from(origin, (o) => dk[o]);
    for (let j = 0; j < K; j++) {
      const row = j * K;
      const dj = dk[j];
      const zj = zh[j];
      for (let i = 0; i < K; i++) {
        const v = zj / -(dOrg[i] - dj + tauArr[i]);
        U[row + i] = v;
        norm2[i] += v * v;
      }
    }
    for (let i = 0; i < K; i++) norm2[i] = 1 / Math.sqrt(norm2[i]);
    for (let j = 0; j < K; j++) {
      const row = j * K;
      for (let i = 0; i < K; i++) U[row + i] *= norm2[i];
    }
  }

  // Merged eigenvectors of the kept part: Qs[:, kept] · U, using the block structure of the columns.
  pool.give(left.Z);
  pool.give(right.Z);
  const W = pool.take(n * K);
  if (K > 0) {
    const topCols: number[] = [];
    const botCols: number[] = [];
    for (let j = 0; j < K; j++) {
      const t = type[kept[j]];
      if (t !== 3) topCols.push(j);
      if (t !== 1) botCols.push(j);
    }
    blockProduct(Qs, n, 0, n1, kept, topCols, U, K, W, pool);
    blockProduct(Qs, n, n1, n2, kept, botCols, U, K, W, pool);
  }
  // Collect all pairs and sort ascending.
  const values = new Float64Array(n);
  if (K > 0) pool.give(U);
  const Z = pool.take(n * n, false);
  const items: { v: number; src: number }[] = [];
  for (let i = 0; i < K; i++) items.push({ v: lam[i], src: i });
  for (const c of deflated) items.push({ v: D[c], src: -1 - c });
  items.sort((a, b) => a.v - b.v || a.src - b.src);
  // Output columns gathered row by row: from W (merged) or Qs (deflated).
  const fromW: number[] = [];
  const wSrc: number[] = [];
  const fromQ: number[] = [];
  const qSrc: number[] = [];
  for (let col = 0; col < n; col++) {
    const it = items[col];
    values[col] = it.v;
    if (it.src >= 0) {
      fromW.push(col);
      wSrc.push(it.src);
    } else {
      fromQ.push(col);
      qSrc.push(-1 - it.src);
    }
  }
  for (let i = 0; i < n; i++) {
    const dst = i * n;
    const w = i * K;
    const q = i * n;
    for (let t = 0; t < fromW.length; t++) Z[dst + fromW[t]] = W[w + wSrc[t]];
    for (let t = 0; t < fromQ.length; t++) Z[dst + fromQ[t]] = Qs[q + qSrc[t]];
  }
  pool.give(Qs);
  pool.give(W);
  return { values, Z };
}

/** W[r0 + i, :] = Qs[r0 + i, kept[cols]] · U[cols, :] for i < rows (gathered, then one gemm). */
function blockProduct(Qs: Float64Array, n: number, r0: number, rows: number, kept: number[], cols: number[], U: Float64Array, K: number, W: Float64Array, pool: BufferPool): void {
  const c = cols.length;
  if (c === 0 || rows === 0) return;
  const A = pool.take(rows * c, false);
  for (let i = 0; i < rows; i++) {
    const src = (r0 + i) * n;
    for (let q = 0; q < c; q++) A[i * c + q] = Qs[src + kept[cols[q]]];
  }
  const B = pool.take(c * K, false);
  for (let q = 0; q < c; q++) B.set(U.subarray(cols[q] * K, cols[q] * K + K), q * K);
  gemm(false, false, rows, K, c, 1, A, 0, c, B, 0, K, 0, W, r0 * K, K);
  pool.give(A);
  pool.give(B);
}

/**
 * Roots of 1 + ρ Σ z_j²/(d_j − λ) = 0 for ascending d (distinct after deflation), ρ > 0: root i lies in
 * (d_i, d_{i+1}), the last in (d_{K−1}, d_{K−1} + ρ‖z‖²). Each is returned as origin index and offset τ
 * (λ_i = d_origin + τ), the origin being the nearer pole, so every λ_i − d_j is computed without
 * cancellation. Rational-model steps (Li's middle way), safeguarded by the bracket (Newton, then bisection,
 * whenever a step leaves it).
 */
function secularRoots(d: Float64Array, z: Float64Array, rho: number, origin: Int32Array, tauOut: Float64Array): void {
  const K = d.length;
  let zz = 0;
  for (let j = 0; j < K; j++) zz += z[j] * z[j];
  const z2 = Float64Array.from(z, (x) => x * x);
  const delta = new Float64Array(K);
  for (let i = 0; i < K; i++) {
    let org: number;
    let lo: number;
    let hi: number;
    if (i === K - 1) {
      org = i;
      lo = 0;
      hi = rho * zz;
    } else {
      const gap = d[i + 1] - d[i];
      // Which half holds the root: f at the midpoint.
      const mid = d[i] + gap / 2;
      let f = 1;
      for (let j = 0; j < K; j++) f += (rho * z2[j]) / (d[j] - mid);
      if (f >= 0) {
        org = i;
        lo = 0;
        hi = gap / 2;
      } else {
        org = i + 1;
        lo = -gap / 2;
        hi = 0;
      }
    }
    const dorg = d[org];
    for (let j = 0; j < K; j++) delta[j] = d[j] - dorg;
    let tau = (lo + hi) / 2;
    // The two poles around root i, relative to the origin (only one for the last root).
    const pa = d[i] - dorg;
    const pb = i < K - 1 ? d[i + 1] - dorg : Infinity;
    for (let iter = 0; iter < 200; iter++) {
      // ψ (poles j ≤ i) and φ (poles j > i) with their derivatives, as dlaed4 splits the sum.
      let psi = 0;
      let dpsi = 0;
      let phi = 0;
      let dphi = 0;
      let absSum = 1;
      for (let j = 0; j <= i; j++) {
        const r = 1 / (delta[j] - tau);
        const t = rho * z2[j] * r;
        psi += t;
        dpsi += t * r;
        absSum += Math.abs(t);
      }
      for (let j = i + 1; j < K; j++) {
        const r = 1 / (delta[j] - tau);
        const t = rho * z2[j] * r;
        phi += t;
        dphi += t * r;
        absSum += Math.abs(t);
      }
      const f = 1 + psi + phi;
      // |f| within a few roundings of the terms (was 8K·ε·Σ|t|: with the faster steps, that looser test
      // stopped early enough to cost a digit at n = 1000; 8ε·Σ|t| takes 4.6 steps per root there).
      if (Math.abs(f) <= 8 * EPS * absSum) break;
      if (f < 0) lo = tau;
      else hi = tau;
      if (hi - lo <= 4 * EPS * Math.max(Math.abs(lo), Math.abs(hi))) break;
      // Step from the two-pole rational model c + s/(pa − x) + S/(pb − x) matching ψ, φ and their derivatives
      // at τ (the "middle way" of R.-C. Li, LAPACK Working Note 89, 1994, used by dlaed4): quadratic in the
      // increment η, root of smaller magnitude. It converges in 2–4 steps where Newton on f, which models
      // a rational function by a line, took 8–9 on average (n = 1000, Gaussian matrix).
      const da = pa - tau;
      const sa = dpsi * da * da;
      let next: number;
      if (pb === Infinity) {
        const c = 1 + psi - sa / da;
        next = c !== 0 ? tau + da + sa / c : NaN; // c + s/(da − η) = 0
      } else {
        const db = pb - tau;
        const sb = dphi * db * db;
        const c = 1 + (psi - sa / da) + (phi - sb / db);
        const B = c * (da + db) + sa + sb;
        const C = da * db * f;
        const disc = B * B - 4 * c * C;
        const root = Math.sqrt(Math.max(disc, 0));
        const den = B + (B >= 0 ? root : -root);
        next = den !== 0 ? tau + (2 * C) / den : NaN;
      }
      if (!(next > lo && next < hi)) {
        // Newton, then bisection, when the model step leaves the bracket.
        next = tau - f / (dpsi + dphi);
        if (!(next > lo && next < hi)) next = (lo + hi) / 2;
      }
      if (Math.abs(next - tau) <= EPS * Math.abs(tau)) {
        tau = next; // a step within rounding of τ: converged as far as f can be evaluated
        break;
      }
      tau = next;
    }
    origin[i] = org;
    tauOut[i] = tau;
  }
}
