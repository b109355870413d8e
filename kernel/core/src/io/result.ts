/**
 * Saved results: a `Spectrum`, `Embedding`, `Clustering`, `rmt.MarchenkoPasturFit` or `rmt.PowerLawFit` as an
 * `.npz` archive that `np.load` opens with no Eigenlab code: its numbers as plain arrays, plus
 *
 * - `kind`: a 0-d unicode array ("spectrum", "embedding", "clustering", "marchenko-pastur-fit", "power-law-fit");
 * - `meta`: the provenance stamp as a 0-d unicode array holding JSON.
 *
 * A 0-d `<U` array (not pickled objects, not bytes) is what `np.load` returns without `allow_pickle` and
 * reads most naturally: `json.loads(str(z["meta"]))`. Python:
 * ```python
 * z = np.load("spectrum.npz"); z["values"], z["vectors"]; meta = json.loads(str(z["meta"]))
 * ```
 * Members per kind — spectrum: values, vectors (n×k), residuals, iterations, converged; embedding: coords,
 * labels?, eigenvalues?; clustering: labels, k, inertia?, embedding_coords?, embedding_eigenvalues? (the
 * affinity graph is not saved); marchenko-pastur-fit: sigma2, ratio, ks, threshold, outliers, eigenvalues;
 * power-law-fit: alpha, xmin, ks, sigma, n_tail, values, candidates_xmin, candidates_ks, candidates_alpha.
 * Counts are 0-d int64, scalars 0-d float64, labels int32.
 */
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { Matrix } from "../matrix";
import { Spectrum } from "../spectrum";
import { Embedding } from "../embedding";
import { Clustering } from "../clustering";
import type { ResultMeta } from "../meta";
import { MarchenkoPastur } from "../rmt/marchenko-pastur";
import { MarchenkoPasturFit } from "../rmt/fit-marchenko-pastur";
import { PowerLawFit } from "../rmt/power-law";
import { Source, sourceBytes, sourceName } from "./bytes";
import type { NpyValue, NpyWritable } from "./npy";
import { decodeNpz } from "./npz";

/** The result types `io.write(path.npz, result)` saves and `io.readResult` rebuilds. */
export type SavedResult = Spectrum | Embedding | Clustering | MarchenkoPasturFit | PowerLawFit;

export const RESULT_KINDS = ["spectrum", "embedding", "clustering", "marchenko-pastur-fit", "power-law-fit"] as const;

export function isSavedResult(x: unknown): x is SavedResult {
  return x instanceof Spectrum || x instanceof Embedding || x instanceof Clustering || x instanceof MarchenkoPasturFit || x instanceof PowerLawFit;
}

const count = (n: number): bigint => BigInt(n);

/** The named arrays of a result's .npz (see the module comment). */
export function resultArrays(r: SavedResult): Record<string, NpyWritable> {
  const out: Record<string, NpyWritable> = {};
  let kind: string;
  if (r instanceof Spectrum) {
    kind = "spectrum";
    Object.assign(out, { values: r.values, vectors: r.vectors, residuals: r.residuals, iterations: count(r.iterations), converged: count(r.converged) });
  } else if (r instanceof Embedding) {
    kind = "embedding";
    out.coords = r.coords;
    if (r.labels) out.labels = r.labels;
    if (r.eigenvalues) out.eigenvalues = r.eigenvalues;
  } else if (r instanceof Clustering) {
    kind = "clustering";
    out.labels = r.labels;
    out.k = count(r.k);
    if (r.inertia !== undefined) out.inertia = r.inertia;
    if (r.embedding) {
      out.embedding_coords = r.embedding.coords;
      if (r.embedding.eigenvalues) out.embedding_eigenvalues = r.embedding.eigenvalues;
    }
  } else if (r instanceof MarchenkoPasturFit) {
    kind = "marchenko-pastur-fit";
    Object.assign(out, { sigma2: r.sigma2, ratio: r.ratio, ks: r.ks, threshold: r.threshold, outliers: r.outliers, eigenvalues: r.eigenvalues });
  } else {
    kind = "power-law-fit";
    Object.assign(out, {
      alpha: r.alpha, xmin: r.xmin, ks: r.ks, sigma: r.sigma, n_tail: count(r.nTail), values: r.values,
      candidates_xmin: r.candidates.xmin, candidates_ks: r.candidates.ks, candidates_alpha: r.candidates.alpha,
    });
  }
  return { kind, meta: JSON.stringify(r.meta), ...out };
}

/** True when an .npz's members carry a saved result's `kind` and `meta`. */
export function looksLikeResult(z: Record<string, unknown>): boolean {
  return typeof z.kind === "string" && (RESULT_KINDS as readonly string[]).includes(z.kind) && typeof z.meta === "string";
}

