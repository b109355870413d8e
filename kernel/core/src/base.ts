/**
 * `@eigenlab/core/base` — the browser-safe entry of @eigenlab/core: errors, user-facing messages, option and
 * number checks, the seeded generator, the provenance helpers and the closed-form spiked-model formulas. Every
 * module it loads is a leaf of core (no `Matrix`, no WASM runtime, no Node built-in), so a browser bundle (the
 * JupyterLab renderer, viz's browser entry) can import it without pulling Node-only code. The names are the
 * same objects the main barrel exports.
 */
export { EigenlabError, ConvergenceError } from "./errors";
export type { ErrorCode } from "./errors";
export { message } from "./messages";
export {
  checkFinite,
  checkDimension,
  checkTolerance,
  checkK,
  checkLabelNames,
  SYMMETRY_RTOL,
} from "./validate/checks";
export { checkOptions, checkChoice, opt } from "./validate/options";
export type { OptionSpec, OptionSchema } from "./validate/options";
export { quote } from "./validate/describe";
export { positiveInteger, nonNegativeInteger, positiveNumber, probability } from "./validate/numbers";
export { Rng, checkSeed } from "./random";
export { VERSION, hashArrays } from "./meta";
export type { ResultMeta } from "./meta";
export { populationEigenvalue, spikeOverlap } from "./rmt/bbp";
