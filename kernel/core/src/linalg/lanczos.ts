/**
 * Thick-restart Lanczos (Wu & Simon 2000, "Thick-restart Lanczos method for large symmetric eigenvalue
 * problems", SIAM J. Matrix Anal. Appl. 22(2)) for a few extreme eigenpairs of a symmetric operator.
 *
 * - Basis V = [v_0 … v_{m−1}] with FULL reorthogonalization: classical Gram–Schmidt repeated once when
 *   the DGKS test ‖w'‖ < ‖w‖/√2 fires (Daniel, Gragg, Kaufman & Stewart 1976), as ARPACK's dgetv0/dsaitr do.
 *   Selective reorthogonalization would save Level-1 work only when m is large; for the m ≈ 2k–3k used here
 *   full reorthogonalization costs O(n·m²) per cycle, the same order as the restart, and is exact to
 *   rounding, so every Ritz value is honest and no spurious copies appear.
 * - The projected matrix H = VᵀAV is kept dense (m×m): diagonal Ritz values of the kept vectors, their
 *   "arrow" couplings β_m·s_{m,i} to the residual direction (Wu & Simon eq. 2.4), then a tridiagonal tail.
 *   Its eigenpairs come from the dense symmetric solver (tred2 + tql2).
 * - Convergence (ARPACK-like, Lehoucq, Sorensen & Yang 1998 §4.6): the Ritz residual ‖A y − θ y‖ equals
 *   |β_m s_{m,i}| in exact arithmetic; a pair has converged when it is ≤ tol·‖A‖, with ‖A‖ estimated by the
 *   largest |θ| seen (a lower bound of ‖A‖₂ that is sharp after the first cycle).
 * - Repeated eigenvalues: a single Krylov sequence holds one direction per eigenspace (in exact
 *   arithmetic), so after all k pairs converge we run one VERIFICATION cycle: the k converged vectors are
 *   kept with zero coupling and the sequence restarts from a seeded random vector orthogonal to them. If
 *   that deflated Krylov space shows a Ritz value more wanted than the current k-th (a missed copy of a
 *   repeated eigenvalue, or a missed cluster member), iteration goes on; otherwise the answer stands.
 *   This costs one extra cycle and is what makes "k covering a multiple eigenvalue returns every copy" hold.
 */
import { reportProgress } from "../progress";
import { Rng } from "../random";
import { dot, combineInPlace, combineInto, gemvNSubInto, gemvTInto, nrm2, withWasmScratch, WasmScratch } from "../kernels";
import { symmetricEigen } from "./symmetric-eigen";

/** ε^{2/3}, ARPACK's floor of |θ| in its per-pair convergence test (dsconv). */
const EPS23 = Math.pow(2.220446049250313e-16, 2 / 3);

/** Share of the non-wanted Ritz vectors kept at a thick restart. */
const KEEP_EXTRA = 0.3;

export type Which = "SA" | "LA" | "LM" | "SM";

export interface LanczosSettings {
  k: number;
  which: Which;
  /** Relative tolerance: converged when ‖r‖ ≤ tol·‖A‖ (or ≤ tol·|θ| with `perPair`). */
  tol: number;
  /**
   * ARPACK's per-pair test (dsconv: ‖r_i‖ ≤ tol·max(|θ_i|, ε^{2/3}), here with ε^{2/3} relative to ‖A‖) instead
   * of tol·‖A‖. Shift-invert needs it: θ = 1/(λ − σ) and ‖(A − λ)x‖ ≈ ‖r‖·‖A − σ‖/|θ|, so tol·‖C‖ = tol·|θ_max|
   * would hold every pair but the nearest only to tol·‖A − σ‖·|θ_max/θ_i| in λ, while tol·|θ_i| holds each
   * to tol·‖A − σ‖ — the accuracy tol·‖A‖ that the standard mode gives.
   */
  perPair?: boolean;
  /** Maximum number of restart cycles. */
  maxIter: number;
  /** Basis size m (k < m ≤ n). */
  ncv: number;
  /** Start vector (any non-zero vector; it is normalized). */
  v0: Float64Array;
  /** Source of fresh directions after a breakdown and for the verification cycle. */
  rng: Rng;
}

