// Scale (issue #15): the one-machine pipeline at n = 10⁶ — data.blobs with overlapping clusters (one connected
// kNN graph) → graph.knn method "nndescent" → cluster.spectral, with time, peak memory (this process's max
// RSS) and ARI against the generating labels — and one eigsh row on that graph's normalized Laplacian: our
// Lanczos against SLEPc's Krylov–Schur under mpirun -np 2 (engine: mpi), the crossover users need to see.
// EIGENLAB_SCALE_N overrides n (e.g. 200000 on a loaded machine). Not part of `npm test`. The SLEPc rows need
// openmpi-bin and python3-slepc4py-real (scripts/setup.sh installs them); a failure becomes the row's note.
import { cluster, data, graph, linalg, mpi } from "../kernel/core/src";
import { performance } from "perf_hooks";
import { Table } from "./harness";

export const title = "Scale: blobs n=10⁶ d=16 → knn nndescent → cluster.spectral (time, peak RSS, ARI); eigsh ours vs SLEPc np 2";

const gib = (kb: number) => (kb / 1024 / 1024).toFixed(2);
const peakRss = () => process.resourceUsage().maxRSS; // kB, whole process so far

function timed<T>(fn: () => T): { value: T; seconds: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

export function run(): void {
  const n = Number(process.env.EIGENLAB_SCALE_N ?? 1_000_000);
  const k = 5;
  const table = new Table(title);
  // Centres in [−1.5, 1.5]¹⁶ with std 1 overlap, so the 10-NN graph is one component (checked below).
  const gen = timed(() => data.blobs({ n, k, d: 16, std: 1, box: [-1.5, 1.5], seed: 1 }));
  const { X, labels } = gen.value;
  console.log(`  data.blobs n=${n} d=16 k=${k}: ${gen.seconds.toFixed(1)} s, peak RSS ${gib(peakRss())} GiB`);
  const knn = timed(() => graph.symmetrize(graph.knn(X, { k: 10, includeSelf: true, method: "nndescent", seed: 1 }), "mean"));
  const W = knn.value;
  console.log(`  graph.knn nndescent k=10 (+ symmetrize): ${knn.seconds.toFixed(1)} s, nnz ${W.nnz}, components ${graph.components(W).count}, peak RSS ${gib(peakRss())} GiB`);
  const sc = timed(() => cluster.spectral(W, { k, seed: 0 }));
  const ari = cluster.ari(sc.value.labels, labels as ArrayLike<number>);
  const total = knn.seconds + sc.seconds;
  console.log(`  cluster.spectral k=${k}: ${sc.seconds.toFixed(1)} s (${sc.value.meta.solver}), ARI vs labels ${ari.toFixed(4)}, peak RSS ${gib(peakRss())} GiB`);
  table.add({
    workload: `pipeline knn+spectral n=${n}`,
    ours: total,
    note: `target ≤ 120 s and ≤ 4 GiB: peak RSS ${gib(peakRss())} GiB (incl. data), ARI ${ari.toFixed(4)}`,
  });

  // eigsh row: the k smallest of L_sym, ours vs SLEPc (np 2, Krylov–Schur), same tol.
  const L = graph.laplacian(W, { kind: "sym" });
  const tol = 1e-8;
  const local = timed(() => linalg.eigsh(L, { k, which: "SA", tol }));
  // EIGENLAB_SCALE_NP="1,2" adds an np = 1 row (the crossover pair); default np = 2 only.
  const nps = (process.env.EIGENLAB_SCALE_NP ?? "2").split(",").map(Number);
  for (const np of nps) {
    let slepc: { seconds: number; note: string };
    try {
      const r = timed(() => linalg.eigsh(L, { k, which: "SA", tol, engine: mpi({ np, timeout: 1800 }) }));
      let dmax = 0;
      for (let i = 0; i < k; i++) dmax = Math.max(dmax, Math.abs(r.value.values[i] - local.value.values[i]));
      slepc = { seconds: r.seconds, note: `max |Δλ| ${dmax.toExponential(1)}, SLEPc ${r.value.meta.iterations} restarts, time incl. writing/reading the PETSc files; ${r.value.meta.engine}` };
    } catch (e) {
      slepc = { seconds: NaN, note: `SLEPc failed: ${(e as Error).message.split("\n")[0]}` };
    }
    table.add({
      workload: `eigsh L_sym k=${k} SA n=${n} nnz=${L.nnz}`,
      ours: local.seconds,
      peer: Number.isFinite(slepc.seconds) ? slepc.seconds : undefined,
      peerName: `SLEPc np${np}`,
      note: `ours ${local.value.meta.solver} ${local.value.meta.matvecs} matvecs; ${slepc.note}`,
    });
  }
}
