/**
 * Every message a user can read from @eigenlab/viz, in one place (the habit of Vega-Lite's `log/message.ts`,
 * as core's `messages.ts` does for core). Each says what was wrong and what to do about it. Messages core
 * also uses (e.g. `notSquare`) stay in core's module and are imported from `@eigenlab/core/base`.
 */
export const message = {
  // --- float32 / large embeddings (issue #15) ---
  maxPointsOption: (value: unknown) =>
    `embeddingPayload: maxPoints must be a number ≥ 1 (the most points saved with the output; Infinity keeps all); got ${JSON.stringify(value)}.`,
  shape: (shape: number[], length: number) =>
    `An array of ${length} numbers cannot have shape [${shape.join(", ")}]: the product of the shape must equal the length.`,
  badDtype: (dtype: unknown) =>
    `Encoded array dtype ${JSON.stringify(dtype)} is unknown; use "float64", "float32" or "int32".`,
  byteLength: (dtype: string, shape: number[], bytes: number) =>
    `Encoded ${dtype} array of shape [${shape.join(", ")}] holds ${bytes} bytes, which does not match its shape. ` +
    `The payload is truncated or corrupted: display the result again.`,
  notPayload: (got: string) =>
    `This output is not an Eigenlab display payload (got ${got}); expected an object { kind, version, data, meta }.`,
  badVersion: (version: unknown, supported: number) =>
    `Eigenlab payload version ${JSON.stringify(version)} cannot be read by this renderer (it reads version ${supported}). ` +
    `Update @eigenlab/jupyterlab, or re-run the cell with the kernel that matches it.`,
  badKind: (kind: unknown, kinds: readonly string[]) =>
    `Eigenlab payload kind ${JSON.stringify(kind)} is unknown; this renderer draws ${kinds.join(", ")}. ` +
    `Update @eigenlab/jupyterlab to a version that knows it.`,
  missingField: (kind: string, field: string) =>
    `Eigenlab ${kind} payload lacks "${field}" (or it has the wrong type); the output is incomplete: re-run the cell.`,
  length: (what: string, got: number, expected: number) =>
    `${what} has ${got} entries but there are ${expected} points; pass one entry per point.`,
  empty: (what: string) => `${what} is empty: there is nothing to draw.`,
  notDisplayable: (what: string) =>
    `Cannot build an Eigenlab display for ${what}; pass a Spectrum, Embedding, Clustering, Matrix, CsrMatrix or curve series.`,
  svgRenderer: () =>
    `The installed vega no longer exposes what the synchronous SVG export needs; pin vega to the version in @eigenlab/viz's package.json.`,

  // --- Poincaré disk (issue #12: graphPayload { disk }) ---
  diskNeedsLayout: () =>
    `disk: true draws a Poincaré-disk embedding, so it needs the positions: pass { layout: E.coords } with the n × 2 coordinates of embed.poincare(pairs, { dim: 2 }).`,
  diskOutside: (row: number, norm: number) =>
    `disk: true, but node ${row} lies at norm ${norm}, outside the open unit disk. Pass the coordinates of a 2-D Poincaré embedding (every row of norm < 1), or leave disk out.`,
} as const;
