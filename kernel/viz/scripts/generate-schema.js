#!/usr/bin/env node
/**
 * Generates schema/payload.schema.json from the TypeScript types in src/payload.ts (the types are the
 * source of truth; the test "payload schema is up to date" fails when this was not re-run after a change).
 * Usage: node scripts/generate-schema.js [--check]
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { createGenerator } = require("ts-json-schema-generator");

const root = path.resolve(__dirname, "..");
const out = path.join(root, "schema", "payload.schema.json");

function generate() {
  const schema = createGenerator({
    path: path.join(root, "src", "payload.ts"),
    tsconfig: path.join(root, "tsconfig.json"),
    type: "Payload",
    expose: "export",
    topRef: true,
    jsDoc: "extended",
    additionalProperties: false,
    skipTypeCheck: true,
  }).createSchema("Payload");
  schema.$id = "https://eigenlab.invalid/schema/payload.v1.json";
  schema.title = "Eigenlab display payload (application/vnd.eigenlab.v1+json)";
  return JSON.stringify(schema, null, 2) + "\n";
}

module.exports = { generate, out };

if (require.main === module) {
  const text = generate();
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "";
    if (current !== text) {
      console.error(`${path.relative(process.cwd(), out)} is stale: run npm run schema -w @eigenlab/viz`);
      process.exit(1);
    }
  } else {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, text);
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
  }
}
