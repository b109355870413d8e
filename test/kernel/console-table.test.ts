import { strict as assert } from "assert";
import { Console } from "console";
import { Writable } from "stream";
import { consoleTableBundle, consoleTableText, installConsoleTable } from "../../kernel/jupyter/src/console-table";
import { setDisplaySink } from "../../kernel/jupyter/src/runtime";
import type { MimeBundle } from "../../kernel/jupyter/src/protocol";

const ROWS = [
  { planted: 12, predictedEigenvalue: 14.1234567, sampleEigenvalue: 13.9 },
  { planted: 8, predictedEigenvalue: 10.2, sampleEigenvalue: 10.05, note: "weak" },
];

/** The cells of an HTML table, row by row (header row first). */
function cells(html: string): string[][] {
  return Array.from(html.matchAll(/<tr>(.*?)<\/tr>/g), (r) => Array.from(r[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g), (c) => c[1]));
}

describe("console.table in a notebook (kernel/jupyter/src/console-table.ts)", () => {
  it("consoleTableBundle(rows) is an HTML table of every key (union, first-seen order) with Node's text as text/plain", () => {
    const b = consoleTableBundle(ROWS)!;
    assert.deepEqual(cells(b["text/html"] as string), [
      ["(index)", "planted", "predictedEigenvalue", "sampleEigenvalue", "note"],
      ["0", "12", "14.1235", "13.9", ""],
      ["1", "8", "10.2", "10.05", "weak"],
    ]);
    assert.equal(b["text/plain"], consoleTableText(ROWS));
    assert.match(b["text/plain"] as string, /┌/);
  });

  it("consoleTableBundle(values, columns) keeps the chosen columns, adds Values for non-object rows and escapes HTML", () => {
    const b = consoleTableBundle({ a: { x: "<b>", y: 2 }, b: 5 }, ["x"])!;
    assert.deepEqual(cells(b["text/html"] as string), [
      ["(index)", "x", "Values"],
      ["a", "&lt;b&gt;", ""],
      ["b", "", "5"],
    ]);
    assert.equal(consoleTableBundle(42), undefined);
  });

  it("installConsoleTable(c): c.table(rows) in a cell displays the bundle; with no cell running it prints Node's text", () => {
    let printed = "";
    const out = new Writable({
      write(chunk: Buffer | string, _e, done) {
        printed += chunk.toString();
        done();
      },
    });
    const c = new Console({ stdout: out, colorMode: false });
    const shown: MimeBundle[] = [];
    const uninstall = installConsoleTable(c);
    try {
      setDisplaySink({ display: (data) => shown.push(data), clear: () => undefined });
      c.table(ROWS);
      assert.equal(shown.length, 1);
      assert.deepEqual(shown[0], consoleTableBundle(ROWS));
      assert.equal(printed, "");
      setDisplaySink(null);
      c.table(ROWS);
      assert.equal(printed, consoleTableText(ROWS));
    } finally {
      setDisplaySink(null);
      uninstall();
    }
  });
});
