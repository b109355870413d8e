/**
 * `%%math` cells: the mathjs expression language (`A = randn(200, 200, 1); S = eigh(A + A')`) with the
 * Eigenlab DSL registered as functions. Variables are the notebook's variables, both ways: a math cell reads
 * what TypeScript cells defined and its assignments become TypeScript variables (the kernel declares them
 * with their types). Each cell is echoed as LaTeX.
 *
 * Values cross the boundary converted: a core `Matrix` is a mathjs matrix inside math cells and comes back
 * as a `Matrix`; 1-D mathjs matrices come back as `Float64Array`; other objects (a `Spectrum`, a `CsrMatrix`)
 * are seen in math cells through plain-object views (mathjs only reads properties of plain objects) and come
 * back as the original object.
 */
import { all, create } from "mathjs";
import type { MathJsInstance, MathNode } from "mathjs";
import * as core from "@eigenlab/core";
import { message } from "./messages";
import { mathBody } from "./math-magic";

export { isMathCell, mathBody } from "./math-magic";

const ORIGINAL = Symbol("eigenlab.math.original");

export interface MathResult {
  hasValue: boolean;
  value: unknown;
  /** Names the cell assigned, in order. */
  assigned: string[];
  /** The parsed cell as LaTeX, one line per statement. */
  latex: string;
}

type AnyFn = (...args: never[]) => unknown;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mathjs values are untyped; converted by toMath/fromMath
type Loose = Record<string, any>;

export class MathCells {
  readonly math: MathJsInstance;
  /** core result object <-> its plain-object view, so a value crossing twice keeps its identity. */
  private readonly views = new WeakMap<object, unknown>();
  private readonly origins = new WeakMap<object, unknown>();

  constructor(private readonly locals: Record<string, unknown>) {
    this.math = create(all, {});
    this.math.import(this.dslFunctions() as Record<string, AnyFn>, { override: true });
  }

