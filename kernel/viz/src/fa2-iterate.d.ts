/** graphology-layout-forceatlas2's one sweep on its flat node/edge matrices (the module its layout loops over). */
declare module "graphology-layout-forceatlas2/iterate.js" {
  export default function iterate(settings: Record<string, unknown>, nodes: Float32Array, edges: Float32Array): void;
}
declare module "graphology-layout-forceatlas2/defaults.js" {
  const defaults: Record<string, unknown>;
  export default defaults;
}
