/**
 * The HTML of `console.table` (a leaf module without Node imports: the browser kernel's worker uses it too).
 * It looks like io.Table's display (same `eigenlab-table` class).
 */
import { escapeHtml } from "@eigenlab/core";

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
 * The HTML table of `console.table(data, columns)`, or undefined when Node would print no table (a
 * primitive): rows are the entries of an array, Map or object, columns the union of the rows' keys in first
 * appearance (or `columns`), and a "Values" column for rows that are not objects, as Node does.
 */
export function consoleTableHtml(data: unknown, columns?: readonly string[]): string | undefined {
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
  return html;
}