  /** Core value -> mathjs value. */
  toMath(v: unknown): unknown {
    if (v === null || typeof v !== "object") return v;
    const cached = this.views.get(v);
    if (cached !== undefined) return cached;
    let out: unknown = v;
    // Matrices are converted afresh each time, never cached: mathjs mutates matrices in place on indexed
    // assignment (`A[1, 1] = 0`), and a core Matrix is immutable.
    if (v instanceof core.Matrix) {
      return this.math.matrix(v.toArray());
    } else if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      return this.math.matrix(Array.from(v as unknown as ArrayLike<number>));
    } else if (this.isMathType(v) || Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype) {
      return v;
    } else {
      // A plain-object view (mathjs reads only own properties of plain objects); each property converts on
      // first read, so a large CsrMatrix passed from one DSL call to the next is never copied.
      const view: Record<string | symbol, unknown> = {};
      for (const k of Object.keys(v)) {
        Object.defineProperty(view, k, {
          enumerable: true,
          get: () => this.toMath((v as Record<string, unknown>)[k]),
        });
      }
      view[ORIGINAL] = v;
      out = view;
    }
    this.views.set(v, out);
    if (out !== null && typeof out === "object") this.origins.set(out, v);
    return out;
  }

  /** mathjs value -> core value. */
  fromMath(v: unknown): unknown {
    if (v === null || typeof v !== "object") return v;
    const original = (v as Record<symbol, unknown>)[ORIGINAL] ?? this.origins.get(v);
    if (original !== undefined) return original;
    if (this.math.isMatrix(v)) {
      const size = v.size();
      const arr = v.toArray() as unknown;
      if (size.length === 1) return Float64Array.from(arr as number[]);
      if (size.length === 2) {
        return core.Matrix.from(arr as number[][]);
      }
    }
    return v;
  }

  private isMathType(v: object): boolean {
    const m = this.math;
    return m.isMatrix(v) || m.isComplex(v) || m.isBigNumber(v) || m.isFraction(v) || m.isUnit(v) || m.isNode(v);
  }

  private coreMatrix(v: unknown, what: string): core.Matrix {
    const x = this.fromMath(v);
    if (x instanceof core.Matrix) return x;
    if (x instanceof Float64Array) return core.Matrix.fromFlat(x.length, 1, x);
    const got = x === null ? "null" : typeof x === "object" ? (x.constructor?.name ?? "object") : typeof x;
    throw new core.EigenlabError("shape", message.mathExpectsMatrix(what, got));
  }

  /**
   * The DSL as math functions. Those whose core function does not exist yet are left out, so the names
   * appear as soon as the numerics land (e.g. `knn`, `laplacian`, `eigsh`).
   */
  private dslFunctions(): Record<string, unknown> {
    const c = core as unknown as Loose;
    const fns: Record<string, unknown> = {
      /** randn(rows, cols, seed): standard normal entries, reproducible for a seed. */
      randn: (r: number, cols: number, seed = 0) =>
        this.toMath(core.Matrix.random(num(r), num(cols), { seed: num(seed), dist: "normal" })),
      /** randu(rows, cols, seed): uniform [0, 1) entries. */
      randu: (r: number, cols: number, seed = 0) =>
        this.toMath(core.Matrix.random(num(r), num(cols), { seed: num(seed), dist: "uniform" })),
      /** eigh(A): all eigenpairs of a symmetric matrix (a Spectrum; S.values ascending). */
      eigh: (A: unknown) => this.toMath(core.linalg.eigh(this.coreMatrix(A, "eigh"))),
    };
    const linalg = c.linalg as Loose;
    if (typeof linalg.eigsh === "function") {
      fns.eigsh = (A: unknown, k: number, which = "SA") =>
        this.toMath(linalg.eigsh(this.operand(A), { k: num(k), which }));
    }
    if (typeof linalg.svd === "function") {
      fns.svd = (A: unknown, k?: number) =>
        this.toMath(linalg.svd(this.coreMatrix(A, "svd"), k === undefined ? {} : { k: num(k) }));
    }
    const graph = c.graph as Loose | undefined;
    if (graph && typeof graph.knn === "function") {
      fns.knn = (X: unknown, k: number) => this.toMath(graph.knn(this.coreMatrix(X, "knn"), { k: num(k) }));
    }
    if (graph && typeof graph.laplacian === "function") {
      fns.laplacian = (W: unknown, kind = "combinatorial") => this.toMath(graph.laplacian(this.operand(W), { kind }));
    }
    const cluster = c.cluster as Loose | undefined;
    if (cluster && typeof cluster.kmeans === "function") {
      fns.kmeans = (X: unknown, k: number, seed = 0) =>
        this.toMath(cluster.kmeans(this.coreMatrix(X, "kmeans"), { k: num(k), seed: num(seed) }));
    }
    return fns;
  }

  /** A matrix-like DSL operand: a dense mathjs matrix becomes a core Matrix, a CsrMatrix stays. */
  private operand(v: unknown): unknown {
    const x = this.fromMath(v);
    return x;
  }

  /** The scope mathjs reads and writes: the notebook's variables, converted on the way. */
  private scope(assigned: string[]): Map<string, unknown> {
    const locals = this.locals;
    const toMath = (v: unknown): unknown => this.toMath(v);
    const fromMath = (v: unknown): unknown => this.fromMath(v);
    const scope = {
      get: (k: string) => toMath(locals[k]),
      set(k: string, v: unknown) {
        locals[k] = fromMath(v);
        if (!assigned.includes(k)) assigned.push(k);
        return scope;
      },
      has: (k: string) => Object.prototype.hasOwnProperty.call(locals, k),
      keys: () => Object.keys(locals)[Symbol.iterator](),
      delete: (k: string) => delete locals[k],
      clear: () => undefined,
      forEach(cb: (v: unknown, k: string) => void) {
        for (const k of Object.keys(locals)) cb(toMath(locals[k]), k);
      },
      get size() {
        return Object.keys(locals).length;
      },
    };
    return scope as unknown as Map<string, unknown>;
  }

  /** Parses (throws mathjs's SyntaxError on bad input), echoes LaTeX, evaluates in the notebook's scope. */
  run(src: string): MathResult {
    const body = mathBody(src);
    const node = this.math.parse(body);
    const statements: { node: MathNode; visible: boolean }[] =
      node.type === "BlockNode"
        ? (node as unknown as { blocks: { node: MathNode; visible: boolean }[] }).blocks
        : [{ node, visible: true }];
    const latex = statements.map((s) => s.node.toTex()).join(" \\\\\n");
    const assigned: string[] = [];
    const scope = this.scope(assigned);
    const code = node.compile();
    const raw = code.evaluate(scope) as unknown;
    // A block returns a ResultSet of its visible statements' values; the last one is the cell's value.
    let last: unknown = raw;
    let hasValue = statements.length > 0 && statements[statements.length - 1].visible;
    if (node.type === "BlockNode") {
      const entries = (raw as { entries: unknown[] }).entries;
      last = entries[entries.length - 1];
    }
    if (last === undefined) hasValue = false;
    // An assignment's value is the assigned variable: show it like a plain expression would.
    return { hasValue, value: this.fromMath(last), assigned, latex };
  }

  /** `is_complete` for a math cell. */
  isComplete(src: string): "complete" | "incomplete" | "invalid" {
    try {
      this.math.parse(mathBody(src));
      return "complete";
    } catch (e) {
      const m = (e as Error).message;
      return /Unexpected end|end of|expected \(char \d+\)$/i.test(m) && charAtEnd(m, mathBody(src)) ? "incomplete" : "invalid";
    }
  }
}

function charAtEnd(message: string, body: string): boolean {
  const m = /\(char (\d+)\)/.exec(message);
  return m !== null && Number(m[1]) >= body.trimEnd().length;
}

function num(x: unknown): number {
  return typeof x === "number" ? x : Number((x as { valueOf(): unknown }).valueOf());
}
