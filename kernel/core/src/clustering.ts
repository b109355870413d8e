/** The result type of every clustering method (k-means, spectral clustering, normalized cut). */
import { ResultMeta } from "./meta";
import { displayBundle, JUPYTER_DISPLAY, MimeBundle } from "./display";
import type { Embedding } from "./embedding";
import type { CsrMatrix } from "./csr";
import { checkLabelNames, checkNameList } from "./validate";

/**
 * A clustering: `labels` (0..k−1 per point), `k`, and what the method knows (inertia, the embedding it clustered in,
 * the affinity) with provenance meta.
 *
 * @example
 * ```ts
 * const c = cluster.kmeans(Matrix.from([[0], [1], [10]]), { k: 2, seed: 0 });
 * c instanceof Clustering; // => true
 * c.k; // => 2
 * c.labels[0] === c.labels[1] && c.labels[1] !== c.labels[2]; // => true
 * ```
 */
export class Clustering {
  /** Cluster of each point, 0..k-1. */
  readonly labels: Int32Array;
  readonly k: number;
  /** Within-cluster sum of squares, where the method defines one (k-means). */
  readonly inertia?: number;
  /** The spectral embedding the labels were assigned in (spectral methods), for display. */
  readonly embedding?: Embedding;
  /** The affinity the clustering was computed from (spectral methods), for the cluster-map display. */
  readonly affinity?: CsrMatrix;
  /** Optional name of each cluster (`labelNames[k]` names cluster k), shown in legends and tooltips instead of k. */
  readonly labelNames?: readonly string[];
  readonly meta: ResultMeta;

  constructor(init: {
    labels: Int32Array;
    k: number;
    inertia?: number;
    embedding?: Embedding;
    affinity?: CsrMatrix;
    labelNames?: readonly string[];
    meta: ResultMeta;
  }) {
    checkLabelNames(init.labels, init.labelNames);
    this.labels = init.labels;
    if (init.labelNames) this.labelNames = Object.freeze([...init.labelNames]);
    this.k = init.k;
    this.inertia = init.inertia;
    this.embedding = init.embedding;
    this.affinity = init.affinity;
    this.meta = init.meta;
  }

  /**
   * Number of points in each cluster.
   *
   * @example
   * ```ts
   * const c = cluster.kmeans(Matrix.from([[0], [1], [10]]), { k: 2, seed: 0 });
   * [...c.sizes()].sort(); // => [1, 2]
   * ```
   */
  sizes(): Int32Array {
    const s = new Int32Array(this.k);
    for (const l of this.labels) s[l]++;
    return s;
  }

  /**
   * A copy whose clusters carry names (`names[k]` names cluster k; one per cluster code up to the largest), which
   * the cluster map's and the embedding's legends and tooltips then show instead of the integers.
   *
   * @example
   * ```ts
   * const c = cluster.kmeans(Matrix.from([[0], [1], [10]]), { k: 2, seed: 0 });
   * const names = c.labels[2] === 0 ? ["far", "near"] : ["near", "far"];
   * const named = c.withLabelNames(names);
   * named.labelNames?.[named.labels[2]]; // => "far"
   * named.labels === c.labels; // => true
   * ```
   */
  withLabelNames(names: readonly string[]): Clustering {
    checkNameList("Clustering#withLabelNames", names);
    return new Clustering({ labels: this.labels, k: this.k, inertia: this.inertia, embedding: this.embedding, affinity: this.affinity, labelNames: names, meta: this.meta });
  }

  toString(): string {
    return (
      `Clustering: ${this.labels.length} points in ${this.k} clusters (sizes ${Array.from(this.sizes()).join(", ")}); ` +
      `method ${this.meta.solver}${this.inertia !== undefined ? `, inertia ${this.inertia.toPrecision(6)}` : ""}` +
      `${this.meta.seed !== undefined ? `, seed ${this.meta.seed}` : ""}.`
    );
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return displayBundle("clustermap", this, this.toString());
  }
}
