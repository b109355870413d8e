/**
 * Size limits of the display. The payload keeps point sets whole (the extension draws 100 000 points with
 * WebGL); the Vega-Lite spec and the SVG embed their data as JSON/markup, so they get seeded subsets.
 */
export const LIMITS = {
  /** Largest n × k of eigenvectors a payload carries for linked recoloring (float32: 4 bytes each). */
  vectorEntries: 500_000,
  /** Largest side of a matrix/affinity heatmap in the payload (block means beyond). */
  payloadMatrixSide: 256,
  /** Largest side of a heatmap in the Vega-Lite spec and the SVG. */
  specMatrixSide: 64,
  /** Most points in the Vega-Lite spec (and SVG) of a scatter plot. */
  specPoints: 5_000,
  /** Most points in the static SVG (each point is about 300 bytes of markup). */
  svgPoints: 2_000,
  /**
   * Largest static SVG of one output, in bytes (issue #18): toBundle halves the points, edges, curve samples
   * and heatmap side until the SVG fits; the payload keeps the full data and the chart says what it shows.
   */
  svgBytes: 200_000,
  /** Most edges in the Vega-Lite spec (and SVG) of a node-link diagram. */
  specEdges: 5_000,
  /** Most edges a graph payload carries. */
  payloadEdges: 200_000,
  /**
   * Graphs above this many nodes are large: laid out by the fast path (layout.ts), their edges thinned in the
   * payload, and drawn by the lab on the canvas path of large point clouds (a Vega chart shows at most
   * specPoints nodes).
   */
  largeGraphFrom: 5_000,
  /** Largest graph (nodes) a square symmetric non-negative sparse matrix displays as; larger ones draw as a heatmap. */
  graphNodes: 100_000,
  /**
   * Edges a large graph's payload aims at (layout.ts LARGE_GRAPH_FROM and above): each node keeps its
   * max(1, min(3, ⌊largeGraphEdges / n⌋)) strongest edges, so about this many at most.
   */
  largeGraphEdges: 100_000,
  /** Most points per curve in the spec. */
  specCurvePoints: 2_000,
  /**
   * Most points an embedding payload carries (issue #15): above it, a uniform seeded sample of this many is saved
   * with the notebook (2-D: about 2.8 MB of output with labels, the 100 000-point size the lab bench measures
   * interactive) and the full set stays in the kernel; `embeddingPayload(e, { maxPoints })` changes it.
   */
  payloadPoints: 100_000,
  /** Most values a histogram-view spectrum payload carries (beyond: an evenly spaced subset by rank; the histogram counts them all). */
  payloadValues: 100_000,
  /** Fewer eigenvalues than this draw as a scree plot, more as a histogram. */
  screeMaxValues: 50,
} as const;
