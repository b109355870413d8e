/** The `data` namespace: seeded synthetic point clouds and small real datasets. */
export { blobs } from "./blobs";
export type { BlobsOptions } from "./blobs";
export { moons } from "./moons";
export type { MoonsOptions } from "./moons";
export { circles } from "./circles";
export type { CirclesOptions } from "./circles";
export { swissRoll } from "./swiss-roll";
export type { SwissRollOptions } from "./swiss-roll";
export type { PointCloud } from "./point-cloud";
