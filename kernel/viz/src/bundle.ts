/** Payload -> the full MIME bundle of the display contract. */
import type { MimeBundle } from "@eigenlab/core";
import { PAYLOAD_MIME } from "./payload";
import type { Payload } from "./payload";
import { SVG_MIME, toSvg } from "./svg";
import { toText } from "./text";
import { LIMITS } from "./limits";
import { toVegaLite, VEGA_LITE_MIME } from "./vegalite";

/**
 * `{ payload, vega-lite, svg, text/plain }` for one payload. The SVG draws at most LIMITS.svgPoints points
 * (its markup costs about 300 bytes a point), so a 100 000-point embedding stays well under 4 MB in total.
 */
export function toBundle(p: Payload, textPlain?: string): MimeBundle {
  const spec = toVegaLite(p);
  return {
    [PAYLOAD_MIME]: p,
    [VEGA_LITE_MIME]: spec,
    [SVG_MIME]: toSvg(toVegaLite(p, { maxPoints: LIMITS.svgPoints })),
    "text/plain": textPlain ?? toText(p),
  };
}
