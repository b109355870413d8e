/** The `data` namespace: seeded generators and small real datasets. */
export { sbm } from "./sbm";
export type { SbmOptions, SbmGraph } from "./sbm";
export { spikedWishart } from "./spiked-wishart";
export type { SpikedWishartOptions, SpikedWishart } from "./spiked-wishart";
export { karateClub } from "./karate";
export type { KarateClub } from "./karate";
export { lesMiserables } from "./miserables";
export type { LesMiserables } from "./miserables";
export { digits } from "./digits";
export type { Digits } from "./digits";