/** Rebuilds the result object from an .npz's members. */
export function resultFromArrays(file: string, z: Record<string, NpyValue | Uint8Array>): SavedResult {
  if (!looksLikeResult(z)) {
    throw new EigenlabError("io-not-result", message.ioNotResult(file, `it has no string members "kind" (one of ${RESULT_KINDS.join(", ")}) and "meta"`));
  }
  let meta: ResultMeta;
  try {
    meta = JSON.parse(z.meta as string) as ResultMeta;
  } catch (e) {
    throw new EigenlabError("io-not-result", message.ioNotResult(file, `its "meta" member is not JSON: ${(e as Error).message}`));
  }
  const need = <T>(name: string, check: (v: unknown) => boolean, what: string): T => {
    const v = z[name];
    if (!check(v)) throw new EigenlabError("io-not-result", message.ioNotResult(file, `member "${name}" should be ${what}`));
    return v as T;
  };
  const opt = <T>(name: string, check: (v: unknown) => boolean, what: string): T | undefined => (name in z ? need<T>(name, check, what) : undefined);
  const isF64 = (v: unknown) => v instanceof Float64Array;
  const isMat = (v: unknown) => v instanceof Matrix;
  const isNum = (v: unknown) => typeof v === "number";
  const isI32 = (v: unknown) => v instanceof Int32Array;
  const F = "a 1-d float64 array";
  switch (z.kind as (typeof RESULT_KINDS)[number]) {
    case "spectrum":
      return new Spectrum({
        values: need("values", isF64, F),
        vectors: need("vectors", isMat, "a 2-d array"),
        residuals: need("residuals", isF64, F),
        iterations: need("iterations", isNum, "a number"),
        converged: need("converged", isNum, "a number"),
        meta,
      });
    case "embedding":
      return new Embedding({
        coords: need("coords", isMat, "a 2-d array"),
        labels: opt("labels", isI32, "a 1-d int32 array"),
        eigenvalues: opt("eigenvalues", isF64, F),
        meta,
      });
    case "clustering": {
      const coords = opt<Matrix>("embedding_coords", isMat, "a 2-d array");
      const embedding = coords
        ? new Embedding({ coords, eigenvalues: opt("embedding_eigenvalues", isF64, F), meta })
        : undefined;
      return new Clustering({
        labels: need("labels", isI32, "a 1-d int32 array"),
        k: need("k", isNum, "a number"),
        inertia: opt("inertia", isNum, "a number"),
        embedding,
        meta,
      });
    }
    case "marchenko-pastur-fit": {
      const sigma2 = need<number>("sigma2", isNum, "a number");
      const ratio = need<number>("ratio", isNum, "a number");
      return new MarchenkoPasturFit({
        sigma2, ratio, law: new MarchenkoPastur(ratio, sigma2),
        ks: need("ks", isNum, "a number"),
        threshold: need("threshold", isNum, "a number"),
        outliers: need("outliers", isF64, F),
        eigenvalues: need("eigenvalues", isF64, F),
        meta,
      });
    }
    case "power-law-fit":
      return new PowerLawFit({
        alpha: need("alpha", isNum, "a number"),
        xmin: need("xmin", isNum, "a number"),
        ks: need("ks", isNum, "a number"),
        sigma: need("sigma", isNum, "a number"),
        nTail: need("n_tail", isNum, "a number"),
        values: need("values", isF64, F),
        candidates: {
          xmin: need("candidates_xmin", isF64, F),
          ks: need("candidates_ks", isF64, F),
          alpha: need("candidates_alpha", isF64, F),
        },
        meta,
      });
  }
}

/**
 * Reads back a result saved by `io.write(path.npz, result)`: a `Spectrum`, `Embedding`, `Clustering`,
 * `rmt.MarchenkoPasturFit` or `rmt.PowerLawFit` with its numbers bit-exact and its `meta` provenance. The
 * archive's members (see `io.write`) are plain arrays, so Python reads the same file with `np.load`.
 *
 * Spec: https://numpy.org/doc/stable/reference/generated/numpy.savez.html (the container).
 * @param src a path (Node) or the file's bytes.
 * @example
 * ```ts
 * const path = require("path").join(require("os").tmpdir(), "eigenlab-doc-spectrum.npz");
 * const S = linalg.eigh(Matrix.from([[2, 1], [1, 2]]));
 * io.write(path, S);
 * const back = io.readResult(path);
 * back instanceof Spectrum; // => true
 * (back as Spectrum).values; // => [1, 3]
 * ```
 */
export function readResult(src: Source): SavedResult {
  const file = sourceName(src);
  return resultFromArrays(file, decodeNpz(sourceBytes(src), file));
}
