/**
 * Reading a payload that came over the wire (the renderer's side): checks version, kind and the fields
 * each kind needs, and throws an EigenlabError saying what is wrong (never a crash deep in drawing code).
 */
import { EigenlabError } from "@eigenlab/core/base";
import { message } from "./messages";
import { PAYLOAD_VERSION } from "./payload";
import type { Payload, PayloadKind } from "./payload";

export const PAYLOAD_KINDS: readonly PayloadKind[] = ["spectrum", "embedding", "clustermap", "graph", "matrix", "curve"];

/** Fields each kind must carry as encoded arrays. */
const ARRAYS: Record<PayloadKind, string[]> = {
  spectrum: ["values"],
  embedding: ["coords"],
  clustermap: ["labels"],
  graph: ["source", "target", "weight", "layout"],
  matrix: ["values"],
  curve: [],
};

function isEncoded(x: unknown): boolean {
  const e = x as { dtype?: unknown; shape?: unknown; b64?: unknown } | null;
  return !!e && typeof e === "object" && typeof e.b64 === "string" && Array.isArray(e.shape) && ["float64", "float32", "int32"].includes(e.dtype as string);
}

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
  for (const field of ARRAYS[kind]) if (!isEncoded(data[field])) throw new EigenlabError("payload", message.missingField(kind, field));
  if (kind === "curve") {
    const series = data.series;
    if (!Array.isArray(series) || series.some((s) => !s || !isEncoded(s.x) || !isEncoded(s.y))) throw new EigenlabError("payload", message.missingField(kind, "series"));
  }
  if (kind === "spectrum" && (!data.histogram || !Array.isArray(data.overlays))) throw new EigenlabError("payload", message.missingField(kind, "histogram"));
  return { ...(p as object), meta: p.meta ?? {} } as Payload;
}
