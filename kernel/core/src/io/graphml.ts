/**
 * GraphML → `{ W, nodes, attributes }` through graphology-graphml's own parser, and a GraphML writer
 * (graphology-graphml 0.5 has none; the format's core — keys, nodes, edges with a weight datum — is a few
 * lines). Browser-safe: the package's browser build uses the page's DOMParser, its Node build @xmldom/xmldom.
 *
 * The XML is first checked with @xmldom/xmldom 0.9, which reports a malformed document as an error with its
 * line and column (the 0.8 copy inside graphology's packages only prints warnings to the console and hands
 * back a partial document).
 */
import type * as Xmldom from "@xmldom/xmldom";
import { lazy } from "./lazy";
import Graph from "graphology";
import type { AbstractGraph } from "graphology-types";
import type * as GraphologyGraphml from "graphology-graphml";
import { CsrMatrix } from "../csr";
import { EigenlabError } from "../errors";
import { message } from "../messages";
import { checkOptions } from "../validate";
import { opt } from "../validate/options";
import { fromGraphology } from "../graph/graphology";
import { graphInput, textOrBytesInput } from "../validate/inputs";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (lazy.ts says why)
const xmldom = lazy(() => require("@xmldom/xmldom") as typeof Xmldom);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (lazy.ts says why)
const graphml = lazy(() => require("graphology-graphml") as typeof GraphologyGraphml);

/** A graph read from GraphML or GEXF: adjacency, node names and the file's attributes. */
export interface GraphFileRead {
  /** Adjacency, row i = `nodes[i]` (file order). Undirected graphs are symmetric; parallel edges add up. */
  W: CsrMatrix;
  nodes: string[];
  /** Whether the file declared its edges directed. */
  directed: boolean;
  attributes: {
    /** Graph-level attributes (e.g. name). */
    graph: Record<string, unknown>;
    /** Each node's attributes, aligned with `nodes` (typed as the file declares: numbers, strings, booleans). */
    nodes: Record<string, unknown>[];
  };
}

/** graphology's Graph, always able to hold what a file may contain (parallel edges, self-loops). */
export class AnyGraph extends Graph {
  constructor(options: Record<string, unknown> = {}) {
    super({ ...options, multi: true, allowSelfLoops: true });
  }
}

/** Text of XML bytes, checked to be well-formed; `format` and `source` name it in messages. */
export function checkedXml(input: string | Uint8Array, format: string, rootTag: string, source: string): string {
  const text = typeof input === "string" ? input : new TextDecoder("utf-8").decode(input);
  const head = text.slice(0, 2048).trimStart();
  if (!head.startsWith("<")) {
    throw new EigenlabError("bad-magic", message.badMagic(source, format, `"<?xml" or "<${rootTag}"`, JSON.stringify(head.slice(0, 16))));
  }
  let problem: string | undefined;
  try {
    const doc = new (xmldom().DOMParser)({
      onError: (level: string, msg: string) => {
        if (level !== "warning" && problem === undefined) problem = msg;
      },
    }).parseFromString(text, "text/xml");
    const root = doc.documentElement?.nodeName;
    if (problem === undefined && root !== rootTag) problem = `the root element is <${root}>, not <${rootTag}>`;
  } catch (err) {
    problem = (err as Error).message;
  }
  if (problem !== undefined) throw new EigenlabError("parse", message.graphParse(source, format, problem.split("\n")[0]));
  return text;
}

/** The common tail of the GraphML and GEXF readers: graphology graph → CSR + names + attributes. */
export function graphFromGraphology(G: AbstractGraph, opts: { weight?: string }): GraphFileRead {
  const nodes = G.nodes();
  return {
    W: fromGraphology(G, { weight: opts.weight ?? "weight" }),
    nodes,
    directed: G.type === "directed",
    attributes: { graph: { ...G.getAttributes() }, nodes: nodes.map((n) => ({ ...G.getNodeAttributes(n) })) },
  };
}

/** Options of `io.readGraphml` / `io.parseGraphml` (and the GEXF readers). */
export interface GraphFileOptions {
  /** Edge attribute holding the weight (default "weight"); an edge without it weighs 1. */
  weight?: string;
}

/**
 * The XML graph readers' one path: options checked, the XML checked well-formed with its root tag, the
 * document parsed by graphology's parser for the format, and the graph turned into `{ W, nodes, attributes }`.
 */
