/**
 * Eigenvectors of a symmetric tridiagonal T for a few known eigenvalues, by inverse iteration (LAPACK dstein;
 * Wilkinson, "The Algebraic Eigenvalue Problem", 1965, §9.47): solve (T − λI) x = b with the LU factorization
 * with partial pivoting of a tridiagonal (dgttrf/dgtts2) and normalize, a few times. With λ accurate to
 * O(ε‖T‖) (from QL), each solve multiplies the wanted component by ~1/(ε‖T‖), so two or three iterations
 * give a residual ‖Tx − λx‖ = O(ε‖T‖). Vectors are re-orthogonalized against those already computed (modified
 * Gram–Schmidt), which keeps close eigenvalues' vectors orthogonal as dstein does within clusters.
 * Cost O(n) per vector and iteration: the way to get k ≪ n eigenvectors after a values-only solve.
 */

const ITERATIONS = 3;

/** diag d (n), off-diagonal e (n − 1), eigenvalues `lambdas`: unit eigenvectors, vector j at [j·n, j·n + n). */
export function tridiagonalEigenvectors(d: ArrayLike<number>, e: ArrayLike<number>, lambdas: ArrayLike<number>): Float64Array {
  const n = d.length;
  const k = lambdas.length;
  const out = new Float64Array(n * k);
  if (n === 0) return out;
  let norm = 0;
  for (let i = 0; i < n; i++) norm = Math.max(norm, Math.abs(d[i]) + (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < n - 1 ? Math.abs(e[i]) : 0));
  const tiny = Math.max(norm, Number.MIN_VALUE) * 2 ** -52;
  const dl = new Float64Array(n);
  const dd = new Float64Array(n);
  const du = new Float64Array(n);
  const du2 = new Float64Array(n);
  const swap = new Uint8Array(n);
  const x = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    // LU of T − λI with partial pivoting (dgttrf): L unit lower bidiagonal with row swaps, U with two superdiagonals.
    for (let i = 0; i < n; i++) {
      dd[i] = d[i] - lambdas[j];
      du[i] = i < n - 1 ? e[i] : 0;
      dl[i] = i < n - 1 ? e[i] : 0;
      du2[i] = 0;
    }
    for (let i = 0; i < n - 1; i++) {
      if (Math.abs(dd[i]) >= Math.abs(dl[i])) {
        swap[i] = 0;
        const f = dd[i] !== 0 ? dl[i] / dd[i] : 0;
        dl[i] = f;
        dd[i + 1] -= f * du[i];
      } else {
        swap[i] = 1;
        const f = dd[i] / dl[i];
        dd[i] = dl[i];
        dl[i] = f;
        const t = du[i];
        du[i] = dd[i + 1];
        dd[i + 1] = t - f * dd[i + 1];
        if (i < n - 2) {
          du2[i] = du[i + 1];
          du[i + 1] = -f * du[i + 1];
        }
      }
    }
    // An exactly singular pivot (λ exact) is replaced by ε‖T‖: the solve then blows up along the eigenvector.
    for (let i = 0; i < n; i++) if (Math.abs(dd[i]) < tiny) dd[i] = dd[i] < 0 ? -tiny : tiny;
    // Deterministic start with every component present.
    for (let i = 0; i < n; i++) x[i] = 1 + ((i * 7919) % 113) / 113;
    for (let it = 0; it < ITERATIONS; it++) {
      for (let i = 0; i < n - 1; i++) {
        if (swap[i]) {
          const t = x[i];
          x[i] = x[i + 1];
          x[i + 1] = t - dl[i] * x[i];
        } else x[i + 1] -= dl[i] * x[i];
      }
      x[n - 1] /= dd[n - 1];
      if (n > 1) x[n - 2] = (x[n - 2] - du[n - 2] * x[n - 1]) / dd[n - 2];
      for (let i = n - 3; i >= 0; i--) x[i] = (x[i] - du[i] * x[i + 1] - du2[i] * x[i + 2]) / dd[i];
      for (let q = 0; q < j; q++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += out[q * n + i] * x[i];
        for (let i = 0; i < n; i++) x[i] -= s * out[q * n + i];
      }
      // Rescale by the largest entry first so the 2-norm cannot overflow after a huge growth.
      let big = 0;
      for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(x[i]));
      if (big === 0) x[j % n] = big = 1;
      let s = 0;
      for (let i = 0; i < n; i++) {
        x[i] /= big;
        s += x[i] * x[i];
      }
      const inv = 1 / Math.sqrt(s);
      for (let i = 0; i < n; i++) x[i] *= inv;
    }
    out.set(x, j * n);
  }
  return out;
}
