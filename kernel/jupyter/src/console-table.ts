/**
 * `console.table` in a notebook: an HTML table (with Node's box-drawing text as the `text/plain` fallback)
 * instead of box art on stdout, which a notebook's output area wraps into broken lines when the table is
 * wider than the cell (issue #18). The HTML looks like io.Table's display (same `eigenlab-table` class).
 */
import { Console } from "console";
import { Writable } from "stream";
import { escapeHtml } from "@eigenlab/core";
import type { MimeBundle } from "./protocol";
import { display, JUPYTER_DISPLAY_SYMBOL } from "./runtime";

/** What Node's console.table prints for `data` (its exact text, box art included). */
export function consoleTableText(data: unknown, columns?: readonly string[]): string {
  let text = "";
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  new Console({ stdout: sink, stderr: sink, colorMode: false }).table(data, columns as string[] | undefined);
  return text;
}

const esc = escapeHtml;

function cell(v: unknown): string {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString();
  if (typeof v === "string") return v;
  if (v === undefined) return "";
  if (typeof v === "bigint" || typeof v === "boolean" || v === null) return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * The MIME bundle of `console.table(data, columns)`, or undefined when Node would print no table (a
 * primitive): rows are the entries of an array, Map or object, columns the union of the rows' keys in first
 * appearance (or `columns`), and a "Values" column for rows that are not objects, as Node does.
 */
export function consoleTableBundle(data: unknown, columns?: readonly string[]): MimeBundle | undefined {
  if (data === null || typeof data !== "object") return undefined;
  const entries: [string, unknown][] =
    data instanceof Map ? Array.from(data.entries(), ([k, v]) => [cell(k), v]) : Array.isArray(data) || ArrayBuffer.isView(data) ? Array.from(data as ArrayLike<unknown>, (v, i) => [String(i), v]) : Object.entries(data);
  const keys: string[] = [];
  let values = false;
  for (const [, row] of entries) {
    if (row !== null && typeof row === "object") {
      for (const k of Object.keys(row)) if (!keys.includes(k)) keys.push(k);
    } else values = true;
  }
  const cols = columns ? [...columns] : keys;
  const head = ["(index)", ...cols, ...(values ? ["Values"] : [])].map((c) => `<th style="text-align:right">${esc(c)}</th>`).join("");
  const body = entries.map(([index, row]) => {
    const isObject = row !== null && typeof row === "object";
    const tds = cols.map((c) => `<td style="text-align:right">${esc(isObject ? cell((row as Record<string, unknown>)[c]) : "")}</td>`);
    if (values) tds.push(`<td style="text-align:right">${esc(isObject ? "" : cell(row))}</td>`);
    return `<tr><th style="opacity:.6">${esc(index)}</th>${tds.join("")}</tr>`;
  });
  const html = `<div class="eigenlab-table"><table><thead><tr>${head}</tr></thead><tbody>${body.join("")}</tbody></table></div>`;
  return { "text/html": html, "text/plain": consoleTableText(data, columns) };
}

/**
 * Makes `console.table` show an HTML table as an output of the running cell (through the kernel's display
 * runtime); outside a cell (no display sink) it prints as Node does. Returns the uninstaller.
 */
export function installConsoleTable(target: Console = console): () => void {
  const original = target.table;
  target.table = (data: unknown, columns?: readonly string[]) => {
    const bundle = consoleTableBundle(data, columns);
    if (bundle) {
      try {
        display({ [JUPYTER_DISPLAY_SYMBOL]: () => bundle });
        return;
      } catch {
        // No cell is running: fall through to the plain text.
      }
    }
    original.call(target, data, columns as string[] | undefined);
  };
  return () => {
    target.table = original;
  };
}