export function readGraphDocument(
  fn: string, format: string, rootTag: string, parse: (text: string) => unknown,
  input: string | Uint8Array, opts: GraphFileOptions, source: string,
): GraphFileRead {
  checkOptions(fn, opts, { weight: opt.string });
  const text = checkedXml(input, format, rootTag, source);
  let G: AbstractGraph;
  try {
    G = parse(text) as AbstractGraph;
  } catch (err) {
    throw new EigenlabError("parse", message.graphParse(source, format, (err as Error).message));
  }
  return graphFromGraphology(G, opts);
}

/** `parseGraphml` with the file name used in messages. */
export function parseGraphmlFrom(input: string | Uint8Array, opts: GraphFileOptions, source: string): GraphFileRead {
  return readGraphDocument("io.readGraphml", "GraphML", "graphml", (text) => graphml().parse(AnyGraph as never, text), input, opts, source);
}

/**
 * Parses GraphML text or bytes (graphology-graphml) into the adjacency matrix, node ids and attributes.
 *
 * @example
 * ```ts
 * const g = io.parseGraphml(`<?xml version="1.0"?>
 * <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
 *   <key id="w" for="edge" attr.name="weight" attr.type="double"/>
 *   <graph edgedefault="undirected">
 *     <node id="a"/><node id="b"/><node id="c"/>
 *     <edge source="a" target="b"><data key="w">0.5</data></edge>
 *     <edge source="b" target="c"><data key="w">2</data></edge>
 *   </graph>
 * </graphml>`);
 * g.nodes; // => ["a", "b", "c"]
 * g.W.toDense().toArray(); // => [[0, 0.5, 0], [0.5, 0, 2], [0, 2, 0]]
 * ```
 */
export function parseGraphml(input: string | Uint8Array, opts: GraphFileOptions = {}): GraphFileRead {
  return parseGraphmlFrom(textOrBytesInput("io.parseGraphml", input), opts, "<GraphML text>");
}

/** Options of `io.formatGraphml` / `io.writeGraphml` (and the GEXF writers). */
export interface GraphWriteOptions {
  /** Node ids, one per row (default "0", "1", ...). */
  nodes?: readonly string[];
  /** Write a directed graph (every stored entry). Default false: W must be symmetric, each edge written once. */
  directed?: boolean;
}

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The edges to write: every entry (directed) or the upper triangle of a symmetric W. */
export function edgesToWrite(fn: string, W: CsrMatrix, opts: GraphWriteOptions): { names: readonly string[]; edges: [number, number, number][] } {
  if (W.rows !== W.cols) throw new EigenlabError("shape", message.notSquare("W", W.rows, W.cols));
  const names = opts.nodes ?? Array.from({ length: W.rows }, (_, i) => String(i));
  if (names.length !== W.rows) throw new EigenlabError("shape", message.vectorLength("nodes", names.length, W.rows));
  if (!opts.directed && W.asymmetry().value !== 0) throw new EigenlabError("not-symmetric", message.edgeWriteDirected(fn));
  const edges: [number, number, number][] = [];
  for (let r = 0; r < W.rows; r++) {
    for (let p = W.indptr[r]; p < W.indptr[r + 1]; p++) {
      const c = W.indices[p];
      if (opts.directed || c >= r) edges.push([r, c, W.values[p]]);
    }
  }
  return { names, edges };
}

/**
 * W as GraphML text: one `<node>` per row, one `<edge>` per edge with its weight as a `double` datum
 * (shortest round-trip digits: networkx `read_graphml` reads the weights back bit-exact).
 *
 * @example
 * ```ts
 * const W = CsrMatrix.fromTriplets(2, 2, [0, 1], [1, 0], [0.25, 0.25]);
 * const g = io.parseGraphml(io.formatGraphml(W, { nodes: ["x", "y"] }));
 * g.nodes; // => ["x", "y"]
 * g.W.get(0, 1); // => 0.25
 * ```
 */
export function formatGraphml(W: CsrMatrix, opts: GraphWriteOptions = {}): string {
  const fn = "io.writeGraphml";
  W = graphInput(fn, W);
  checkOptions(fn, opts, { nodes: opt.any, directed: opt.boolean });
  const { names, edges } = edgesToWrite(fn, W, opts);
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>\n`,
    `<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n`,
    `  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n`,
    `  <graph edgedefault="${opts.directed ? "directed" : "undirected"}">\n`,
  ];
  for (const n of names) out.push(`    <node id="${xmlEscape(n)}"/>\n`);
  for (const [r, c, w] of edges) {
    out.push(`    <edge source="${xmlEscape(names[r])}" target="${xmlEscape(names[c])}"><data key="weight">${w}</data></edge>\n`);
  }
  out.push(`  </graph>\n</graphml>\n`);
  return out.join("");
}
