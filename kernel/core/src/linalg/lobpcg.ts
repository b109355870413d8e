/**
 * LOBPCG — Locally Optimal Block Preconditioned Conjugate Gradient (Knyazev 2001, "Toward the optimal
 * preconditioned eigensolver", SIAM J. Sci. Comput. 23(2)) for the k smallest or largest eigenpairs of a
 * symmetric operator.
 *
 * Each iteration does Rayleigh–Ritz on span[X, P, W]: X the current block of Ritz vectors, W = T·R the
 * preconditioned residuals of the not-yet-converged columns, P the previous search directions. Following
 * Hetmaniuk & Lehoucq 2006 ("Basis selection in LOBPCG", J. Comput. Phys. 218) the basis is kept
 * ORTHONORMAL (P against X, W against [X, P], repeated classical Gram–Schmidt, near-dependent directions
 * dropped), so the projected problem is a standard symmetric one and no Gram matrix can lose definiteness.
 * A·P is carried by the same linear combinations as P (no extra matvecs); A·X is recomputed explicitly
 * before convergence is declared, so the drift of that recurrence cannot fake convergence.
 *
 * The block carries a few guard vectors beyond k (Knyazev's practice): the convergence rate of the k-th
 * pair depends on the gap to the (block+1)-th eigenvalue, not to the (k+1)-th.
 */
import { Rng } from "../random";
import { RitzPairs, thickRestartLanczos } from "./lanczos";
import { symmetricEigen } from "./symmetric-eigen";
import { combineInto, gemvNSubInto, gemvTInto, nrm2 } from "../kernels";

export interface LobpcgSettings {
  k: number;
  /** Largest (true) or smallest (false) eigenvalues. */
  largest: boolean;
  tol: number;
  maxIter: number;
  v0: Float64Array;
  rng: Rng;
  /** z = T r, T ≈ A⁻¹ symmetric positive definite. */
  preconditioner?: (z: Float64Array, r: Float64Array) => void;
  /** Block size (default k + guard vectors). */
  blockSize?: number;
}

const EPS = 2.220446049250313e-16;

/**
 * Attainable-accuracy floor of LOBPCG's convergence test (what `tol: 0`, "machine precision", means here): a
 * pair has converged when ‖A x − θ x‖ ≤ max(tol, c·√n·ε)·‖A‖ with c = LOBPCG_RESIDUAL_FLOOR = 256. Unlike
 * Lanczos, whose residual estimate |β s_m| can fall below rounding, LOBPCG tests the explicit residual, which
 * stagnates where the rounding of A x and of the block orthonormalization leaves it. Measured at that
 * stagnation (300 iterations with tol = ε, k = 4, both ends; path, grid, random sparse symmetric and SPD
 * matrices, n = 60…930), ‖r‖/(√n·ε·‖A‖) jitters between 0.05 and 99 — largest for "LA", where |θ| ≈ ‖A‖ —
 * so 256 passes every case with margin, while staying below the default tol (1e-10) up to n ≈ 3·10⁶.
 * Rounding errors of random sign add up as √n, not as the worst-case n (which would exceed 1e-10 at n ≈ 5·10⁵).
 */
export const LOBPCG_RESIDUAL_FLOOR = 256;

/** Default block size: k plus max(2, ⌈k/4⌉) guard vectors, limited so that 3·block ≤ n. */
export function lobpcgBlockSize(k: number, n: number): number {
  return Math.max(k, Math.min(k + Math.max(2, Math.ceil(k / 4)), Math.floor(n / 3)));
}

