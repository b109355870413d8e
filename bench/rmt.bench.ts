import { data, linalg, Matrix, ot, rmt, Rng } from "../kernel/core/src";
import { peerMatrix } from "../test/util/peer";
import { Table, timeOurs, timePeer } from "./harness";

export const title = "Random-matrix fits and optimal transport: ours vs numpy/scipy";

export function run(): void {
  const table = new Table(title);
  for (const [n, p] of [[1000, 500], [2000, 1000]]) {
    const X = Matrix.random(n, p, { seed: 1 });
    const ours = timeOurs(() => rmt.fitMarchenkoPastur(X), 3);
    // numpy: Gram + eigenvalues only + the same median match (the MP median of γ from our law, passed in).
    const med1 = rmt.marchenkoPastur({ ratio: p / n }).bulkQuantile(0.5);
    const peer = timePeer(`def work():\n    w = np.linalg.eigvalsh(X.T @ X / X.shape[0])\n    return np.median(w) / ${med1}`, { X: peerMatrix(X) }, 3, `out["sigma2"] = float(result)`);
    table.add({ workload: `fitMarchenkoPastur ${n}×${p}`, ours: ours.seconds, peer: peer.seconds, peerName: "numpy", target: 10, note: `σ² ours ${ours.result.sigma2.toFixed(4)}, numpy ${Number(peer.out.sigma2).toFixed(4)}; BLAS ${peer.blas}` });
  }
  // The ESD kernel alone: eigenvalues of a 1000×1000 covariance, no eigenvectors (LAPACK dsyevd with jobz = 'N').
  const G = linalg.gram(Matrix.random(2000, 1000, { seed: 5 })).scale(1 / 2000);
  const ev = timeOurs(() => linalg.eigvalsh(G), 3);
  const peerEv = timePeer(`def work():\n    return np.linalg.eigvalsh(G)`, { G: peerMatrix(G) }, 3);
  table.add({ workload: "eigvalsh 1000×1000 (values only)", ours: ev.seconds, peer: peerEv.seconds, peerName: "numpy eigvalsh", target: 10 });
  const sw = data.spikedWishart({ n: 800, p: 400, spikes: [4, 2], seed: 2 });
  const sp = timeOurs(() => rmt.spikes(sw.X), 3);
  const peerSp = timePeer(`def work():\n    return np.linalg.eigh(X.T @ X / X.shape[0])`, { X: peerMatrix(sw.X) }, 3);
  table.add({ workload: "spikes 800×400 (Gram eigenvalues + the k spike vectors + fit)", ours: sp.seconds, peer: peerSp.seconds, peerName: "numpy eigh", target: 10, note: `${sp.result.k} spikes` });
  const rng = new Rng(3);
  const values = Float64Array.from({ length: 20000 }, () => Math.pow(1 - rng.uniform(), -1 / 1.5));
  const pl = timeOurs(() => rmt.powerLawFit(values), 3);
  table.add({ workload: "powerLawFit 20 000 values (1000 xmin candidates)", ours: pl.seconds, note: `α = ${pl.result.alpha.toFixed(3)}` });
  const m = 500;
  const C = Matrix.fromFlat(m, m, Float64Array.from({ length: m * m }, () => rng.uniform()));
  const a = new Float64Array(m).fill(1 / m);
  const sk = timeOurs(() => ot.sinkhorn(a, a, C, { epsilon: 0.05, tol: 1e-9 }), 3);
  const peerSk = timePeer(
    `from scipy.special import logsumexp
a = np.full(C.shape[0], 1 / C.shape[0]); la = np.log(a)
def work():
    f = np.zeros(C.shape[0]); g = np.zeros(C.shape[1])
    for _ in range(${sk.result.iterations}):
        f = 0.05 * (la - logsumexp((g[None, :] - C) / 0.05, axis=1))
        g = 0.05 * (la - logsumexp((f[:, None] - C) / 0.05, axis=0))
    return f`,
    { C: peerMatrix(C) },
    3,
  );
  table.add({ workload: `sinkhorn log-domain ${m}×${m}, ${sk.result.iterations} iterations`, ours: sk.seconds, peer: peerSk.seconds, peerName: "scipy LSE", target: 3 });
}
