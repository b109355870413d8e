/**
 * The table of display kinds: one entry per payload kind, each a `DisplayKind` (kind.ts) holding that kind's
 * reader checks, Vega-Lite spec, text summary and the view the JupyterLab renderer plans from. `readPayload`,
 * `toVegaLite`, `toText` and the extension's `planView` look the kind up here instead of switching on it.
 * Browser-safe (the `@eigenlab/viz/browser` entry reaches it); the Node-side half, which core result becomes
 * which payload kind through which builder, is the table in `results.ts`.
 *
 * Adding a payload kind `k`:
 *   1. write `kinds/k.ts` exporting `k: DisplayKind<KPayload>` (the other kinds are the examples), with its
 *      payload's data interface, KPayload, added to the `Payload` union of `payload.ts`;
 *   2. add `k` to `KINDS` below (the compiler insists: KINDS must have an entry for every member of the union);
 *   3. write `test/kinds/k.test.ts` (test/kinds/curve.test.ts is the pattern), and run `npm run schema -w
 *      @eigenlab/viz` to regenerate the JSON Schema from the new type.
 * Nothing else changes: the reader, the spec, the text, the SVG, the bundle and the lab's panels, header
 * controls and linking all come from the entry. A builder from a core result (`kPayload(result)`) is a line
 * in `results.ts`.
 */
import type { Payload, PayloadKind } from "../payload";
import type { DisplayKind } from "./kind";
import { clustermap } from "./clustermap";
import { curve } from "./curve";
import { embedding } from "./embedding";
import { graph } from "./graph";
import { matrix } from "./matrix";
import { spectrum } from "./spectrum";

/** Every payload kind, in the order the reader's messages list them. */
export const KINDS: { readonly [K in PayloadKind]: DisplayKind<Extract<Payload, { kind: K }>> } = {
  spectrum,
  embedding,
  clustermap,
  graph,
  matrix,
  curve,
};

/** The kinds a payload may have. */
export const PAYLOAD_KINDS = Object.keys(KINDS) as readonly PayloadKind[];

/** The display kind of payload `p` (typed for `p`). */
export function displayKind<P extends Payload>(p: P): DisplayKind<P> {
  return KINDS[p.kind] as unknown as DisplayKind<P>;
}
