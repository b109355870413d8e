/** Spectrum -> `spectrum` payload. */
import { EigenlabError, Matrix, Spectrum } from "@eigenlab/core";
import { checkChoice, checkOptions } from "@eigenlab/core/base";
import { message } from "./messages";
import { encodeArray } from "./codec";
import { histogram } from "./histogram";
import { LIMITS } from "./limits";
import { payloadMeta } from "./meta";
import { bbpOverlay, eigengapOverlay, marchenkoPasturOverlay, powerLawOverlay } from "./overlays";
import type { PayloadMeta, SpectrumOverlay, SpectrumPayload } from "./payload";

export interface SpectrumPayloadOptions {
  /** "histogram" (ESD) or "scree"; default: scree below LIMITS.screeMaxValues eigenvalues. */
  view?: "histogram" | "scree";
  bins?: number;
  /** Draw the Marchenko–Pastur density and edges for this ratio p/n and noise variance. */
  marchenkoPastur?: { ratio: number; sigma2: number };
  /** Mark the BBP threshold at this eigenvalue. */
  bbpThreshold?: number;
  /** Draw a fitted power-law tail (e.g. the result of rmt.powerLawFit). */
  powerLaw?: { alpha: number; xmin: number; ks?: number };
  /** Mark the largest gap (true, the default for scree views), a given 0-based index, or none (false). */
  eigengap?: boolean | number;
  /** Include eigenvectors for linked recoloring (default true when n × k ≤ LIMITS.vectorEntries). */
  vectors?: boolean;
  /** n×2 coordinates for the linked embedding view (default: two eigenvector columns, see below). */
  coords?: Matrix;
  /** Labels of the n points. */
  labels?: ArrayLike<number>;
  title?: string;
}

const OPTIONS = ["view", "bins", "marchenkoPastur", "bbpThreshold", "powerLaw", "eigengap", "vectors", "coords", "labels", "title"] as const;

/**
 * The payload of a Spectrum (or of bare eigenvalues). Eigenvalues stay float64; eigenvectors go float32
 * (display precision, said in meta.displayPrecision). Default linked coordinates: for the largest
 * eigenvalues (meta.which "LA"/"LM", PCA-like) the top two eigenvectors; otherwise (Laplacians, smallest
 * first) eigenvectors 2 and 3, skipping the trivial constant one (Laplacian eigenmaps, Belkin & Niyogi 2003).
 */
export function spectrumPayload(spectrum: Spectrum | ArrayLike<number>, opts: SpectrumPayloadOptions = {}): SpectrumPayload {
  checkOptions("spectrumPayload", opts, OPTIONS);
  const isSpectrum = spectrum instanceof Spectrum;
  const values = isSpectrum ? spectrum.values : Float64Array.from(spectrum);
  if (values.length === 0) throw new EigenlabError("empty", message.empty("The spectrum"));
  const k = values.length;
  const view = opts.view === undefined ? (k < LIMITS.screeMaxValues ? "scree" : "histogram") : checkChoice("spectrumPayload", "view", opts.view, ["histogram", "scree"] as const);
  const overlays: SpectrumOverlay[] = [];
  if (opts.marchenkoPastur) overlays.push(marchenkoPasturOverlay(opts.marchenkoPastur.ratio, opts.marchenkoPastur.sigma2));
  if (opts.bbpThreshold !== undefined) overlays.push(bbpOverlay(opts.bbpThreshold));
  if (opts.powerLaw) overlays.push(powerLawOverlay(values, opts.powerLaw));
  const gapWanted = opts.eigengap ?? view === "scree";
  if (gapWanted !== false) {
    const g = eigengapOverlay(values, typeof gapWanted === "number" ? gapWanted : undefined);
    if (g) overlays.push(g);
  }
  const extra: PayloadMeta = {};
  if (opts.title) extra.title = opts.title;
  const payload: SpectrumPayload = {
    kind: "spectrum",
    version: 1,
    data: { values: encodeArray(values, "float64"), view, histogram: histogram(values, opts.bins), overlays },
    meta: {},
  };
  const notes: string[] = [];
  if (isSpectrum) {
    // eigh computes residuals only on request: an empty array means "not computed".
    if (spectrum.residuals.length === k) payload.data.residuals = encodeArray(spectrum.residuals, "float64");
    const V = spectrum.vectors;
    const wantVectors = opts.vectors ?? true;
    if (wantVectors && V.rows * V.cols > LIMITS.vectorEntries) {
      notes.push(`eigenvectors omitted: ${V.rows} × ${V.cols} is above the display limit of ${LIMITS.vectorEntries} entries`);
    } else if (wantVectors && V.rows > 0 && V.cols === k) {
      payload.data.vectors = encodeArray(V.data, "float32", [V.rows, V.cols]);
      extra.displayPrecision = "float32";
      const chosen = opts.coords ? undefined : defaultCoords(V, spectrum.meta.which);
      const coords = opts.coords ?? chosen?.coords;
      if (coords) payload.data.coords = encodeArray(coords.data, "float32", [coords.rows, 2]);
      if (chosen) payload.data.coordNames = chosen.columns.map((j) => `eigenvector ${j + 1} (λ = ${Number(values[j].toPrecision(4))})`);
    }
  }
  if (opts.coords && !payload.data.coords) {
    if (opts.coords.cols !== 2) throw new EigenlabError("shape", message.shape([opts.coords.rows, 2], opts.coords.data.length));
    payload.data.coords = encodeArray(opts.coords.data, "float32", [opts.coords.rows, 2]);
  }
  if (opts.labels) {
    const n = payload.data.coords?.shape[0] ?? payload.data.vectors?.shape[0] ?? opts.labels.length;
    if (opts.labels.length !== n) throw new EigenlabError("shape", message.length("labels", opts.labels.length, n));
    payload.data.labels = encodeArray(opts.labels, "int32");
  }
  if (notes.length) extra.notes = notes;
  payload.meta = payloadMeta(isSpectrum ? spectrum.meta : undefined, extra);
  return payload;
}

/** The two eigenvector columns drawn as the linked points' x and y, and the n × 2 coordinates. */
function defaultCoords(V: Matrix, which: unknown): { coords: Matrix; columns: [number, number] } | undefined {
  const k = V.cols;
  if (k < 2) return undefined;
  const largestFirst = which === "LA" || which === "LM";
  const [a, b] = largestFirst ? [k - 1, k - 2] : k >= 3 ? [1, 2] : [0, 1];
  const out = new Float64Array(V.rows * 2);
  for (let i = 0; i < V.rows; i++) {
    out[2 * i] = V.data[i * k + a];
    out[2 * i + 1] = V.data[i * k + b];
  }
  return { coords: new Matrix(V.rows, 2, out), columns: [a, b] };
}
