/**
 * Input checks every backend kernel gets (applied once, at registration), so an implementation may assume
 * consistent shapes and a wrong call fails with an EigenlabError instead of deep inside a GPU kernel.
 */
import type { Backend, CsrBlock, DenseBlock, GaussianScale } from "./types";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkFinite } from "../validate";

function fail(kernel: string, detail: string): never {
  throw new EigenlabError("shape", message.backendShape(kernel, detail));
}

function block(kernel: string, what: string, A: DenseBlock): void {
  if (!Number.isInteger(A.rows) || !Number.isInteger(A.cols) || A.rows < 0 || A.cols < 0 || A.data.length !== A.rows * A.cols) {
    fail(kernel, `${what} claims ${A.rows}×${A.cols} but holds ${A.data.length} entries`);
  }
}

function length(kernel: string, what: string, x: ArrayLike<number>, expected: number): void {
  if (x.length !== expected) fail(kernel, `${what} has length ${x.length}, expected ${expected}`);
}

function csr(kernel: string, S: CsrBlock): void {
  if (S.indptr.length !== S.rows + 1 || S.indices.length !== S.values.length || S.indptr[S.rows] !== S.values.length) {
    fail(kernel, `S is not a consistent ${S.rows}×${S.cols} CSR matrix (indptr ${S.indptr.length}, nnz ${S.values.length})`);
  }
}

function scale(s: GaussianScale, n: number, m: number): void {
  const positive = (what: string, v: ArrayLike<number>) => {
    for (let i = 0; i < v.length; i++) {
      if (!(v[i] > 0) || !Number.isFinite(v[i])) throw new EigenlabError("bad-option", message.backendScale(what, i, v[i]));
    }
  };
  if (typeof s === "number") positive("sigma", [s]);
  else {
    length("gaussianAffinityBlock", "scale.x", s.x, n);
    length("gaussianAffinityBlock", "scale.y", s.y, m);
    positive("scale.x", s.x);
    positive("scale.y", s.y);
  }
}

/**
 * `b` with every kernel's arguments checked first. Idempotent (a checked backend is not wrapped twice).
 *
 * @example
 * ```ts
 * // an unchecked backend: each kernel logged, then run by the CPU reference
 * const cpu = backend.getBackend("cpu");
 * const ran: string[] = [];
 * const raw: Record<string, unknown> = { id: "raw", name: "raw", meta: cpu.meta };
 * for (const k of backend.KERNEL_NAMES) raw[k] = (...args: never[]) => (ran.push(k), (cpu[k] as Function)(...args));
 * const checked = backend.withChecks(raw as unknown as backend.Backend);
 * checked.gram(Matrix.from([[1, 2], [3, 4]])).data; // => [10, 14, 14, 20]
 * // a 2×2 block claiming 3 entries, and k as large as the point count, fail before the backend runs
 * checked.gram({ rows: 2, cols: 2, data: new Float64Array(3) }); // => throws shape
 * checked.knnCandidates(Matrix.eye(3), 3); // => throws k-too-large
 * ran; // => ["gram"]
 * backend.withChecks(checked) === checked; // => true
 * ```
 */
export function withChecks(b: Backend): Backend {
  if ((b as { checked?: boolean }).checked) return b;
  const checked: Backend & { checked: boolean } = {
    checked: true,
    id: b.id,
    name: b.name,
    crossover: b.crossover,
    meta: (kernel) => b.meta(kernel),
    pairwiseSqDistances(X, Y) {
      block("pairwiseSqDistances", "X", X);
      block("pairwiseSqDistances", "Y", Y);
      if (X.cols !== Y.cols) fail("pairwiseSqDistances", `X has ${X.cols} features but Y has ${Y.cols}`);
      return b.pairwiseSqDistances(X, Y);
    },
    knnCandidates(X, k) {
      block("knnCandidates", "X", X);
      if (!Number.isInteger(k) || k < 1 || k >= X.rows) throw new EigenlabError("k-too-large", message.backendK(k, X.rows));
      checkFinite("knnCandidates: X", X.data);
      return b.knnCandidates(X, k);
    },
    gaussianAffinityBlock(X, Y, s) {
      block("gaussianAffinityBlock", "X", X);
      block("gaussianAffinityBlock", "Y", Y);
      if (X.cols !== Y.cols) fail("gaussianAffinityBlock", `X has ${X.cols} features but Y has ${Y.cols}`);
      scale(s, X.rows, Y.rows);
      return b.gaussianAffinityBlock(X, Y, s);
    },
    matmul(A, B) {
      block("matmul", "A", A);
      block("matmul", "B", B);
      if (A.cols !== B.rows) fail("matmul", `A is ${A.rows}×${A.cols} but B is ${B.rows}×${B.cols}`);
      return b.matmul(A, B);
    },
    gram(A) {
      block("gram", "A", A);
      return b.gram(A);
    },
    blockMatvec(A, V) {
      block("blockMatvec", "A", A);
      block("blockMatvec", "V", V);
      if (A.cols !== V.rows) fail("blockMatvec", `A is ${A.rows}×${A.cols} but V is ${V.rows}×${V.cols}`);
      return b.blockMatvec(A, V);
    },
    sinkhornStep(K, a, bb, v) {
      block("sinkhornStep", "K", K);
      length("sinkhornStep", "a", a, K.rows);
      length("sinkhornStep", "b", bb, K.cols);
      length("sinkhornStep", "v", v, K.cols);
      return b.sinkhornStep(K, a, bb, v);
    },
    fastrpProjection(S, R, weights) {
      csr("fastrpProjection", S);
      block("fastrpProjection", "R", R);
      if (S.rows !== S.cols || S.cols !== R.rows) fail("fastrpProjection", `S is ${S.rows}×${S.cols} but R is ${R.rows}×${R.cols}`);
      if (weights.length < 1) throw new EigenlabError("bad-option", message.backendWeights(weights.length));
      checkFinite("fastrpProjection: weights", weights);
      return b.fastrpProjection(S, R, weights);
    },
  };
  return checked;
}
