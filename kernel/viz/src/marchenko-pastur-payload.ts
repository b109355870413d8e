/** rmt.marchenkoPastur's law -> `curve` payload: its density across the bulk. */
import type { rmt } from "@eigenlab/core";
import { checkOptions } from "@eigenlab/core/base";
import { encodeArray } from "./codec";
import { payloadMeta } from "./meta";
import type { CurvePayload, PayloadMeta } from "./payload";

export interface MarchenkoPasturPayloadOptions {
  /** Samples across [λ₋, λ₊] (default 400). */
  points?: number;
  title?: string;
}

const OPTIONS = ["points", "title"] as const;

/** The law's own density (`law.curve`), with the atom at 0 (γ > 1) said in a note since a curve cannot draw it. */
export function marchenkoPasturPayload(law: rmt.MarchenkoPastur, opts: MarchenkoPasturPayloadOptions = {}): CurvePayload {
  checkOptions("marchenkoPasturPayload", opts, OPTIONS);
  const { x, y } = law.curve(opts.points ?? 400);
  const extra: PayloadMeta = { title: opts.title ?? `Marchenko–Pastur density, γ = ${Number(law.ratio.toPrecision(4))}, σ² = ${Number(law.sigma2.toPrecision(4))}` };
  if (law.atom > 0) extra.notes = [`mass ${Number(law.atom.toPrecision(4))} at 0 (p > n) not drawn`];
  return {
    kind: "curve",
    version: 1,
    data: { series: [{ name: "Marchenko–Pastur", x: encodeArray(x, "float64"), y: encodeArray(y, "float64") }], xLabel: "eigenvalue", yLabel: "density" },
    meta: payloadMeta(law.meta, extra),
  };
}
