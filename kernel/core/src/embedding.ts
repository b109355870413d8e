/** The result type of every embedding method (spectral, diffusion maps, node2vec, FastRP, ...). */
import { Matrix } from "./matrix";
import { ResultMeta } from "./meta";
import { displayBundle, JUPYTER_DISPLAY, MimeBundle } from "./display";
import { checkLabelNames, checkNameList, labelsInput } from "./validate/checks";

/**
 * Points in a low-dimensional space (`coords`, one row per point), with optional labels for coloring, the eigenvalues
 * of spectral methods (one per column, in column order: see `eigenvalues`) and provenance meta.
 *
 * @example
 * ```ts
 * const e = embed.spectral(graph.fromEdges(4, [[0, 1], [1, 2], [2, 3]]), { dim: 2, seed: 0 });
 * e instanceof Embedding; // => true
 * e.coords.shape; // => [4, 2]
 * e.eigenvalues?.length; // => 2
 * ```
 */
export class Embedding {
  /** One row per point/node, one column per embedding dimension. */
  readonly coords: Matrix;
  /** Optional per-point labels (ground truth or clusters) used to color the display. */
  readonly labels?: Int32Array;
  /** Optional name of each label code (`labelNames[k]` names label k), shown in legends and tooltips instead of k. */
  readonly labelNames?: readonly string[];
  /**
   * Optional eigenvalues of spectral methods, one per coordinate column and in the columns' order (`eigenvalues[j]`
   * belongs to `coords.col(j)`), so their order is the method's: ascending for embed.spectral (the smallest
   * Laplacian eigenvalues first, as Laplacian eigenmaps and scikit-learn's spectral_embedding order the columns),
   * descending for embed.diffusionMap (the largest Markov eigenvalues first, as pydiffmap's `evals`) and embed.mds
   * (the largest eigenvalues of B first, as Torgerson scaling and scikit-learn's KernelPCA). `meta.eigenvalueOrder`
   * says which.
   */
  readonly eigenvalues?: Float64Array;
  readonly meta: ResultMeta;

  constructor(init: { coords: Matrix; labels?: Int32Array; labelNames?: readonly string[]; eigenvalues?: Float64Array; meta: ResultMeta }) {
    checkLabelNames(init.labels, init.labelNames);
    this.coords = init.coords;
    this.labels = init.labels;
    if (init.labelNames) this.labelNames = Object.freeze([...init.labelNames]);
    this.eigenvalues = init.eigenvalues;
    this.meta = init.meta;
  }

  /**
   * A copy carrying labels for coloring (e.g. a clustering's labels), and optionally the name of each label code,
   * which legends and tooltips then show (`names[k]` names label k; it must cover every code up to the largest).
   *
   * @example
   * ```ts
   * const e = embed.spectral(graph.fromEdges(3, [[0, 1], [1, 2]]), { dim: 1, seed: 0 });
   * const labelled = e.withLabels(new Int32Array([0, 0, 1]));
   * labelled.labels; // => [0, 0, 1]
   * labelled.coords === e.coords; // => true
   * const named = e.withLabels(new Int32Array([0, 0, 1]), ["left", "right"]);
   * named.labelNames?.[named.labels![2]]; // => "right"
   * ```
   */
  withLabels(labels: Int32Array, names?: readonly string[]): Embedding {
    const fn = "Embedding#withLabels";
    const l = labelsInput(fn, labels, this.coords.rows);
    const n = names === undefined ? undefined : checkNameList(fn, names);
    return new Embedding({ coords: this.coords, labels: l, labelNames: n, eigenvalues: this.eigenvalues, meta: this.meta });
  }

  toString(): string {
    return (
      `Embedding: ${this.coords.rows} points in ${this.coords.cols} dimensions; ` +
      `method ${this.meta.solver} on ${this.meta.backend}${this.meta.seed !== undefined ? `, seed ${this.meta.seed}` : ""}.`
    );
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return displayBundle("embedding", this, this.toString());
  }
}
