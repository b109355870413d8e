/** Any displayable result -> its payload (the first entry of kinds/results.ts that takes it). */
import { EigenlabError } from "@eigenlab/core/base";
import { RESULT_KINDS } from "./kinds/results";
import { message } from "./messages";
import type { Payload } from "./payload";

/** The default display of a result (every class core's results announce in `displayBundle`). */
export function toPayload(value: unknown): Payload {
  const entry = RESULT_KINDS.find((r) => r.is(value));
  if (entry) return entry.build(value);
  throw new EigenlabError("not-displayable", message.notDisplayable(value === null ? "null" : typeof value === "object" ? (value.constructor?.name ?? "an object") : typeof value));
}
