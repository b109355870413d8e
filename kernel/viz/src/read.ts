/**
 * Reading a payload that came over the wire (the renderer's side): checks version, kind and the fields
 * each kind needs (its entry in kinds/), and throws an EigenlabError saying what is wrong (never a crash
 * deep in drawing code).
 */
import { EigenlabError } from "@eigenlab/core/base";
import { message } from "./messages";
import { PAYLOAD_VERSION } from "./payload";
import type { Payload, PayloadKind } from "./payload";
import { KINDS, PAYLOAD_KINDS } from "./kinds";
import { isEncoded } from "./kinds/kind";

export { PAYLOAD_KINDS };

/** `json` as a Payload, or an EigenlabError whose message the renderer shows in place of the chart. */
export function readPayload(json: unknown): Payload {
  if (!json || typeof json !== "object" || Array.isArray(json)) {
    throw new EigenlabError("payload", message.notPayload(Array.isArray(json) ? "an array" : json === null ? "null" : typeof json));
  }
  const p = json as { kind?: unknown; version?: unknown; data?: unknown; meta?: unknown };
  if (p.version !== PAYLOAD_VERSION) throw new EigenlabError("payload-version", message.badVersion(p.version, PAYLOAD_VERSION));
  if (!PAYLOAD_KINDS.includes(p.kind as PayloadKind)) throw new EigenlabError("payload-kind", message.badKind(p.kind, PAYLOAD_KINDS));
  const kind = p.kind as PayloadKind;
  if (!p.data || typeof p.data !== "object") throw new EigenlabError("payload", message.missingField(kind, "data"));
  if (p.meta !== undefined && (typeof p.meta !== "object" || p.meta === null)) throw new EigenlabError("payload", message.missingField(kind, "meta"));
  const data = p.data as Record<string, unknown>;
  const entry = KINDS[kind];
  for (const field of entry.arrays) if (!isEncoded(data[field])) throw new EigenlabError("payload", message.missingField(kind, field));
  const missing = entry.missing?.(data);
  if (missing) throw new EigenlabError("payload", message.missingField(kind, missing));
  return { ...(p as object), meta: p.meta ?? {} } as Payload;
}
