/** The `graph` namespace: graphs as CsrMatrix adjacency matrices (square; symmetric when undirected).
 *
 * @module
 */
export { knn } from "./knn";
export type { KnnOptions } from "./knn";
export type { Metric } from "../kernels/neighbors";
export { epsilon } from "./epsilon";
export type { EpsilonOptions } from "./epsilon";
export { affinity } from "./affinity";
export type { AffinityOptions } from "./affinity";
export { symmetrize } from "./symmetrize";
export type { SymmetrizeMode } from "./symmetrize";
export { fromEdges } from "./from-edges";
export type { FromEdgesOptions } from "./from-edges";
export { toGraphology, fromGraphology } from "./graphology";
export type { FromGraphologyOptions, ToGraphologyOptions } from "./graphology";
export { components } from "./components";
export type { Components } from "./components";
export { degrees } from "./degrees";
export type { DegreeStats } from "./degrees";
export { laplacian } from "./laplacian";
export type { LaplacianKind, LaplacianOptions } from "./laplacian";
export { greedyModularity } from "./greedy-modularity";
export type { GreedyModularityOptions } from "./greedy-modularity";
export { eigenvectorCentrality } from "./centrality";
export type { EigenvectorCentralityOptions } from "./centrality";
