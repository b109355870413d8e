/** Test helper: validates payloads against the generated JSON Schema and counts SVG marks. */
import Ajv from "ajv";
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { compile } from "vega-lite";
import { VEGA_LITE_SCHEMA } from "../src";
import type { VegaLiteSpec } from "../src";

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "schema", "payload.schema.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

/** Throws with every schema violation when `payload` does not match the generated schema. */
export function assertValidPayload(payload: unknown): void {
  // Validate what travels: the JSON text, not the in-memory object.
  const json = JSON.parse(JSON.stringify(payload));
  if (!validate(json)) throw new Error(`payload violates the schema: ${ajv.errorsText(validate.errors, { separator: "\n" })}`);
}

/** Compiles with vega-lite 5, failing on any warning (a spec that compiles with warnings draws wrongly). */
export function assertCompiles(spec: VegaLiteSpec): void {
  assert.equal((spec as { $schema?: string }).$schema, VEGA_LITE_SCHEMA);
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    warn: (...m: unknown[]) => (warnings.push(m.join(" ")), logger),
    info: () => logger,
    debug: () => logger,
    error: (...m: unknown[]) => {
      throw new Error(m.join(" "));
    },
  };
  compile(spec as never, { logger: logger as never });
  assert.deepEqual(warnings, [], `vega-lite warnings: ${warnings.join("; ")}`);
}

/**
 * Number of items Vega drew in the mark groups whose class contains `markClass` (e.g. "mark-symbol",
 * "mark-rect", "mark-rule", "mark-line"). Vega's SVG puts each item of a mark as one child element of
 * `<g class="mark-... role-mark ...">`.
 */
export function countMarks(svg: string, markClass: string, role = "role-mark"): number {
  let total = 0;
  const re = new RegExp(`<g class="${markClass} ${role}[^"]*"[^>]*>`, "g");
  while (re.exec(svg) !== null) {
    let depth = 1;
    let i = re.lastIndex;
    let count = 0;
    const tag = /<(\/?)([a-z]+)[^>]*?(\/?)>/g;
    tag.lastIndex = i;
    let t: RegExpExecArray | null;
    while (depth > 0 && (t = tag.exec(svg))) {
      const closing = t[1] === "/";
      const selfClosing = t[3] === "/";
      if (closing) depth--;
      else {
        if (depth === 1) count++;
        if (!selfClosing) depth++;
      }
      i = tag.lastIndex;
    }
    total += count;
  }
  return total;
}
