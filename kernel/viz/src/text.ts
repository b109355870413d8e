/** Payload -> `text/plain` one-paragraph summary (for consoles, and for outputs that show no chart). */
import { displayKind } from "./kinds";
import { provenance } from "./kinds/kind";
import type { Payload } from "./payload";

/** "Title: <the kind's sentence>. <provenance>." */
export function toText(p: Payload): string {
  const title = p.meta.title ? `${p.meta.title}: ` : "";
  return `${title}${displayKind(p).text(p)}.${provenance(p.meta)}`;
}
