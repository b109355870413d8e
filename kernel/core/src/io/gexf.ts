/**
 * GEXF → `{ W, nodes, attributes }` and W → GEXF, both through graphology-gexf (its parser and writer).
 * Browser-safe, like graphml.ts.
 */
import type * as GraphologyGexf from "graphology-gexf";
import { lazy } from "./lazy";
import { CsrMatrix } from "../csr";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { toGraphology } from "../graph/graphology";
import { AnyGraph, edgesToWrite, readGraphDocument } from "./graphml";
import type { GraphFileOptions, GraphFileRead, GraphWriteOptions } from "./graphml";
import { graphInput, textOrBytesInput } from "../validate/inputs";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (lazy.ts says why)
const gexf = lazy(() => require("graphology-gexf") as typeof GraphologyGexf);

/** `parseGexf` with the file name used in messages. */
export function parseGexfFrom(input: string | Uint8Array, opts: GraphFileOptions, source: string): GraphFileRead {
  return readGraphDocument("io.readGexf", "GEXF", "gexf", (text) => gexf().parse(AnyGraph as never, text), input, opts, source);
}

/**
 * Parses GEXF text or bytes (graphology-gexf) into the adjacency matrix, node ids and attributes
 * (each node's `label` among them).
 *
 * @example
 * ```ts
 * const g = io.parseGexf(`<?xml version="1.0"?>
 * <gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
 *   <graph defaultedgetype="directed">
 *     <nodes><node id="a" label="A"/><node id="b" label="B"/></nodes>
 *     <edges><edge id="0" source="a" target="b" weight="1.5"/></edges>
 *   </graph>
 * </gexf>`);
 * g.directed; // => true
 * g.W.toDense().toArray(); // => [[0, 1.5], [0, 0]]
 * g.attributes.nodes[1].label; // => "B"
 * ```
 */
export function parseGexf(input: string | Uint8Array, opts: GraphFileOptions = {}): GraphFileRead {
  return parseGexfFrom(textOrBytesInput("io.parseGexf", input), opts, "<GEXF text>");
}

/**
 * W as GEXF 1.2 text (graphology-gexf's writer), edge weights as the `weight` attribute.
 *
 * @example
 * ```ts
 * const W = CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [3, 3]);
 * io.parseGexf(io.formatGexf(W, { nodes: ["p", "q"] })).W.get(1, 0); // => 3
 * ```
 */
export function formatGexf(W: CsrMatrix, opts: GraphWriteOptions = {}): string {
  const fn = "io.writeGexf";
  W = graphInput(fn, W);
  checkOptions(fn, opts, { nodes: opt.any, directed: opt.boolean });
  const { names } = edgesToWrite(fn, W, opts);
  const G = toGraphology(W, { directed: opts.directed, nodes: names });
  return gexf().write(G as never);
}
