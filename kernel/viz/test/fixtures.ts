/** Seeded results of every displayable kind, built with @eigenlab/core, for the viz tests. */
import { Clustering, CsrMatrix, Embedding, linalg, Matrix, Rng, VERSION } from "@eigenlab/core";
import type { ResultMeta } from "@eigenlab/core";

export function meta(solver: string, inputShape: number[], seed?: number): ResultMeta {
  return { solver, backend: "cpu", precision: "float64", version: VERSION, inputShape, ...(seed !== undefined ? { seed } : {}) };
}

/** Sample covariance XᵀX/n of an n×p standard normal X: its spectrum follows Marchenko–Pastur with ratio p/n. */
export function wishart(n: number, p: number, seed: number): Matrix {
  const X = Matrix.random(n, p, { seed });
  return X.T.matmul(X).scale(1 / n);
}

/** Three Gaussian blobs in 2-D with their labels. */
export function blobs(n: number, seed: number): { X: Matrix; labels: Int32Array } {
  const rng = new Rng(seed);
  const centers = [[0, 0], [6, 0], [3, 5]];
  const data = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const l = i % 3;
    labels[i] = l;
    data[2 * i] = centers[l][0] + rng.normal();
    data[2 * i + 1] = centers[l][1] + rng.normal();
  }
  return { X: new Matrix(n, 2, data), labels };
}

/** Block-diagonal affinity of `sizes` clusters (1 inside a cluster, `noise` between), points interleaved. */
export function blockAffinity(sizes: number[], noise: number): { W: CsrMatrix; labels: Int32Array } {
  const n = sizes.reduce((a, b) => a + b, 0);
  const labels = new Int32Array(n);
  // Interleave clusters so that the clustermap's reordering is what makes the blocks appear.
  const counts = sizes.slice();
  for (let i = 0, l = 0; i < n; l = (l + 1) % sizes.length) {
    if (counts[l] > 0) {
      labels[i++] = l;
      counts[l]--;
    }
  }
  const I: number[] = [];
  const J: number[] = [];
  const V: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const v = labels[i] === labels[j] ? 1 : noise;
      if (v !== 0) {
        I.push(i);
        J.push(j);
        V.push(v);
      }
    }
  }
  return { W: CsrMatrix.fromTriplets(n, n, I, J, V), labels };
}

/** A spectral embedding of a block affinity: eigenvectors 1..dim of its normalized Laplacian, via dense eigh. */
export function spectralEmbedding(W: CsrMatrix, dim: number): Embedding {
  const n = W.rows;
  const d = W.rowSums();
  const L = new Float64Array(n * n);
  const dense = W.toDense();
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) L[i * n + j] = (i === j ? 1 : 0) - dense.get(i, j) / Math.sqrt(d[i] * d[j]);
  const s = linalg.eigh(new Matrix(n, n, L));
  const coords = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) coords[i * dim + j] = s.vectors.get(i, j + 1);
  return new Embedding({ coords: new Matrix(n, dim, coords), eigenvalues: s.values.slice(1, dim + 1), meta: meta("spectral-test", [n, n]) });
}

export function clustering(sizes: number[], withAffinity: boolean): Clustering {
  const { W, labels } = blockAffinity(sizes, 0.05);
  return new Clustering({
    labels,
    k: sizes.length,
    affinity: withAffinity ? W : undefined,
    embedding: withAffinity ? undefined : spectralEmbedding(W, 2),
    meta: meta("spectral-test", [labels.length, labels.length], 0),
  });
}
