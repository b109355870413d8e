/**
 * `embed.mds`: classical (Torgerson) multidimensional scaling of a distance matrix (Torgerson 1952; Cox & Cox,
 * "Multidimensional Scaling", 2001, §2.2). With J = I − 11ᵀ/n, B = −½ J D⁽²⁾ J is the Gram matrix of centred points
 * whenever D is Euclidean; the embedding is X = V_dim Λ_dim^{1/2} from B's dim largest eigenpairs (negative
 * eigenvalues, from non-Euclidean D, are clipped to 0). This is the closed-form MDS; HeatGeo (Huguet et al. 2023)
 * embeds its heat-geodesic distances with MDS, where metric (stress) MDS would refine this as a start.
 */
import { Matrix } from "../matrix";
import { Embedding } from "../embedding";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { hashArrays, stamp } from "../meta";
import { checkFinite, checkOptions } from "../validate";
import { opt } from "../validate/options";
import { positiveInteger } from "../validate";
import { eigh } from "../linalg/eigh";
import { eigsh } from "../linalg/eigsh";
import { asMatrix } from "../validate/inputs";

export interface MdsOptions {
  /** Number of coordinates (required). */
  dim: number;
  /** Seed of the iterative eigensolver's start vector (large n only). */
  seed?: number;
}

/** Above this size the top eigenpairs come from linalg.eigsh instead of a full dense eigh. */
const DENSE_MDS_LIMIT = 300;

/**
 * Classical (Torgerson) multidimensional scaling of a distance matrix: centred coordinates from the dim largest
 * eigenpairs of B = −½ J D⁽²⁾ J (negative eigenvalues clipped to 0).
 *
 * @example
 * ```ts
 * // distances between points at 0, 1 and 3 on a line: MDS recovers them, centred (up to sign)
 * const D = Matrix.from([[0, 1, 3], [1, 0, 2], [3, 2, 0]]);
 * const x = embed.mds(D, { dim: 1 }).coords.col(0);
 * x.map(Math.abs); // => [4 / 3, 1 / 3, 5 / 3]
 * Math.abs(x[2] - x[0]); // => 3
 * ```
 */
export function mds(D: Matrix, opts: MdsOptions): Embedding {
  const fn = "embed.mds";
  checkOptions(fn, opts, { dim: opt.integer(1), seed: opt.seed });
  D = asMatrix(fn, "D (the matrix of pairwise distances)", D);
  if (D.rows !== D.cols) throw new EigenlabError("not-square", message.notSquare(`${fn}: D`, D.rows, D.cols));
  checkFinite(`${fn}: D`, D.data);
  if (opts?.dim === undefined) throw new EigenlabError("bad-option", message.missingOption(fn, "dim", "{ dim: 2 }"));
  const dim = positiveInteger(fn, "dim", opts.dim);
  const n = D.rows;
  if (dim >= n) throw new EigenlabError("k-too-large", message.dimTooLarge(fn, dim, n, 0));
  const seed = opts.seed ?? 0;
  const t0 = performance.now();
  // Double centring of the squared distances: B_ij = −½ (D²_ij − r_i − r_j + g), r = row means, g = grand mean.
  // D² is symmetrized first ((i, j) and (j, i) averaged), so a D symmetric up to round-off gives an exactly symmetric B.
  const a = D.data;
  const sq = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = 0.5 * (a[i * n + j] * a[i * n + j] + a[j * n + i] * a[j * n + i]);
      sq[i * n + j] = v;
      sq[j * n + i] = v;
    }
  }
  const r = new Float64Array(n);
  let g = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += sq[i * n + j];
    r[i] = s / n;
    g += s;
  }
  g /= n * n;
  const B = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) B[i * n + j] = -0.5 * (sq[i * n + j] - r[i] - r[j] + g);
  const Bm = new Matrix(n, n, B);
  const spec = n <= DENSE_MDS_LIMIT ? eigh(Bm) : eigsh(Bm, { k: dim, which: "LA", seed });
  const k = spec.values.length;
  const V = spec.vectors.data;
  const values = new Float64Array(dim);
  const coords = new Float64Array(n * dim);
  for (let c = 0; c < dim; c++) {
    const col = k - 1 - c; // descending eigenvalues
    values[c] = spec.values[col];
    const s = Math.sqrt(Math.max(values[c], 0));
    for (let i = 0; i < n; i++) coords[i * dim + c] = s * V[i * k + col];
  }
  return new Embedding({
    coords: new Matrix(n, dim, coords),
    eigenvalues: values,
    meta: stamp({
      solver: `classical-mds/${String(spec.meta.solver)}`,
      inputShape: [n, n],
      inputHash: hashArrays(D.data),
      seed,
      eigenvalueOrder: "descending",
      timeMs: performance.now() - t0,
    }),
  });
}
