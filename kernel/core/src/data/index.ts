/** The `data` namespace: seeded synthetic point clouds and small real datasets.
 *
 * @module
 */
export { blobs } from "./blobs";
export type { BlobsOptions } from "./blobs";
export { moons } from "./moons";
export type { MoonsOptions } from "./moons";
export { circles } from "./circles";
export type { CirclesOptions } from "./circles";
export { swissRoll } from "./swiss-roll";
export type { SwissRollOptions } from "./swiss-roll";
export type { PointCloud } from "./point-cloud";
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
export { flower } from "./flower";
export type { Flower } from "./flower";
export { wordnet } from "./wordnet";
export type { WordNet, WordNetOptions } from "./wordnet";
export { spamAssassin, SPAM_ASSASSIN_GROUPS } from "./spam-assassin";
export type { SpamAssassin, SpamAssassinOptions, SpamAssassinGroup } from "./spam-assassin";
export { usAirports } from "./airports";
export type { UsAirports, UsAirportsOptions } from "./airports";
export { iris, wine, breastCancer } from "./uci";
export type { UciDataset } from "./uci";