export interface RitzPairs {
  /** Converged wanted Ritz values, most wanted first (all k when `converged === k`). */
  values: Float64Array;
  /** The matching Ritz vectors, contiguous (vector i at i*n). */
  vectors: Float64Array;
  /** Residual estimates |β_m s_{m,i}|. */
  residualEstimates: Float64Array;
  converged: number;
  /** Restart cycles run. */
  iterations: number;
  matvecs: number;
  /** Largest |θ| seen: the ‖A‖ estimate the tolerance was applied to. */
  normEstimate: number;
  /** When converged < k (LOBPCG): all k leading Ritz pairs at the stop, converged or not. */
  best?: { values: Float64Array; vectors: Float64Array; residualEstimates: Float64Array };
}

/** Indices 0..m−1 ordered from most to least wanted (stable on ties). */
export function wantedOrder(theta: Float64Array, m: number, which: Which): number[] {
  const idx = Array.from({ length: m }, (_, i) => i);
  const key = (i: number): number => {
    switch (which) {
      case "SA": return theta[i];
      case "LA": return -theta[i];
      case "LM": return -Math.abs(theta[i]);
      case "SM": return Math.abs(theta[i]);
    }
  };
  idx.sort((a, b) => key(a) - key(b) || a - b);
  return idx;
}

/**
 * Thick-restart Lanczos on y = A x (`apply(y, x)`, n×n symmetric). Never throws on non-convergence.
 *
 * The basis V, the work vector w and the Gram–Schmidt coefficients live in WebAssembly memory when it is
 * available, so both halves of each reorthogonalization pass run as SIMD block kernels over the whole basis
 * (h = Vᵀw: gemm.wat rowDots, two basis vectors per pass over w; w −= V h: vector-block.wat, four per pass) —
 * the Level-2 form ARPACK gets from BLAS dgemv. Without WebAssembly the TypeScript kernels of kernels/vector-block.ts run.
 */
/** The task name of the Lanczos progress reports (ended by `endLanczosProgress`). */
const PROGRESS_TASK = "eigsh (thick-restart Lanczos)";

/** Ends the Lanczos progress line at k of k (whatever the outcome, the solve is over). */
export function endLanczosProgress(k: number): void {
  reportProgress({ task: PROGRESS_TASK, done: k, total: k, unit: "eigenpairs converged" });
}

export function thickRestartLanczos(apply: (y: Float64Array, x: Float64Array) => void, n: number, s: LanczosSettings): RitzPairs {
  const m = Math.min(s.ncv, n);
  try {
    return withWasmScratch((m + 2) * n + 2 * (m + 1), (ws) => lanczosRun(apply, n, s, ws));
  } finally {
    endLanczosProgress(s.k);
  }
}

