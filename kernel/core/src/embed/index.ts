/** The `embed` namespace: node and point embeddings. */
export { node2vec } from "./node2vec";
export type { Node2VecOptions } from "./node2vec";
export { deepwalk } from "./deepwalk";
export type { DeepWalkOptions } from "./deepwalk";
export { line } from "./line";
export type { LineOptions } from "./line";
export { fastrp } from "./fastrp";
export type { FastRPOptions } from "./fastrp";
