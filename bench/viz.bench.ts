import { Embedding, Matrix, Rng, VERSION } from "@eigenlab/core";
import { embeddingPayload, encodeArray, toBundle, toSvg, toVegaLite } from "../kernel/viz/src";
import { Table, timeOurs, timePeer } from "./harness";

export const title = "Display: payload encoding and the full MIME bundle of a 100 000-point embedding";

export function run(): void {
  const table = new Table(title);
  const n = 100_000;
  const data = new Float64Array(2 * n);
  new Rng(1).fillNormal(data);
  const ours = timeOurs(() => encodeArray(data, "float32", [n, 2]), 5);
  const peer = timePeer(
    `import base64\ndef work():\n    return base64.b64encode(X.astype("<f4").tobytes()).decode("ascii")`,
    { X: { shape: [n, 2], data } },
    5,
  );
  table.add({ workload: "encode 100k×2 coords (float32, base64)", ours: ours.seconds, peer: peer.seconds, peerName: "numpy+base64", target: 3 });
  const e = new Embedding({
    coords: new Matrix(n, 2, data),
    labels: Int32Array.from({ length: n }, (_, i) => i % 10),
    meta: { solver: "bench", backend: "cpu", precision: "float64", version: VERSION, inputShape: [n, 2] },
  });
  const payload = embeddingPayload(e);
  table.add({ workload: "embeddingPayload 100k points", ours: timeOurs(() => embeddingPayload(e), 3).seconds, note: "no peer" });
  table.add({ workload: "toVegaLite 100k points (5 000 drawn)", ours: timeOurs(() => toVegaLite(payload), 3).seconds, note: "no peer" });
  const svgSpec = toVegaLite(payload, { maxPoints: 2000 });
  table.add({ workload: "toSvg 2 000 points (Vega headless)", ours: timeOurs(() => toSvg(svgSpec), 3).seconds, note: "no peer" });
  const bundle = timeOurs(() => toBundle(payload), 3);
  table.add({ workload: "toBundle 100k points", ours: bundle.seconds, note: `${(JSON.stringify(bundle.result).length / 1e6).toFixed(2)} MB of JSON` });
}
