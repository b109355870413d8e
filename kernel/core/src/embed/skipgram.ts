/**
 * Skip-gram with negative sampling (Mikolov et al. 2013, "Distributed representations of words and phrases"),
 * trained on node sequences as DeepWalk and node2vec do, following word2vec.c's recipe:
 *  - input vectors uniform in (−0.5, 0.5)/dim, output vectors zero;
 *  - for each centre the window is shrunk to a random b ∈ [1, window] (closer contexts are weighted more);
 *  - k negatives per pair from the unigram distribution raised to 3/4 (drawn with an alias table: the exact
 *    distribution that word2vec's 1e8-slot unigram table approximates);
 *  - learning rate decays linearly from `learningRate` to 1e-4 of it over all epochs;
 *  - the sigmoid is read from word2vec's 1000-entry table on [−6, 6] and saturated outside.
 * Training is single-threaded (word2vec's Hogwild threads are not reproducible), so one seed gives one result.
 * Frequent-token subsampling is left out: node frequencies in walks follow degree, not Zipf's law.
 */
import { Rng } from "../random";
import { aliasTable, drawAlias } from "./alias";

export interface SkipGramOptions {
  dim: number;
  window: number;
  epochs: number;
  negative: number;
  learningRate: number;
  seed: number;
  onProgress?: (fraction: number) => void;
}

const EXP_TABLE_SIZE = 1000;
const MAX_EXP = 6;
const EXP_TABLE = (() => {
  const t = new Float64Array(EXP_TABLE_SIZE);
  for (let i = 0; i < EXP_TABLE_SIZE; i++) {
    const e = Math.exp(((i / EXP_TABLE_SIZE) * 2 - 1) * MAX_EXP);
    t[i] = e / (e + 1);
  }
  return t;
})();

/**
 * Trains on `sequences` (rows of length `seqLength`, −1 = padding) over `vocab` tokens; returns the input
 * vectors (vocab × dim, row-major) and the number of (centre, context) pairs trained.
 */
export function trainSkipGram(
  sequences: Int32Array, seqLength: number, vocab: number, opts: SkipGramOptions,
): { vectors: Float64Array; pairs: number } {
  const { dim, window, epochs, negative, learningRate } = opts;
  const root = new Rng(opts.seed);
  const syn0 = new Float64Array(vocab * dim);
  const init = root.stream(0);
  for (let i = 0; i < syn0.length; i++) syn0[i] = (init.uniform() - 0.5) / dim;
  const syn1 = new Float64Array(vocab * dim);
  const neu1e = new Float64Array(dim);

  const counts = new Float64Array(vocab);
  let tokens = 0;
  for (let i = 0; i < sequences.length; i++) {
    const w = sequences[i];
    if (w >= 0) {
      counts[w]++;
      tokens++;
    }
  }
  const noise = aliasTable(Float64Array.from(counts, (c) => Math.pow(c, 0.75)));
  const total = epochs * tokens + 1;
  const nSeq = sequences.length / seqLength;
  let processed = 0;
  let pairs = 0;
  const reportEvery = Math.max(1, Math.floor(total / 100));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const rng = root.stream(1 + epoch);
    for (let s = 0; s < nSeq; s++) {
      const base = s * seqLength;
      let len = 0;
      while (len < seqLength && sequences[base + len] >= 0) len++;
      for (let pos = 0; pos < len; pos++) {
        const lr = learningRate * Math.max(1 - processed / total, 1e-4);
        processed++;
        if (opts.onProgress && processed % reportEvery === 0) opts.onProgress(processed / total);
        const word = sequences[base + pos];
        const b = 1 + rng.int(window);
        const lo = Math.max(0, pos - b);
        const hi = Math.min(len - 1, pos + b);
        for (let c = lo; c <= hi; c++) {
          if (c === pos) continue;
          // As in word2vec.c: the context token's input vector predicts the centre token.
          const l1 = sequences[base + c] * dim;
          neu1e.fill(0);
          for (let d = 0; d <= negative; d++) {
            let target: number;
            let label: number;
            if (d === 0) {
              target = word;
              label = 1;
            } else {
              target = drawAlias(rng, noise.prob, noise.alias, 0, vocab);
              if (target === word) continue;
              label = 0;
            }
            const l2 = target * dim;
            let f = 0;
            for (let k = 0; k < dim; k++) f += syn0[l1 + k] * syn1[l2 + k];
            let g: number;
            if (f >= MAX_EXP) g = (label - 1) * lr;
            else if (f <= -MAX_EXP) g = label * lr;
            else g = (label - EXP_TABLE[Math.floor((f + MAX_EXP) * (EXP_TABLE_SIZE / MAX_EXP / 2))]) * lr;
            for (let k = 0; k < dim; k++) {
              neu1e[k] += g * syn1[l2 + k];
              syn1[l2 + k] += g * syn0[l1 + k];
            }
          }
          for (let k = 0; k < dim; k++) syn0[l1 + k] += neu1e[k];
          pairs++;
        }
      }
    }
  }
  opts.onProgress?.(1);
  return { vectors: syn0, pairs };
}
