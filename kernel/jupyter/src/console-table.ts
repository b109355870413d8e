/**
 * `console.table` in a notebook: an HTML table (with Node's box-drawing text as the `text/plain` fallback)
 * instead of box art on stdout, which a notebook's output area wraps into broken lines when the table is
 * wider than the cell (issue #18). The HTML looks like io.Table's display (same `eigenlab-table` class).
 */
import { Console } from "console";
import { Writable } from "stream";
import { consoleTableHtml } from "./console-table-html";
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

/**
 * The MIME bundle of `console.table(data, columns)`, or undefined when Node would print no table (a
 * primitive): the HTML table of console-table-html.ts and Node's box-drawing text.
 */
export function consoleTableBundle(data: unknown, columns?: readonly string[]): MimeBundle | undefined {
  const html = consoleTableHtml(data, columns);
  return html === undefined ? undefined : { "text/html": html, "text/plain": consoleTableText(data, columns) };
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
