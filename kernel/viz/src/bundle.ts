/** Payload -> the full MIME bundle of the display contract. */
import type { MimeBundle } from "@eigenlab/core";
import { PAYLOAD_MIME } from "./payload";
import type { Payload } from "./payload";
import { SVG_MIME, toSvg } from "./svg";
import { toText } from "./text";
import { toVegaLite, VEGA_LITE_MIME } from "./vegalite";

/** `{ payload, vega-lite, svg, text/plain }` for one payload. */
export function toBundle(p: Payload, textPlain?: string): MimeBundle {
  const spec = toVegaLite(p);
  return {
    [PAYLOAD_MIME]: p,
    [VEGA_LITE_MIME]: spec,
    [SVG_MIME]: toSvg(spec),
    "text/plain": textPlain ?? toText(p),
  };
}
