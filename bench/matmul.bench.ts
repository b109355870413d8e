import { Matrix } from "../kernel/core/src";
import { blasThreads, gemmBackend, setBlasThreads } from "../kernel/core/src/kernels";
import { peerMatrix } from "../test/util/peer";
import { Table, timeOurs, timePeer } from "./harness";

export const title = "Dense matmul 1024³ (float64): ours (WebAssembly SIMD kernel) vs numpy A @ B (OpenBLAS dgemm)";

export function run(): void {
  const table = new Table(title);
  const n = 1024;
  const A = Matrix.random(n, n, { seed: 1 });
  const B = Matrix.random(n, n, { seed: 2 });
  const flops = 2 * n ** 3;
  const peer = timePeer(`def work():\n    return A @ B`, { A: peerMatrix(A), B: peerMatrix(B) }, 5);
  const gf = (s: number) => (flops / s / 1e9).toFixed(1);
  const threads = blasThreads();
  for (const t of [...new Set([1, threads])]) {
    setBlasThreads(t);
    const ours = timeOurs(() => A.matmul(B), 5);
    // Target (issue #14): on 2 threads ≥ 30 % of numpy's GFLOP/s, i.e. time ratio ours/numpy ≤ 3.33. The
    // 1-thread row is for reference (numpy keeps its own thread count).
    table.add({
      workload: `matmul ${n}×${n}×${n} (${t} thread${t > 1 ? "s" : ""})`,
      ours: ours.seconds,
      peer: peer.seconds,
      peerName: "numpy",
      target: t > 1 ? 3.33 : undefined,
      note: `GFLOP/s ours ${gf(ours.seconds)} (${gemmBackend()}, ${t} thread${t > 1 ? "s" : ""}) vs numpy ${gf(peer.seconds)} (${peer.blas})`,
    });
  }
  setBlasThreads(threads);
}
