/**
 * Side-by-side benchmarks: our code and the peer (numpy/scipy/scikit-learn from Debian) on the same input in
 * the same run, reporting medians and the ratio ours/peer. A bench file exports `title` and `run(ctx)`.
 */
import { performance } from "perf_hooks";
import { peerEnv, PeerInput, runPython } from "../test/util/peer";

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** Median wall time in seconds of `fn` over `reps` runs after one warm-up; returns the last result too. */
export function timeOurs<T>(fn: () => T, reps = 5): { seconds: number; result: T; all: number[] } {
  let result = fn();
  const all: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    result = fn();
    all.push((performance.now() - t0) / 1000);
  }
  return { seconds: median(all), result, all };
}

export interface PeerTiming {
  seconds: number;
  all: number[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each benchmark's JSON output has its own shape
  out: any;
  blas: string;
}

/**
 * Times the peer: `setup` runs once (inputs are numpy arrays by name), then `work()` (a Python function the
 * snippet defines) once to warm up and `reps` times; whatever `work()` returns last is passed to `post`
 * (Python code that may fill `out`). OPENBLAS_CORETYPE/L2_SIZE are unset for the peer alone (see RECIPES.md).
 */
export function timePeer(code: string, inputs: Record<string, PeerInput>, reps = 5, post = ""): PeerTiming {
  const script = `
import time
${code}
_res = work()
_times = []
for _ in range(${reps}):
    _t0 = time.perf_counter(); _res = work(); _times.append(time.perf_counter() - _t0)
result = _res
${post}
try:
    from threadpoolctl import threadpool_info
    _blas = ";".join(f"{i.get('internal_api')} {i.get('architecture')} x{i.get('num_threads')}" for i in threadpool_info())
except Exception as _e:
    _blas = "unknown"
out["_times"] = _times
out["_blas"] = _blas
`;
  const out = runPython(script, inputs, { env: peerEnv({ unsetOpenblasOverrides: true }) });
  return { seconds: median(out._times), all: out._times, out, blas: out._blas };
}

export interface Row {
  workload: string;
  ours: number;
  peer?: number;
  peerName?: string;
  /** Target ratio ours/peer (≤); printed with the gap when missed. */
  target?: number;
  note?: string;
}

export class Table {
  private rows: Row[] = [];
  constructor(readonly title: string) {}

  add(row: Row): void {
    this.rows.push(row);
    const ratio = row.peer ? row.ours / row.peer : NaN;
    const fmt = (s: number) => (s >= 1 ? `${s.toFixed(2)} s` : `${(s * 1000).toFixed(1)} ms`);
    let verdict = "";
    if (row.target !== undefined && row.peer) {
      verdict = ratio <= row.target ? `meets ≤${row.target}×` : `GAP: ${(ratio / row.target).toFixed(2)}× over the ≤${row.target}× target`;
    }
    console.log(
      `  ${row.workload.padEnd(46)} ours ${fmt(row.ours).padStart(10)}  ${row.peerName ?? "peer"} ${row.peer ? fmt(row.peer).padStart(10) : "       n/a"}` +
        `  ratio ${Number.isFinite(ratio) ? ratio.toFixed(2).padStart(6) : "   n/a"}×  ${verdict}${row.note ? `  (${row.note})` : ""}`,
    );
  }
}

export interface BenchModule {
  title: string;
  run(): Promise<void> | void;
}
