/**
 * A payload made displayable: the last expression of a notebook cell `figure(spectrumPayload(s, {...}))`
 * draws with the chosen options (overlays, titles) where the result's default display would not.
 */
import { JUPYTER_DISPLAY } from "@eigenlab/core";
import type { MimeBundle } from "@eigenlab/core";
import { toBundle } from "./bundle";
import { readPayload } from "./read";
import type { Payload } from "./payload";
import { toText } from "./text";

export class Figure {
  readonly payload: Payload;

  constructor(payload: Payload) {
    // Hand-built payloads get the same checks as the renderer's, here where the message can be read.
    this.payload = readPayload(payload);
  }

  toString(): string {
    return toText(this.payload);
  }

  [JUPYTER_DISPLAY](): MimeBundle {
    return toBundle(this.payload);
  }
}

/** `figure(payload)`: a value whose Jupyter display is the payload's full MIME bundle. */
export function figure(payload: Payload): Figure {
  return new Figure(payload);
}
