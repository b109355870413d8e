/**
 * Seeded random numbers: Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3",
 * SC 2011), a counter-based generator. The output is a pure function of (seed, stream, counter), so
 * independent streams are free (`rng.stream(k)`) and results do not depend on how work is split across
 * threads: a worker given stream k draws exactly what a single thread would.
 */
import { EigenlabError } from "./errors";
import { message } from "./messages";

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const TWO32 = 4294967296;

/** High 32 bits of the 64-bit product of two uint32 (exact: every partial product stays below 2^53). */
function mulhi(a: number, b: number): number {
  const p = a * (b & 0xffff); // < 2^48
  const q = a * (b >>> 16); // < 2^48
  return (Math.floor(q / 65536) + Math.floor(((q % 65536) * 65536 + p) / TWO32)) >>> 0;
}

function philox(c: Uint32Array, k0: number, k1: number, out: Uint32Array): void {
  let c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3];
  for (let r = 0; r < 10; r++) {
    const hi0 = mulhi(M0, c0), lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulhi(M1, c2), lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
    k0 = (k0 + W0) >>> 0;
    k1 = (k1 + W1) >>> 0;
  }
  out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
}

export function checkSeed(seed: unknown): number {
  if (typeof seed !== "number" || !Number.isSafeInteger(seed)) {
    throw new EigenlabError("bad-seed", message.badSeed(seed));
  }
  return seed;
}

/**
 * A reproducible random stream. `new Rng(seed)`; `rng.stream(k)` gives independent stream k.
 *
 * @example
 * ```ts
 * // the same seed gives the same stream, on every platform
 * new Rng(42).uniform() === new Rng(42).uniform(); // => true
 * new Rng(42).uniform() === new Rng(43).uniform(); // => false
 * ```
 */
export class Rng {
  readonly seed: number;
  readonly streamId: number;
  private readonly k0: number;
  private readonly k1: number;
  private readonly ctr = new Uint32Array(4);
  private readonly buf = new Uint32Array(4);
  private pos = 4;
  private spare = NaN;

  constructor(seed: number = 0, streamId = 0) {
    checkSeed(seed);
    if (typeof streamId !== "number" || !Number.isSafeInteger(streamId) || streamId < 0) throw new EigenlabError("bad-option", message.rngArgument("Rng.stream", "k (the stream number)", "a non-negative integer", streamId));
    this.seed = seed;
    this.streamId = streamId;
    this.k0 = seed >>> 0;
    this.k1 = Math.floor(seed / TWO32) >>> 0;
    this.ctr[2] = streamId >>> 0;
    this.ctr[3] = Math.floor(streamId / TWO32) >>> 0;
  }

  /**
   * Independent stream number `k` of the same seed.
   *
   * @example
   * ```ts
   * const r = new Rng(7);
   * r.stream(1).uniform() === new Rng(7).stream(1).uniform(); // => true
   * r.stream(1).uniform() === r.stream(2).uniform(); // => false
   * ```
   */
  stream(k: number): Rng {
    return new Rng(this.seed, k);
  }

  /**
   * Next uniform uint32.
   *
   * @example
   * ```ts
   * const u = new Rng(1).nextUint32();
   * Number.isInteger(u) && u >= 0 && u < 2 ** 32; // => true
   * ```
   */
  nextUint32(): number {
    if (this.pos === 4) {
      philox(this.ctr, this.k0, this.k1, this.buf);
      if (++this.ctr[0] === 0) this.ctr[1]++;
      this.pos = 0;
    }
    return this.buf[this.pos++];
  }