export function lobpcgRun(apply: (y: Float64Array, x: Float64Array) => void, n: number, s: LobpcgSettings): RitzPairs {
  const { k, largest, tol, maxIter } = s;
  const bs = s.blockSize ?? lobpcgBlockSize(k, n);
  const cap = 3 * bs;
  const Z = new Float64Array(cap * n);
  const AZ = new Float64Array(cap * n);
  const h = new Float64Array(cap);
  const newX = new Float64Array(bs * n);
  const newP = new Float64Array(bs * n);
  const newAX = new Float64Array(bs * n);
  const newAP = new Float64Array(bs * n);
  let matvecs = 0;

  // ‖A‖ estimate for the relative tolerance: the extreme Ritz value of one short Lanczos cycle (the block
  // only sees one end of the spectrum, so its own Ritz values would underestimate ‖A‖ badly for "SA").
  const probe = thickRestartLanczos(apply, n, { k: 1, which: "LM", tol: 0, maxIter: 1, ncv: Math.min(n, 12), v0: s.v0, rng: s.rng.stream(7) });
  matvecs += probe.matvecs;
  let anorm = probe.normEstimate;

  // The explicit residual ‖A x − θ x‖ of an exact eigenpair, computed in floating point, is itself of
  // order ε·‖A‖ times a growth factor of the matvec and of the block orthonormalization; a test below that
  // level can never pass (tol: 0 used to iterate to maxIter and return nothing).
  const floor = LOBPCG_RESIDUAL_FLOOR * Math.sqrt(n) * EPS;
  const threshold = () => Math.max(tol, floor) * anorm;
  const vec = (B: Float64Array, j: number) => B.subarray(j * n, j * n + n);
  const applyCol = (j: number) => {
    apply(vec(AZ, j), vec(Z, j));
    matvecs++;
  };

  /**
   * Orthonormalizes vectors [start, start+count) of Z against [0, start) and each other (CGS twice),
   * applying the same operations to AZ when `withA`. Drops near-dependent vectors; returns how many remain
   * (compacted to [start, start+kept)).
   */
  const orthonormalize = (start: number, count: number, withA: boolean): number => {
    let end = start;
    for (let j = start; j < start + count; j++) {
      const y = vec(Z, j);
      const before = nrm2(y);
      if (!(before > 0)) continue;
      let after = before;
      for (let pass = 0; pass < 2; pass++) {
        gemvTInto(h, Z, y, end, n);
        gemvNSubInto(y, Z, h, end, n);
        if (withA) gemvNSubInto(vec(AZ, j), AZ, h, end, n);
        after = nrm2(y);
        if (pass === 0 && after > 0.7071067811865476 * before) break;
      }
      if (!(after > 1e-10 * before)) continue;
      const inv = 1 / after;
      const dst = vec(Z, end);
      for (let i = 0; i < n; i++) dst[i] = y[i] * inv;
      if (withA) {
        const ay = vec(AZ, j);
        const ad = vec(AZ, end);
        for (let i = 0; i < n; i++) ad[i] = ay[i] * inv;
      }
      end++;
    }
    return end - start;
  };

  // Initial block: v0 and seeded random vectors.
  Z.set(s.v0, 0);
  for (let j = 1; j < bs; j++) s.rng.fillNormal(vec(Z, j));
  let nx = orthonormalize(0, bs, false);
  for (let j = nx; j < bs; j++) {
    s.rng.fillNormal(vec(Z, j));
    nx += orthonormalize(nx, 1, false);
  }
  for (let j = 0; j < bs; j++) applyCol(j);

  const theta = new Float64Array(bs);
  const resNorm = new Float64Array(bs);
  let np = 0;
  let iterations = 0;
  let converged = 0;

  /** Rayleigh–Ritz on Z[0, size): X ← wanted bs Ritz vectors, P ← their components outside X. */
  const rayleighRitz = (size: number, makeP: boolean) => {
    const G = new Float64Array(size * size);
    // G = Zᵀ(AZ) is symmetric: compute its upper triangle only (column b against Z_0..Z_b).
    for (let b = 0; b < size; b++) {
      gemvTInto(h, Z, vec(AZ, b), b + 1, n);
      for (let a = 0; a <= b; a++) G[a * size + b] = G[b * size + a] = h[a];
    }
    const eig = symmetricEigen(G, size);
    const C = new Float64Array(size * bs); // size×bs row-major
    for (let c = 0; c < bs; c++) {
      const col = largest ? size - 1 - c : c;
      theta[c] = eig.values[col];
      anorm = Math.max(anorm, Math.abs(theta[c]));
      for (let j = 0; j < size; j++) C[j * bs + c] = eig.vectors[col * size + j];
    }
    combineInto(newX, Z, C, size, bs, n);
    combineInto(newAX, AZ, C, size, bs, n);
    if (makeP) {
      // P = Z[bs, size) · C[bs.., :], the part of the update outside the old X.
      const Cp = C.subarray(bs * bs);
      combineInto(newP, Z.subarray(bs * n), Cp, size - bs, bs, n);
      combineInto(newAP, AZ.subarray(bs * n), Cp, size - bs, bs, n);
      Z.set(newP, bs * n);
      AZ.set(newAP, bs * n);
      np = bs;
    }
    Z.set(newX, 0);
    AZ.set(newAX, 0);
  };

  const residuals = (thresh: number): number[] => {
    const active: number[] = [];
    converged = 0;
    let leading = true;
    for (let j = 0; j < bs; j++) {
      const x = vec(Z, j);
      const ax = vec(AZ, j);
      let ss = 0;
      for (let i = 0; i < n; i++) {
        const r = ax[i] - theta[j] * x[i];
        ss += r * r;
      }
      resNorm[j] = Math.sqrt(ss);
      const ok = resNorm[j] <= thresh;
      if (j < k && ok && leading) converged++;
      else if (j < k) leading = false;
      if (!ok) active.push(j);
    }
    return active;
  };

  rayleighRitz(bs, false);
  let checkedExplicitly = false;
  for (;;) {
    const active = residuals(threshold());
    if (converged === k) {
      if (checkedExplicitly) break;
      // Confirm with an explicit A·X (the AP/AX recurrences drift by rounding over many iterations).
      for (let j = 0; j < bs; j++) applyCol(j);
      checkedExplicitly = true;
      continue;
    }
    checkedExplicitly = false;
    if (iterations >= maxIter) break;
    iterations++;
    // P ⊥ X (AP follows), then W = T·R ⊥ [X, P].
    np = np > 0 ? orthonormalize(bs, np, true) : 0;
    const w0 = bs + np;
    let nw = 0;
    const r = new Float64Array(n);
    for (const j of active) {
      const x = vec(Z, j);
      const ax = vec(AZ, j);
      for (let i = 0; i < n; i++) r[i] = ax[i] - theta[j] * x[i];
      const dst = vec(Z, w0 + nw);
      if (s.preconditioner) s.preconditioner(dst, r);
      else dst.set(r);
      nw++;
    }
    nw = orthonormalize(w0, nw, false);
    for (let j = w0; j < w0 + nw; j++) applyCol(j);
    if (nw === 0 && np === 0) break; // nothing new to search: stagnated
    rayleighRitz(w0 + nw, true);
  }

  // Converged leading pairs (the first k columns are ordered most wanted first).
  const chosen: number[] = [];
  for (let j = 0; j < k; j++) if (resNorm[j] <= threshold()) chosen.push(j);
  const pick = (cols: number[]) => {
    const vectors = new Float64Array(cols.length * n);
    cols.forEach((j, c) => vectors.set(vec(Z, j), c * n));
    return { values: Float64Array.from(cols, (j) => theta[j]), vectors, residualEstimates: Float64Array.from(cols, (j) => resNorm[j]) };
  };
  const result: RitzPairs = {
    ...pick(chosen),
    converged: chosen.length === k ? k : Math.min(converged, chosen.length),
    iterations,
    matvecs,
    normEstimate: anorm,
  };
  if (result.converged < k) result.best = pick(Array.from({ length: k }, (_, j) => j));
  return result;
}
