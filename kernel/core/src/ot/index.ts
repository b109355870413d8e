/** The `ot` namespace: optimal transport. */
export { sinkhorn, TransportPlan } from "./sinkhorn";
export type { SinkhornOptions } from "./sinkhorn";
