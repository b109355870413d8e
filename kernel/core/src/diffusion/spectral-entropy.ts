/**
 * `diffusion.spectralEntropy`: diffusion spectral entropy (DSE; Liao et al. 2023, "Assessing neural network
 * representations during training using noise-resilient diffusion spectral entropy"). From points X (Gaussian
 * kernel K_ij = exp(−‖x_i − x_j‖² / (2σ²))) or a graph's affinity W, the diffusion operator P = D⁻¹K has
 * eigenvalues λ_i (real: P is similar to D^{−1/2} K D^{−1/2}); with α_i = |λ_i|^t / Σ_j |λ_j|^t,
 * DSE = −Σ α_i log α_i. t = 0 gives log n; as t grows only the eigenvalues near 1 survive (one per connected
 * component), so DSE measures the effective dimension of the diffusion at scale t.
 * Checked against the paper (§3) and its reference code: same kernel (its 1/(σ√2π) prefactor cancels in D⁻¹K), same
 * |λ|^t normalization. The reference code's default σ is 10 (tuned to network activations); here the default is the
 * median pairwise distance, so pass sigma explicitly to compare runs across data sets (examples/06 fixes σ = 1).
 */
import { Matrix } from "../matrix";
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkFinite, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { positiveNumber } from "../validate";
import { eigvalsh } from "../linalg/eigvalsh";
import { checkAdjacency } from "../validate/graph";
import { ResultMeta, hashArrays, stamp } from "../meta";

export interface SpectralEntropyOptions {
  /** Diffusion time t ≥ 0 (default 1). */
  t?: number;
  /** Gaussian kernel width σ for point input (default: the median pairwise distance). */
  sigma?: number;
}

export interface SpectralEntropy {
  entropy: number;
  /** Eigenvalues of P, ascending. */
  eigenvalues: Float64Array;
  t: number;
  sigma?: number;
  meta: ResultMeta;
}

/**
 * Diffusion spectral entropy (Liao et al. 2023) of points (Gaussian kernel of width σ) or of a graph: the entropy of
 * |λ_i|^t / Σ|λ_j|^t over the eigenvalues of the diffusion operator P = D⁻¹K; log n at t = 0, falling to
 * log(#components) as t grows.
 *
 * @example
 * ```ts
 * const e = diffusion.spectralEntropy(graph.fromEdges(4, [[0, 1], [1, 2], [2, 3], [3, 0]]), { t: 1 });
 * // the 4-cycle's walk matrix P = D⁻¹W has eigenvalues cos(2πj/4) = −1, 0, 0, 1: α = (½, 0, 0, ½)
 * e.eigenvalues; // => [-1, 0, 0, 1]
 * e.entropy; // => Math.LN2
 * ```
 */
export function spectralEntropy(input: Matrix | CsrMatrix, opts: SpectralEntropyOptions = {}): SpectralEntropy {
  const fn = "diffusion.spectralEntropy";
  checkOptions(fn, opts, { t: opt.number(), sigma: opt.number() });
  const t = opts.t ?? 1;
  if (typeof t !== "number" || !(t >= 0) || !Number.isFinite(t)) throw new EigenlabError("bad-option", message.nonNegativeNumber(fn, "t", t));
  let K: Float64Array;
  let n: number;
  let sigma: number | undefined;
  if (input instanceof CsrMatrix) {
    checkAdjacency(fn, input);
    if (input.asymmetry().value > 1e-10 * Math.max(...input.values.map(Math.abs), 1e-300)) {
      const a = input.asymmetry();
      throw new EigenlabError("not-symmetric", message.notSymmetric(`${fn}: W`, a.i, a.j, a.value, 1e-10));
    }
    n = input.rows;
    K = input.toDense().data;
  } else if (input instanceof Matrix) {
    checkFinite(`${fn}: X`, input.data);
    n = input.rows;
    const d = input.cols;
    const D2 = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) {
          const u = input.data[i * d + k] - input.data[j * d + k];
          s += u * u;
        }
        D2[i * n + j] = s;
        D2[j * n + i] = s;
      }
    }
    if (opts.sigma !== undefined) sigma = positiveNumber(fn, "sigma", opts.sigma);
    else {
      const dists: number[] = [];
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) dists.push(Math.sqrt(D2[i * n + j]));
      dists.sort((a, b) => a - b);
      sigma = dists.length ? dists[dists.length >> 1] : 1;
      if (!(sigma > 0)) sigma = 1;
    }
    K = D2.map((s) => Math.exp(-s / (2 * sigma! * sigma!)));
  } else {
    throw new EigenlabError("bad-input", message.graphNotCsr(fn));
  }
  const deg = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) deg[i] += K[i * n + j];
  const S = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const dd = deg[i] * deg[j];
      S[i * n + j] = dd > 0 ? K[i * n + j] / Math.sqrt(dd) : 0;
    }
  }
  // Only the spectrum enters the entropy: no eigenvectors (they were most of the time here).
  const eigenvalues = eigvalsh(new Matrix(n, n, S));
  const w = Float64Array.from(eigenvalues, (l) => (t === 0 ? 1 : Math.pow(Math.abs(l), t)));
  let total = 0;
  for (const x of w) total += x;
  let entropy = 0;
  for (const x of w) {
    const a = x / total;
    if (a > 0) entropy -= a * Math.log(a);
  }
  return {
    entropy, eigenvalues, t, sigma,
    meta: stamp({
      solver: "diffusion-spectral-entropy:eigvalsh", inputShape: [input.rows, input.cols],
      inputHash: input instanceof CsrMatrix ? hashArrays(input.indptr, input.indices, input.values) : hashArrays(input.data),
    }),
  };
}
