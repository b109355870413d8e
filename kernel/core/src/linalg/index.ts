/** The `linalg` namespace of the public API. */
export { eigh } from "./eigh";
export type { EighOptions } from "./eigh";
