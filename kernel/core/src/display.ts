/**
 * The display hook every result carries: `[Symbol.for("Jupyter.display")]()` returns a MIME bundle (the
 * Deno-kernel convention). Core only knows `text/plain`; @eigenlab/viz registers richer formatters per kind
 * (Vega-Lite, SVG, the Eigenlab payload). The registry lives on `globalThis` so that two copies of this
 * module (e.g. a notebook prelude and a user's explicit import) share it.
 */
import { EigenlabError } from "./errors";
import { message } from "./messages";

export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

export type MimeBundle = Record<string, unknown>;
export type DisplayFormatter = (value: unknown) => MimeBundle;

const REGISTRY = Symbol.for("eigenlab.display.registry");
type Registry = Map<string, DisplayFormatter>;

function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  let r = g[REGISTRY];
  if (!r) {
    r = new Map();
    g[REGISTRY] = r;
  }
  return r;
}

/**
 * Registers the rich formatter for one result kind ("spectrum", "matrix", ...). Later calls replace it.
 *
 * @example
 * ```ts
 * const kind = "greeting";
 * registerDisplayFormatter(kind, (v) => ({ "text/html": `<b>${String(v)}</b>` }));
 * displayBundle(kind, "hi", "hi"); // => { "text/html": "<b>hi</b>", "text/plain": "hi" }
 * ```
 */
export function registerDisplayFormatter(kind: string, formatter: DisplayFormatter): void {
  registry().set(kind, formatter);
}

/**
 * The bundle for `value`: the registered formatter's MIME types plus `text/plain`.
 *
 * @example
 * ```ts
 * // with no formatter registered for a kind, only the text is shown
 * const kind = "no-formatter-here";
 * displayBundle(kind, 1, "one"); // => { "text/plain": "one" }
 * Object.keys(displayBundle(kind, 1, "one")); // => ["text/plain"]
 * ```
 */
export function displayBundle(kind: string, value: unknown, textPlain: string): MimeBundle {
  const formatter = registry().get(kind);
  let rich: MimeBundle = {};
  if (formatter) {
    try {
      rich = formatter(value);
    } catch (err) {
      // A broken renderer must not hide the result: fall back to text and say why.
      return { "text/plain": `${textPlain}\n(rich display failed: ${(err as Error).message})` };
    }
  }
  return { ...rich, "text/plain": textPlain };
}

/**
 * `s` with the five characters that HTML reads as markup (&, <, >, ", ') escaped: every string that goes into
 * an HTML output (table cells, progress lines) passes here, so data read from a file shows as text.
 * @example
 * ```ts
 * escapeHtml(`<img src=x onerror="alert('x')">`); // => "&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;"
 * ```
 */
export function escapeHtml(s: string): string {
  if (typeof s !== "string") throw new EigenlabError("bad-input", message.notAString("escapeHtml", "s", s));
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