function lanczosRun(apply: (y: Float64Array, x: Float64Array) => void, n: number, s: LanczosSettings, ws: WasmScratch | null): RitzPairs {
  const { k, which, tol, maxIter } = s;
  const m = Math.min(s.ncv, n);
  const eps = 2.220446049250313e-16;
  // Layout in the scratch: [V (m+1)·n][w n][h m+1][h2 m+1] (element offsets below).
  const wOff = (m + 1) * n, hOff = wOff + n, h2Off = hOff + m + 1;
  const V = ws ? ws.f64.subarray(0, wOff) : new Float64Array((m + 1) * n); // v_0..v_{m−1} plus the residual direction at slot m
  const H = new Float64Array(m * m);
  const w = ws ? ws.f64.subarray(wOff, wOff + n) : new Float64Array(n);
  const h = ws ? ws.f64.subarray(hOff, hOff + m + 1) : new Float64Array(m + 1);
  const h2 = ws ? ws.f64.subarray(h2Off, h2Off + m + 1) : new Float64Array(m + 1);
  /** out = V[0..count)ᵀ w, then w −= V[0..count) out; out is h or h2. */
  const gramSchmidtPass = (out: Float64Array, count: number): void => {
    if (ws) {
      const o = out === h ? hOff : h2Off;
      ws.rowDots(0, wOff, o, count, n, n);
      ws.subCombination(wOff, 0, o, count, n, n);
    } else {
      gemvTInto(out, V, w, count, n);
      gemvNSubInto(w, V, out, count, n);
    }
  };
  const tmp = new Float64Array(Math.max(m, 1) * 512);
  let matvecs = 0;
  let anorm = 0;

  // Start vector.
  const v0 = V.subarray(0, n);
  v0.set(s.v0);
  let nv = nrm2(v0);
  if (!(nv > 0)) {
    s.rng.fillNormal(v0);
    nv = nrm2(v0);
  }
  for (let i = 0; i < n; i++) v0[i] /= nv;

  /**
   * Orthogonalizes w against v_0..v_{count−1} (CGS with one DGKS repeat); returns [‖w‖ after, coefficient
   * on v_{count−1} accumulated]. `h` receives the coefficients.
   */
  const orthogonalize = (count: number): number => {
    const before = nrm2(w);
    gramSchmidtPass(h, count);
    let after = nrm2(w);
    if (after < 0.7071067811865476 * before) {
      gramSchmidtPass(h2, count);
      for (let i = 0; i < count; i++) h[i] += h2[i];
      after = nrm2(w);
    }
    return after;
  };

  /** Puts into slot j a seeded random unit vector orthogonal to v_0..v_{j−1}; false when none exists. */
  const freshDirection = (j: number): boolean => {
    for (let attempt = 0; attempt < 3; attempt++) {
      s.rng.fillNormal(w);
      const before = nrm2(w);
      let after = orthogonalize(j);
      if (after < 0.5 * before) after = orthogonalize(j);
      if (after > 1e-8 * before) {
        const vj = V.subarray(j * n, j * n + n);
        for (let i = 0; i < n; i++) vj[i] = w[i] / after;
        return true;
      }
    }
    return false;
  };

  let l = 0; // kept vectors at the start of the cycle
  let mEff = m;
  let betaM = 0;
  let verifying = false;
  let iterations = 0;
  let theta: Float64Array = new Float64Array(0);
  let S: Float64Array = new Float64Array(0);
  let order: number[] = [];
  let resid = new Float64Array(0);
  let nconv = 0;

  for (;;) {
    // --- Expand the Lanczos basis from slot l to m−1 -------------------------------------------------
    mEff = m;
    for (let j = l; j < m; j++) {
      const vj = V.subarray(j * n, j * n + n);
      apply(w, vj);
      matvecs++;
      let after: number;
      let alpha: number;
      if (j > l) {
        // Three-term recurrence first (Paige's form: w −= β v_{j−1}, then α = v_jᵀw, w −= α v_j), then one
        // full Gram–Schmidt pass: w is then already nearly orthogonal to V, so the pass is a small
        // correction and the DGKS repeat (hence a second sweep over V) is rarely needed.
        const beta = H[(j - 1) * m + j];
        const vp = V.subarray((j - 1) * n, j * n);
        for (let i = 0; i < n; i++) w[i] -= beta * vp[i];
        alpha = dot(vj, w);
        for (let i = 0; i < n; i++) w[i] -= alpha * vj[i];
        after = orthogonalize(j + 1);
        alpha += h[j];
      } else {
        after = orthogonalize(j + 1);
        alpha = h[j];
      }
      if (!Number.isFinite(alpha) || !Number.isFinite(after)) {
        throw new RangeError("non-finite Lanczos coefficient");
      }
      H[j * m + j] = alpha;
      anorm = Math.max(anorm, Math.abs(alpha), after);
      const breakdown = after <= 64 * eps * Math.max(anorm, Number.MIN_VALUE);
      if (j + 1 < m) {
        if (breakdown) {
          // Invariant subspace found: continue from a fresh direction with zero coupling.
          H[j * m + j + 1] = H[(j + 1) * m + j] = 0;
          if (!freshDirection(j + 1)) {
            mEff = j + 1;
            betaM = 0;
            break;
          }
        } else {
          H[j * m + j + 1] = H[(j + 1) * m + j] = after;
          const vn = V.subarray((j + 1) * n, (j + 2) * n);
          const inv = 1 / after;
          for (let i = 0; i < n; i++) vn[i] = w[i] * inv;
        }
      } else {
        betaM = breakdown ? 0 : after;
        const vm = V.subarray(m * n, m * n + n);
        if (!breakdown) for (let i = 0; i < n; i++) vm[i] = w[i] / after;
      }
    }
    iterations++;

    // --- Rayleigh–Ritz on H ----------------------------------------------------------------------------
    const Hc = new Float64Array(mEff * mEff);
    for (let i = 0; i < mEff; i++) for (let j = 0; j < mEff; j++) Hc[i * mEff + j] = H[i * m + j];
    const eig = symmetricEigen(Hc, mEff);
    theta = eig.values;
    S = eig.vectors; // vector c at c*mEff
    for (let i = 0; i < mEff; i++) anorm = Math.max(anorm, Math.abs(theta[i]));
    order = wantedOrder(theta, mEff, which);
    resid = new Float64Array(mEff);
    for (let i = 0; i < mEff; i++) resid[i] = Math.abs(betaM * S[i * mEff + mEff - 1]);
    const kk = Math.min(k, mEff);
    nconv = 0;
    for (let c = 0; c < kk; c++) if (resid[order[c]] <= threshold(order[c])) nconv++;
    // The kernel's progress line (after a second): converged pairs of k (the final report comes from eigsh).
    reportProgress({ task: PROGRESS_TASK, done: Math.min(nconv, k - 1), total: k, unit: "eigenpairs converged" });

    const fullSpace = mEff < m && betaM === 0; // the whole invariant space is spanned: every pair is exact
    if (nconv === k || fullSpace) {
      if (fullSpace) break;
      if (verifying) {
        // The answer stands only if the wanted subspace still lies in the span of the k locked vectors: the
        // weight of the new Krylov directions (slots ≥ k) in it is invariant under rotations within it.
        let fresh = 0;
        for (let c = 0; c < k; c++) for (let j = k; j < mEff; j++) fresh += S[order[c] * mEff + j] ** 2;
        if (fresh < 0.5) break;
      }
      // Verification cycle: keep the k converged vectors (zero coupling), restart from a random direction.
      restart(k, true);
      verifying = true;
      if (!freshDirection(k)) break; // no room left: the k pairs span everything
      continue;
    }
    verifying = false;
    if (iterations >= maxIter) break;
    // Keep the k wanted plus a share of the rest (Wu & Simon §3: keeping more than k Ritz vectors speeds
    // convergence, but every kept vector costs n·m flops at the restart and leaves one slot fewer for new
    // Krylov directions). KEEP_EXTRA = 0.3 of the free slots was fastest on 10-NN Laplacians (n = 10⁴, k = 10,
    // ncv = 21: 47 cycles vs 61 at 0.5, same matvecs). Interior targets ("SM" without shift-invert) converge
    // far better keeping half.
    const keep = Math.min(mEff - 1, k + Math.max(1, Math.floor((mEff - k) * (which === "SM" ? 0.5 : KEEP_EXTRA))));
    restart(keep, false);
  }

  /** Convergence threshold of Ritz pair i (see LanczosSettings.perPair). */
  function threshold(i: number): number {
    return s.perPair ? tol * Math.max(Math.abs(theta[i]), EPS23 * anorm) : tol * anorm;
  }

  /** Thick restart: v_i ← V s_{order[i]} for i < keep; v_keep ← residual direction; H = arrow matrix. */
  function restart(keep: number, decouple: boolean): void {
    const Ssel = new Float64Array(mEff * keep);
    for (let c = 0; c < keep; c++) {
      const col = order[c];
      for (let j = 0; j < mEff; j++) Ssel[j * keep + c] = S[col * mEff + j];
    }
    combineInPlace(V, Ssel, mEff, keep, n, tmp);
    H.fill(0);
    for (let c = 0; c < keep; c++) H[c * m + c] = theta[order[c]];
    if (!decouple && betaM > 0) {
      V.copyWithin(keep * n, m * n, m * n + n);
      for (let c = 0; c < keep; c++) {
        const coupling = betaM * S[order[c] * mEff + mEff - 1];
        H[c * m + keep] = H[keep * m + c] = coupling;
      }
    } else if (!decouple) {
      freshDirection(keep);
    }
    l = keep;
  }

  // --- Ritz vectors of the converged wanted pairs ------------------------------------------------------
  const kk = Math.min(k, mEff);
  const chosen: number[] = [];
  for (let c = 0; c < kk; c++) if (resid[order[c]] <= threshold(order[c]) || (mEff < m && betaM === 0)) chosen.push(order[c]);
  const cnt = chosen.length;
  const Ssel = new Float64Array(mEff * cnt);
  for (let c = 0; c < cnt; c++) for (let j = 0; j < mEff; j++) Ssel[j * cnt + c] = S[chosen[c] * mEff + j];
  const vectors = new Float64Array(cnt * n);
  combineInto(vectors, V, Ssel, mEff, cnt, n);
  return {
    values: Float64Array.from(chosen, (c) => theta[c]),
    vectors,
    residualEstimates: Float64Array.from(chosen, (c) => resid[c]),
    converged: cnt,
    iterations,
    matvecs,
    normEstimate: anorm,
  };
}