  /**
   * Uniform double in [0, 1) with 53 random bits.
   *
   * @example
   * ```ts
   * const rng = new Rng(3);
   * const xs = Array.from({ length: 10000 }, () => rng.uniform());
   * xs.every((x) => x >= 0 && x < 1); // => true
   * Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5) < 0.01; // => true
   * ```
   */
  uniform(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * Standard normal draw (Box–Muller, both values used).
   *
   * @example
   * ```ts
   * const rng = new Rng(4);
   * const z = Array.from({ length: 20000 }, () => rng.normal());
   * const mean = z.reduce((s, x) => s + x, 0) / z.length;
   * Math.abs(mean) < 0.03; // => true
   * Math.abs(z.reduce((s, x) => s + x * x, 0) / z.length - 1) < 0.03; // => true
   * ```
   */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /**
   * Uniform integer in [0, n).
   *
   * @example
   * ```ts
   * const rng = new Rng(5);
   * const seen = new Set(Array.from({ length: 200 }, () => rng.int(3)));
   * [...seen].sort(); // => [0, 1, 2]
   * ```
   */
  int(n: number): number {
    // a NaN here (n = 0, a fraction, a string) would travel on as an index; refuse it where it was made
    if (!(typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= Number.MAX_SAFE_INTEGER)) throw new EigenlabError("bad-option", message.rngArgument("Rng.int", "n", "a positive integer (draws are in [0, n))", n));
    if (n <= TWO32) {
      // Lemire-style rejection to avoid modulo bias.
      const limit = TWO32 - (TWO32 % n);
      let x = this.nextUint32();
      while (x >= limit) x = this.nextUint32();
      return x % n;
    }
    return Math.floor(this.uniform() * n);
  }

  /**
   * Fills `out` with uniform draws in [lo, hi) and returns it.
   *
   * @example
   * ```ts
   * const out = new Rng(6).fillUniform(new Float64Array(1000), -2, 2);
   * out.every((x) => x >= -2 && x < 2); // => true
   * ```
   */
  fillUniform(out: Float64Array, lo = 0, hi = 1): Float64Array {
    checkFill("Rng.fillUniform", out, lo, "lo", hi, "hi");
    if (!(lo <= hi)) throw new EigenlabError("bad-option", message.rngArgument("Rng.fillUniform", "hi", `a number ≥ lo = ${lo}`, hi));
    const w = hi - lo;
    for (let i = 0; i < out.length; i++) out[i] = lo + w * this.uniform();
    return out;
  }

  /**
   * Fills `out` with normal draws N(mean, sd²) and returns it.
   *
   * @example
   * ```ts
   * const out = new Rng(8).fillNormal(new Float64Array(20000), 10, 2);
   * Math.abs(out.reduce((s, x) => s + x, 0) / out.length - 10) < 0.05; // => true
   * ```
   */
  fillNormal(out: Float64Array, mean = 0, sd = 1): Float64Array {
    checkFill("Rng.fillNormal", out, mean, "mean", sd, "sd");
    if (!(sd >= 0)) throw new EigenlabError("bad-option", message.rngArgument("Rng.fillNormal", "sd", "a non-negative number", sd));
    for (let i = 0; i < out.length; i++) out[i] = mean + sd * this.normal();
    return out;
  }

  /**
   * Fisher–Yates shuffle of `a` in place.
   *
   * @example
   * ```ts
   * const a = [0, 1, 2, 3, 4, 5];
   * new Rng(9).shuffleInPlace(a);
   * [...a].sort(); // => [0, 1, 2, 3, 4, 5]
   * ```
   */
  shuffleInPlace<T>(a: { length: number; [i: number]: T }): void {
    if (!Array.isArray(a) && !(ArrayBuffer.isView(a) && !(a instanceof DataView))) throw new EigenlabError("bad-input", message.rngArgument("Rng.shuffleInPlace", "a", "an array or typed array (shuffled in place)", a));
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}

function checkFill(fn: string, out: unknown, a: unknown, aName: string, b: unknown, bName: string): void {
  if (!(out instanceof Float64Array)) throw new EigenlabError("bad-input", message.rngArgument(fn, "out", "a Float64Array (filled in place and returned)", out));
  if (typeof a !== "number" || !Number.isFinite(a)) throw new EigenlabError("bad-option", message.rngArgument(fn, aName, "a finite number", a));
  if (typeof b !== "number" || !Number.isFinite(b)) throw new EigenlabError("bad-option", message.rngArgument(fn, bName, "a finite number", b));
}
