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
 * All work on n-vectors is Level 3 through the WASM SIMD gemm (Gram matrices, Ritz updates, block
 * Gram–Schmidt + SVQB for W); P is orthonormalized against X in the small coefficient space, and only the
 * active (unconverged) columns get W and P (soft locking). Profiled on the bench's Laplacians (n = 10⁴, k = 10)
 * the former Level-2 loops (gemvT, combine: ≈ 2.6 GFLOP/s against the gemm's 7–9) were ~70 % of the time.
 * For Laplacian-like A the default preconditioner is a Chebyshev polynomial (lobpcg-preconditioner.ts).
 *
 * The block carries a few guard vectors beyond k (Knyazev's practice): the convergence rate of the k-th
 * pair depends on the gap to the (block+1)-th eigenvalue, not to the (k+1)-th.
 */
import { Rng } from "../random";
import { RitzPairs, thickRestartLanczos } from "./lanczos";
import { symmetricEigen } from "./symmetric-eigen";
import { CHEBYSHEV_RATIO, CHEBYSHEV_STEPS, chebyshevBlockPreconditioner, chebyshevPreconditioner } from "./lobpcg-preconditioner";
import { CsrMatrix } from "../csr";
import { gemm, gemvNSubInto, gemvTInto, nrm2 } from "../kernels";

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
  /**
   * Without `preconditioner`: use the default Chebyshev polynomial in A (lobpcg-preconditioner.ts), for the
   * smallest eigenpairs of a Laplacian-like A. Ignored when `largest`.
   */
  chebyshev?: boolean;
  /** A itself (as the operator `apply` applies, unscaled), for the block form of the default preconditioner. */
  csr?: CsrMatrix;
  /** Start block (blockSize vectors of length n, one after another); default v0 and seeded normal vectors. */
  x0?: Float64Array;
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
  const H = new Float64Array(2 * bs * bs);
  // New [X; P] (and A·[X; P]) rows, and the scratch of the W orthonormalization.
  const newXP = new Float64Array(2 * bs * n);
  const newAXP = new Float64Array(2 * bs * n);
  const R = new Float64Array(bs * n);
  let matvecs = 0;

  // ‖A‖ estimate for the relative tolerance: the extreme Ritz value of one short Lanczos cycle (the block
  // only sees one end of the spectrum, so its own Ritz values would underestimate ‖A‖ badly for "SA").
  const probe = thickRestartLanczos(apply, n, { k: 1, which: "LM", tol: 0, maxIter: 1, ncv: Math.min(n, 12), v0: s.v0, rng: s.rng.stream(7) });
  matvecs += probe.matvecs;
  let anorm = probe.normEstimate;
  // The probe's Ritz value is ≤ ‖A‖ (a few % under after 12 Lanczos steps); hi = 1.25·probe keeps λmax below
  // hi + lo, where the polynomial stays positive (see chebyshevPreconditioner).
  const hi = 1.25 * anorm;
  const blockPrecondition =
    !s.preconditioner && s.chebyshev && !largest && hi > 0 && s.csr
      ? chebyshevBlockPreconditioner(s.csr, hi / CHEBYSHEV_RATIO, hi, CHEBYSHEV_STEPS, (c) => (matvecs += c))
      : undefined;
  const precondition =
    s.preconditioner ??
    (s.chebyshev && !largest && hi > 0
      ? chebyshevPreconditioner((y, x) => {
          apply(y, x);
          matvecs++;
        }, n, hi / CHEBYSHEV_RATIO, hi, CHEBYSHEV_STEPS)
      : undefined);

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
   * Orthonormalizes vectors [start, start+count) of Z against [0, start) and each other (CGS twice, one
   * vector at a time), applying the same operations to AZ when `withA`. Drops near-dependent vectors; returns
   * how many remain (compacted to [start, start+kept)). Used for the start block only; the iteration's
   * W block goes through the Level-3 `orthonormalizeW`.
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

  /**
   * W = Z[w0, w0+nw) made orthonormal and ⊥ Z[0, w0) with Level-3 operations only (the WASM SIMD gemm):
   * two passes of block classical Gram–Schmidt, each followed by SVQB (Stathopoulos & Wu 2002, "A block
   * orthogonalization procedure with constant synchronization requirements", SIAM J. Sci. Comput. 23(6)):
   * W ← Λ^{-1/2}Vᵀ D⁻¹ W from the eigendecomposition D⁻¹(WWᵀ)D⁻¹ = VΛVᵀ of its scaled Gram matrix.
   * Directions whose norm the projection cut below 1e-10 of the input's (as the vector-wise CGS above), or
   * whose scaled Gram eigenvalue is below 1e-14 (numerically dependent), are dropped. Returns how many remain.
   */
  const orthonormalizeW = (w0: number, nw: number): number => {
    // Unit rows first, so that the Gram diagonal after projection is the fraction of each vector that is new.
    let m = 0;
    for (let j = 0; j < nw; j++) {
      const y = vec(Z, w0 + j);
      const t = nrm2(y);
      if (!(t > 0)) continue;
      const dst = vec(Z, w0 + m);
      const inv = 1 / t;
      for (let i = 0; i < n; i++) dst[i] = y[i] * inv;
      m++;
    }
    for (let pass = 0; pass < 2 && m > 0; pass++) {
      if (w0 > 0) {
        // H (w0×m) = Z[0,w0) · Wᵀ; W −= Hᵀ · Z[0,w0).
        gemm(false, true, w0, m, n, 1, Z, 0, n, Z, w0 * n, n, 0, H, 0, m);
        gemm(true, false, m, n, w0, -1, H, 0, m, Z, 0, n, 1, Z, w0 * n, n);
      }
      const G = new Float64Array(m * m);
      gemm(false, true, m, m, n, 1, Z, w0 * n, n, Z, w0 * n, n, 0, G, 0, m);
      const dinv = new Float64Array(m);
      for (let j = 0; j < m; j++) {
        const gjj = G[j * m + j];
        dinv[j] = pass === 0 && !(gjj > 1e-20) ? 0 : 1 / Math.sqrt(gjj);
      }
      for (let a = 0; a < m; a++) {
        for (let b = 0; b <= a; b++) {
          const v = 0.5 * (G[a * m + b] + G[b * m + a]) * dinv[a] * dinv[b];
          G[a * m + b] = G[b * m + a] = v;
        }
      }
      const eig = symmetricEigen(G, m);
      // "Twice is enough" (Giraud et al. 2005), once is enough when the first projection removed little and the
      // block is well conditioned: then W ⊥ Z and WWᵀ = I hold to ~10ε after this SVQB.
      let minDiag = Infinity;
      for (let j = 0; j < m; j++) minDiag = Math.min(minDiag, G[j * m + j] > 0 ? 1 / (dinv[j] * dinv[j]) : 0);
      const last = pass === 1 || (minDiag > 0.5 && eig.values[0] > 0.01);
      // T (m×kept): column c = D⁻¹ v_c / √λ_c for the kept eigenvalues, largest first.
      const keep: number[] = [];
      for (let c = m - 1; c >= 0; c--) if (eig.values[c] > 1e-14) keep.push(c);
      const kept = keep.length;
      const T = new Float64Array(m * kept);
      keep.forEach((c, q) => {
        const sc = 1 / Math.sqrt(eig.values[c]);
        for (let j = 0; j < m; j++) T[j * kept + q] = eig.vectors[c * m + j] * dinv[j] * sc;
      });
      gemm(true, false, kept, n, m, 1, T, 0, kept, Z, w0 * n, n, 0, newXP, 0, n);
      Z.set(newXP.subarray(0, kept * n), w0 * n);
      m = kept;
      if (last) break;
    }
    return m;
  };

  // Initial block: v0 and seeded random vectors.
  if (s.x0) Z.set(s.x0.subarray(0, bs * n), 0);
  else {
    Z.set(s.v0, 0);
    for (let j = 1; j < bs; j++) s.rng.fillNormal(vec(Z, j));
  }
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

  /**
   * Rayleigh–Ritz on the orthonormal Z[0, size): X ← the wanted bs Ritz vectors; with `pCols`, P ← for those
   * columns of X (the active ones: soft locking, as Knyazev's and SciPy's lobpcg do), the part of the update
   * outside the old X, made orthonormal and ⊥ the new X in the size-dimensional coefficient space (Hetmaniuk &
   * Lehoucq 2006, §4): Z is orthonormal, so orthogonality of coefficients is orthogonality of vectors, and
   * A·P follows by the same coefficients without touching n-vectors twice.
   */
  const rayleighRitz = (size: number, pCols: number[] | null, explicit: boolean) => {
    // G = Zᵀ(AZ) through the packed gemm (rows of Z are the vectors), symmetrized. Implicitly (Hetmaniuk &
    // Lehoucq 2006, §4; SciPy's lobpcg likewise until its residuals are small) only the W columns are formed:
    // the [X, P] block is the previous projected matrix in the new coefficients, kept from the last call.
    const G = new Float64Array(size * size);
    const w0 = explicit ? 0 : prevUsed;
    if (w0 === 0) gemm(false, true, size, size, n, 1, Z, 0, n, AZ, 0, n, 0, G, 0, size);
    else {
      for (let a = 0; a < w0; a++) G.set(prevG.subarray(a * w0, a * w0 + w0), a * size);
      const nw = size - w0;
      const Gw = new Float64Array(size * nw);
      gemm(false, true, size, nw, n, 1, Z, 0, n, AZ, w0 * n, n, 0, Gw, 0, nw);
      for (let a = 0; a < size; a++) {
        for (let b = 0; b < nw; b++) {
          G[a * size + w0 + b] = Gw[a * nw + b];
          if (a < w0) G[(w0 + b) * size + a] = Gw[a * nw + b];
        }
      }
    }
    for (let a = w0; a < size; a++) {
      for (let b = w0; b < a; b++) G[a * size + b] = G[b * size + a] = 0.5 * (G[a * size + b] + G[b * size + a]);
    }
    if (w0 === 0) {
      for (let a = 0; a < size; a++) {
        for (let b = 0; b < a; b++) G[a * size + b] = G[b * size + a] = 0.5 * (G[a * size + b] + G[b * size + a]);
      }
    }
    const eig = symmetricEigen(G, size);
    const cols = bs + (pCols ? pCols.length : 0);
    const C = new Float64Array(size * cols); // size×cols row-major: [Cx | Cp]
    for (let c = 0; c < bs; c++) {
      const col = largest ? size - 1 - c : c;
      theta[c] = eig.values[col];
      anorm = Math.max(anorm, Math.abs(theta[c]));
      for (let j = 0; j < size; j++) C[j * cols + c] = eig.vectors[col * size + j];
    }
    let nP = 0;
    if (pCols) {
      const q = new Float64Array(size);
      for (const c of pCols) {
        // The update's component outside the old X, then ⊥ new X and the P columns so far (CGS twice).
        for (let j = 0; j < size; j++) q[j] = j < bs ? 0 : C[j * cols + c];
        let before = 0;
        for (let j = 0; j < size; j++) before += q[j] * q[j];
        before = Math.sqrt(before);
        if (!(before > 0)) continue;
        let after = before;
        for (let pass = 0; pass < 2; pass++) {
          for (let b = 0; b < bs + nP; b++) {
            let d = 0;
            for (let j = 0; j < size; j++) d += C[j * cols + b] * q[j];
            for (let j = 0; j < size; j++) q[j] -= d * C[j * cols + b];
          }
          after = 0;
          for (let j = 0; j < size; j++) after += q[j] * q[j];
          after = Math.sqrt(after);
        }
        if (!(after > 1e-10 * before)) continue;
        for (let j = 0; j < size; j++) C[j * cols + bs + nP] = q[j] / after;
        nP++;
      }
    }
    const used = bs + nP;
    // The projected matrix in the new coefficients, [Cx Cp]ᵀ G [Cx Cp], for the next implicit call.
    const GC = new Float64Array(size * used);
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++) {
        const g = G[a * size + b];
        if (g === 0) continue;
        for (let c = 0; c < used; c++) GC[a * used + c] += g * C[b * cols + c];
      }
    }
    prevG = new Float64Array(used * used);
    for (let c = 0; c < used; c++) {
      for (let d = 0; d <= c; d++) {
        let t = 0;
        for (let a = 0; a < size; a++) t += C[a * cols + c] * GC[a * used + d];
        prevG[c * used + d] = prevG[d * used + c] = t;
      }
    }
    prevUsed = used;
    // [X; P] = [Cx Cp]ᵀ·Z and likewise A·[X; P], each one gemm.
    gemm(true, false, used, n, size, 1, C, 0, cols, Z, 0, n, 0, newXP, 0, n);
    gemm(true, false, used, n, size, 1, C, 0, cols, AZ, 0, n, 0, newAXP, 0, n);
    Z.set(newXP.subarray(0, used * n), 0);
    AZ.set(newAXP.subarray(0, used * n), 0);
    np = nP;
  };

  /** R = AX − XΘ row by row, its norms, the converged count and the not-yet-converged columns. */
  const residuals = (thresh: number): number[] => {
    const active: number[] = [];
    converged = 0;
    let leading = true;
    for (let j = 0; j < bs; j++) {
      const x = vec(Z, j);
      const ax = vec(AZ, j);
      const r = vec(R, j);
      const t = theta[j];
      let ss = 0;
      for (let i = 0; i < n; i++) {
        const v = ax[i] - t * x[i];
        r[i] = v;
        ss += v * v;
      }
      resNorm[j] = Math.sqrt(ss);
      const ok = resNorm[j] <= thresh;
      if (j < k && ok && leading) converged++;
      else if (j < k) leading = false;
      if (!ok) active.push(j);
    }
    return active;
  };

  let prevG = new Float64Array(0);
  let prevUsed = 0;
  rayleighRitz(bs, null, true);
  let checkedExplicitly = false;
  let explicitNext = true;
  for (;;) {
    const active = residuals(threshold());
    if (converged === k) {
      if (checkedExplicitly) break;
      // Confirm with an explicit A·X (the AP/AX recurrences drift by rounding over many iterations).
      for (let j = 0; j < bs; j++) applyCol(j);
      checkedExplicitly = true;
      explicitNext = true;
      continue;
    }
    checkedExplicitly = false;
    if (iterations >= maxIter) break;
    iterations++;
    // W = T·R of the active columns, orthonormal and ⊥ [X, P] (P is already ⊥ X and orthonormal).
    const w0 = bs + np;
    let nw = 0;
    for (const j of active) {
      const dst = vec(Z, w0 + nw);
      if (precondition && !blockPrecondition) precondition(dst, vec(R, j));
      else dst.set(vec(R, j));
      nw++;
    }
    if (blockPrecondition && nw > 0) {
      const W = Z.subarray(w0 * n, (w0 + nw) * n);
      blockPrecondition(W, W, nw);
    }
    nw = orthonormalizeW(w0, nw);
    for (let j = w0; j < w0 + nw; j++) applyCol(j);
    if (nw === 0 && np === 0) break; // nothing new to search: stagnated
    // Explicit Gram matrices once the wanted pairs are near convergence (within 100× of the threshold), where
    // the rounding the implicit [X, P] block carries over could stall the last digits, and after A·X was
    // recomputed (the kept block no longer matches it).
    let near = true;
    for (let j = 0; j < k; j++) if (!(resNorm[j] <= 100 * threshold())) near = false;
    rayleighRitz(w0 + nw, active, explicitNext || near);
    explicitNext = false;
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
