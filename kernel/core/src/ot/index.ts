/** The `ot` namespace: optimal transport.
 *
 * @module
 */
export { sinkhorn, TransportPlan } from "./sinkhorn";
export type { SinkhornOptions } from "./sinkhorn";
