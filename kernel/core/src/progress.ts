/**
 * Progress of long operations (io reads and writes), for whoever shows it: the Jupyter kernel installs a
 * listener that draws an in-place progress line. A leaf module (no Node import, browser-safe). The listener
 * lives on `globalThis`, so a second copy of @eigenlab/core (a cell's own `import`) reports to the same one.
 * With no listener installed, `reportProgress` costs one function call and one property read.
 */

/** One progress report: `done` of `total` units of `task` are finished. */
export interface Progress {
  /** What runs, e.g. `"io.readEdgeList data/big.edgelist"`; reports of one operation share it. */
  task: string;
  done: number;
  total: number;
  /** What `done` and `total` count: "bytes" (shown in MB by the kernel), "rows", ... */
  unit: string;
}

/** Receives progress reports (at most about 10 a second per task, always the final `done === total`). */
export type ProgressListener = (p: Progress) => void;

const LISTENER = Symbol.for("eigenlab.progress.listener");
/** Milliseconds between two reports of one task: 10 a second is smooth and costs nothing measurable. */
const INTERVAL_MS = 100;
const lastReport = new Map<string, number>();

function listener(): ProgressListener | undefined {
  return (globalThis as unknown as Record<symbol, ProgressListener | undefined>)[LISTENER];
}

/**
 * Installs the listener that receives every progress report (replacing any previous one), or removes it with
 * `undefined`. The Eigenlab kernel installs one that shows a progress line for operations that run over a second.
 * @example
 * ```ts
 * const seen: number[] = [];
 * onProgress((p) => seen.push(p.done));
 * reportProgress({ task: "example", done: 0, total: 2, unit: "steps" });
 * reportProgress({ task: "example", done: 2, total: 2, unit: "steps" });
 * onProgress(undefined);
 * reportProgress({ task: "example", done: 0, total: 2, unit: "steps" });
 * seen; // => [0, 2]
 * ```
 */
export function onProgress(fn: ProgressListener | undefined): void {
  (globalThis as unknown as Record<symbol, ProgressListener | undefined>)[LISTENER] = fn;
  lastReport.clear();
}

/**
 * Reports progress of a long operation to the installed listener, if any. Throttled here, per task: a report
 * reaches the listener when it is the task's first, when 100 ms have passed since the last one that did, or
 * when it is the final one (`done >= total`), so callers may report at every chunk.
 * @example
 * ```ts
 * const seen: number[] = [];
 * onProgress((p) => seen.push(p.done));
 * for (let i = 0; i <= 1000; i++) reportProgress({ task: "loop", done: i, total: 1000, unit: "rows" });
 * onProgress(undefined);
 * seen[0]; // => 0
 * seen[seen.length - 1]; // => 1000
 * seen.length <= 12; // => true
 * ```
 */
export function reportProgress(p: Progress): void {
  const fn = listener();
  if (fn === undefined) return;
  const now = Date.now();
  const final = p.done >= p.total;
  const last = lastReport.get(p.task);
  if (!final && last !== undefined && now - last < INTERVAL_MS) return;
  if (final) lastReport.delete(p.task);
  else lastReport.set(p.task, now);
  fn(p);
}
