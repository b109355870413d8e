import { strict as assert } from "assert";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { CsrMatrix, io, onProgress, reportProgress } from "../src";
import type { Progress } from "../src";

/** Runs `fn` with a listener that records every report; the listener is removed afterwards. */
function recorded(fn: () => void): Progress[] {
  const seen: Progress[] = [];
  onProgress((p) => seen.push({ ...p }));
  try {
    fn();
  } finally {
    onProgress(undefined);
  }
  return seen;
}

/** Reports of one task: they start at 0, never go back, keep one total and unit, and end with done === total. */
function assertMonotone(seen: Progress[], task: string, total: number, unit: string): void {
  const mine = seen.filter((p) => p.task === task);
  assert.ok(mine.length >= 2, `${task}: ${mine.length} reports`);
  assert.equal(mine[0].done, 0);
  for (let k = 1; k < mine.length; k++) assert.ok(mine[k].done >= mine[k - 1].done, `${task}: report ${k} went back`);
  for (const p of mine) assert.deepEqual([p.total, p.unit], [total, unit]);
  assert.equal(mine[mine.length - 1].done, total);
  assert.equal(mine.filter((p) => p.done === total).length, 1, "one final report");
}

describe("progress hook (onProgress / reportProgress)", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "eigenlab-progress-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reportProgress throttles each task to one report per 100 ms, first and final always delivered", () => {
    let i = 0;
    const t0 = Date.now();
    const seen = recorded(() => {
      while (Date.now() - t0 < 350) reportProgress({ task: "a", done: i++, total: 1e12, unit: "steps" });
      reportProgress({ task: "a", done: 1e12, total: 1e12, unit: "steps" });
    });
    assert.ok(i > 1000, `the loop reported ${i} times`);
    assert.equal(seen[0].done, 0);
    assert.equal(seen[seen.length - 1].done, 1e12);
    // 350 ms at one per 100 ms: the first, 3 more, and the final (one spare for timer granularity).
    assert.ok(seen.length >= 4 && seen.length <= 6, `${seen.length} reports`);
  });

  it("reportProgress throttles tasks independently and delivers a final report made just after another", () => {
    const seen = recorded(() => {
      reportProgress({ task: "a", done: 0, total: 2, unit: "x" });
      reportProgress({ task: "b", done: 0, total: 2, unit: "x" });
      reportProgress({ task: "a", done: 1, total: 2, unit: "x" }); // throttled
      reportProgress({ task: "a", done: 2, total: 2, unit: "x" });
      reportProgress({ task: "a", done: 0, total: 2, unit: "x" }); // a new run of "a" starts unthrottled
    });
    assert.deepEqual(seen.map((p) => `${p.task}${p.done}`), ["a0", "b0", "a2", "a0"]);
  });

  it("onProgress(undefined) removes the listener; onProgress(f) replaces the previous one", () => {
    const first: number[] = [];
    const second: number[] = [];
    onProgress((p) => first.push(p.done));
    reportProgress({ task: "r", done: 0, total: 1, unit: "x" });
    onProgress((p) => second.push(p.done));
    reportProgress({ task: "r", done: 1, total: 1, unit: "x" });
    onProgress(undefined);
    reportProgress({ task: "r", done: 1, total: 1, unit: "x" });
    assert.deepEqual([first, second], [[0], [1]]);
  });

  it("io.readEdgeList(path) reports bytes, monotone, from 0 to the file size; the graph is the same as without a listener", () => {
    const path = join(dir, "g.edgelist");
    const lines: string[] = [];
    for (let k = 0; k < 1_500_000; k++) lines.push(`${k % 50000} ${(k * 7919) % 50000} ${(k % 13) + 0.5}`);
    writeFileSync(path, lines.join("\n") + "\n");
    const size = statSync(path).size;
    assert.ok(size > 3 * (1 << 22), "several 4 MiB chunks");
    let g!: ReturnType<typeof io.readEdgeList>;
    const seen = recorded(() => (g = io.readEdgeList(path)));
    assertMonotone(seen, `io.readEdgeList ${path}`, size, "bytes");
    const plain = io.readEdgeList(path);
    assert.deepEqual([g.W.nnz, g.nodes.length, g.W.indices, g.W.values], [plain.W.nnz, plain.nodes.length, plain.W.indices, plain.W.values]);
  });

  it("io.readEdgeList(path) stays monotone across its restart with string node ids", () => {
    const path = join(dir, "s.edgelist");
    const lines: string[] = [];
    for (let k = 0; k < 600_000; k++) lines.push(k === 500_000 ? "a b" : `${k % 1000} ${(k * 31) % 1000}`);
    writeFileSync(path, lines.join("\n") + "\n");
    const seen = recorded(() => io.readEdgeList(path));
    assertMonotone(seen, `io.readEdgeList ${path}`, statSync(path).size, "bytes");
  });

  it("io.readCsv reports lines, monotone, ending at the line count", () => {
    const path = join(dir, "t.csv");
    const rows = ["x,y"];
    for (let k = 0; k < 400_000; k++) rows.push(`${k},${k * 0.5}`);
    writeFileSync(path, rows.join("\n") + "\n");
    let t!: ReturnType<typeof io.readCsv>;
    const seen = recorded(() => (t = io.readCsv(path)));
    // 400,001 lines and the empty piece after the last line break.
    assertMonotone(seen, `io.readCsv ${path}`, 400_002, "lines");
    assert.equal(t.nrows, 400_000);
  });

  it("io.writeNpy and io.readNpy report bytes; io.readMatrixMarket reports entries", () => {
    const path = join(dir, "a.npy");
    const x = new Float64Array(1_000_000).map((_, i) => i);
    const written = recorded(() => io.writeNpy(path, x));
    const total = statSync(path).size;
    assertMonotone(written, `io.writeNpy ${path}`, total, "bytes");
    const read = recorded(() => io.readNpy(path));
    assertMonotone(read, `io.readNpy ${path}`, 8_000_000, "bytes");
    const mtx = join(dir, "a.mtx");
    io.writeMatrixMarket(mtx, CsrMatrix.fromTriplets(3, 3, [0, 1, 2], [1, 2, 0], [1, 2, 3]));
    assertMonotone(recorded(() => io.readMatrixMarket(mtx)), `io.readMatrixMarket ${mtx}`, 3, "entries");
  });
});
