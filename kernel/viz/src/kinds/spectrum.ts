/**
 * The `spectrum` display kind: eigenvalues (or singular values) as an ESD histogram or a scree plot with
 * theory overlays, and — when the payload carries eigenvectors and point coordinates — the points beside it,
 * recolored by the eigenvector of a clicked eigenvalue. Results mapped onto it: Spectrum, rmt.Esd,
 * rmt.MarchenkoPasturFit / rmt.Spikes, rmt.PowerLawFit, linalg.SvdResult (kinds/results.ts).
 */
import { decodeArray } from "../codec";
import type { SpectrumPayload, SpikesOverlay } from "../payload";
import { colorByEigenvector, column, defaultColorColumn, round, scatterSpec, shownNote, top } from "../spec";
import type { Json, ScatterPoints, SpecOptions } from "../spec";
import { eigenvectorChoices, g, panelWidth, plural, withLinkedColor, withSchema } from "./kind";
import type { DisplayKind, LinkedColor } from "./kind";

const RED = "#d62728";
const GREY = "#7f7f7f";
const PURPLE = "#9467bd";
const ORANGE = "#ff7f0e";
const MAGENTA = "#e7298a";
const MP_LAW = "Marchenko–Pastur density";
const MP_EDGES = "Marchenko–Pastur edges λ±";
const SPIKES = "spike";
const RUG = "eigenvalue (click to color by its eigenvector)";

/**
 * The legend of a spectrum's overlays: each overlay layer colors its mark through one shared nominal color
 * scale whose domain lists the overlays drawn, so every overlay line, band and marker gets a legend entry
 * (a mark's own `color` would draw it without one). `finish()` writes the whole domain and range into
 * every entry, which is how Vega-Lite merges one scale across layers.
 */
class OverlayLegend {
  private readonly names: string[] = [];
  private readonly colors: string[] = [];
  private readonly entries: Json[] = [];

  entry(name: string, color: string): Json {
    if (!this.names.includes(name)) {
      this.names.push(name);
      this.colors.push(color);
    }
    const e: Json = { datum: name, type: "nominal" };
    this.entries.push(e);
    return e;
  }

  finish(): void {
    for (const e of this.entries) {
      e.scale = { domain: this.names, range: this.colors };
      e.legend = { title: null, orient: "bottom", direction: "vertical", labelLimit: 0 };
    }
  }
}

/** Integer index ticks 1..k, thinned to at most 10 on a 1-2-5 step. */
function indexTicks(k: number): number[] {
  const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].find((s) => k / s <= 10) ?? Math.ceil(k / 10);
  const out: number[] = [];
  for (let i = step === 1 ? 1 : step; i <= k; i += step) out.push(i);
  if (step > 1) out.unshift(1);
  return out;
}

/** Spectrum chart: ESD histogram or scree plot, with theory overlays. A layer spec (no $schema). */
export function spectrumLayers(p: SpectrumPayload, opts: SpecOptions = {}): Json {
  const values = decodeArray(p.data.values);
  const decoded = p.data.residuals ? decodeArray(p.data.residuals) : undefined;
  const residuals = decoded && decoded.length === values.length ? decoded : undefined;
  const width = opts.width ?? 360;
  const height = opts.height ?? 240;
  const name = p.data.valueName ?? "eigenvalue";
  // Log axes that the payload asks for (a heavy-tailed ESD) win over the view's symlog toggle.
  const xLog = p.data.view === "histogram" && p.data.xScale === "log";
  const yLog = p.data.view === "histogram" && p.data.yScale === "log";
  const yScale = yLog ? { type: "log" } : opts.logScale ? { type: "symlog" } : {};
  const xScale = xLog ? { type: "log" } : {};
  // On a log axis, points at or below 0 have no position: leave them out rather than let Vega drop them with a warning.
  const onAxes = (x: number, y: number) => (!xLog || x > 0) && (!yLog || y > 0);
  const layers: Json[] = [];
  const legend = new OverlayLegend();
  const linkable = !!p.data.vectors;
  if (p.data.view === "histogram") {
    const h = p.data.histogram;
    const bars = h.counts.map((c, b) => ({ lo: round(h.edges[b]), hi: round(h.edges[b + 1]), count: c, density: round(h.density[b]) })).filter((b) => onAxes(b.lo, b.density));
    // A log axis has no 0 to grow bars from: they start at the power of ten below the smallest bar.
    const floor = yLog && bars.length ? 10 ** Math.floor(Math.log10(Math.min(...bars.map((b) => b.density)))) : undefined;
    layers.push({
      data: { values: bars },
      mark: { type: "bar", color: "#4c78a8", opacity: 0.85 },
      encoding: {
        x: { field: "lo", type: "quantitative", title: name, ...(xLog ? { scale: xScale } : { bin: { binned: true } }) },
        x2: { field: "hi" },
        y: { field: "density", type: "quantitative", title: "density", scale: yScale },
        ...(floor !== undefined ? { y2: { datum: floor } } : {}),
        tooltip: [
          { field: "lo", title: "from", format: ".4g" },
          { field: "hi", title: "to", format: ".4g" },
          { field: "count", title: `${name}s` },
        ],
      },
    });
    if (linkable) {
      // A rug of every eigenvalue, each clickable to recolor the linked points by its eigenvector.
      layers.push({
        data: { values: Array.from(values, (v, i) => ({ index: i, value: round(v) })) },
        // y at the plot's bottom edge: a tick without a y channel sits mid-height, and an offset from there
        // left the rug floating below the chart (issue #18).
        mark: { type: "tick", thickness: 2, size: 10, cursor: "pointer" },
        encoding: {
          x: { field: "value", type: "quantitative" },
          y: { value: height - 5 },
          color: legend.entry(RUG, "#222222"),
          tooltip: [{ field: "index", title: "index" }, { field: "value", title: name, format: ".6g" }],
        },
      });
    }
    for (const o of p.data.overlays) {
      if (o.type === "marchenko-pastur") {
        layers.push({
          data: { values: o.x.map((x, i) => ({ x: round(x), y: round(o.y[i]), curve: "Marchenko–Pastur" })).filter((d) => onAxes(d.x, d.y)) },
          mark: { type: "line", strokeWidth: 2 },
          encoding: { x: { field: "x", type: "quantitative", scale: xScale }, y: { field: "y", type: "quantitative", scale: yScale }, color: legend.entry(MP_LAW, RED), tooltip: [{ field: "curve" }] },
        });
        layers.push(verticalRules([{ at: o.lower, label: "λ₋" }, { at: o.upper, label: "λ₊" }].filter((r) => onAxes(r.at, 1)), legend.entry(MP_EDGES, RED), [4, 3]));
      } else if (o.type === "bbp-threshold") {
        layers.push(verticalRules([{ at: o.value, label: o.label }], legend.entry(o.label, PURPLE), [6, 3]));
      } else if (o.type === "power-law") {
        layers.push({
          data: { values: o.x.map((x, i) => ({ x: round(x), y: round(o.y[i]), curve: `power law α = ${round(o.alpha)}` })).filter((d) => onAxes(d.x, d.y)) },
          mark: { type: "line", strokeWidth: 2 },
          encoding: { x: { field: "x", type: "quantitative", scale: xScale }, y: { field: "y", type: "quantitative", scale: yScale }, color: legend.entry(`power law α = ${round(o.alpha)}`, ORANGE), tooltip: [{ field: "curve" }] },
        });
        layers.push(verticalRules([{ at: o.xmin, label: `xmin (α = ${round(o.alpha)}${o.ks !== undefined ? `, KS ${round(o.ks)}` : ""})` }], legend.entry("power-law x_min", ORANGE), [3, 3]));
      } else if (o.type === "eigengap") {
        layers.push(verticalRules([{ at: (values[o.index] + values[o.index + 1]) / 2, label: `${gapName(name)} after #${o.index + 1}` }], legend.entry(`${gapName(name)} after #${o.index + 1}`, GREY), [2, 2]));
      } else if (o.type === "spikes") {
        // Spikes sit far out in sparse bins: a marker on the axis under each one says where they are.
        layers.push({
          data: { values: spikeRows(o) },
          mark: { type: "point", shape: "triangle-up", filled: true, size: 90, opacity: 1 },
          encoding: { x: { field: "value", type: "quantitative", scale: xScale }, y: { value: height - 5 }, color: legend.entry(SPIKES, MAGENTA), tooltip: spikeTooltip(o, name) },
        });
      }
    }
  } else {
    const rows = Array.from(values, (v, i) => {
      const r: Json = { index: i, rank: i + 1, value: round(v) };
      if (residuals) r.residual = Number(residuals[i].toExponential(2));
      return r;
    });
    const tooltip: Json[] = [{ field: "rank", title: "#" }, { field: "value", title: name, format: ".6g" }];
    if (residuals) tooltip.push({ field: "residual", title: "residual", format: ".2e" });
    for (const o of p.data.overlays) {
      if (o.type === "marchenko-pastur") {
        layers.push({
          data: { values: [{ lo: round(o.lower), hi: round(o.upper), label: "Marchenko–Pastur bulk" }] },
          mark: { type: "rect", opacity: 0.12 },
          encoding: { y: { field: "lo", type: "quantitative" }, y2: { field: "hi" }, color: legend.entry("Marchenko–Pastur bulk", RED), tooltip: [{ field: "label" }] },
        });
      } else if (o.type === "bbp-threshold") {
        layers.push({
          data: { values: [{ at: round(o.value), label: o.label }] },
          mark: { type: "rule", strokeDash: [6, 3] },
          encoding: { y: { field: "at", type: "quantitative" }, color: legend.entry(o.label, PURPLE), tooltip: [{ field: "label" }, { field: "at", format: ".4g" }] },
        });
      } else if (o.type === "eigengap") {
        layers.push({
          data: { values: [{ at: o.index + 1.5, label: `${gapName(name)} after #${o.index + 1}`, gap: round(o.gap) }] },
          mark: { type: "rule", strokeDash: [2, 2] },
          encoding: { x: { field: "at", type: "quantitative" }, color: legend.entry(`${gapName(name)} after #${o.index + 1}`, GREY), tooltip: [{ field: "label" }, { field: "gap", format: ".4g" }] },
        });
      }
    }
    layers.push({
      data: { values: rows },
      mark: { type: "line", color: "#4c78a8", point: { filled: true, size: 50, cursor: linkable ? "pointer" : "default" } },
      encoding: {
        // Integer ticks given outright: vega-lite 5.23 drops axis.tickMinStep when compiling, so 2 values drew
        // ticks 1.0, 1.2, …, 2.0 (issue #18). The domain pads half a step so the end points are not on the edge.
        x: { field: "rank", type: "quantitative", title: "index", scale: { domain: [0.5, values.length + 0.5], nice: false, zero: false }, axis: { values: indexTicks(values.length), format: "d" } },
        y: { field: "value", type: "quantitative", title: name, scale: { zero: false, ...yScale } },
        tooltip,
      },
    });
    for (const o of p.data.overlays) {
      if (o.type !== "spikes") continue;
      // Ring the scree points that are spikes (matched by value: the overlay lists some of `values`).
      const rank = new Map(Array.from(values, (v, i) => [v, i + 1] as const));
      layers.push({
        data: { values: spikeRows(o).map((r) => ({ ...r, rank: rank.get(o.values[r.i]) ?? null })).filter((r) => r.rank !== null) },
        mark: { type: "point", size: 160, strokeWidth: 2 },
        encoding: { x: { field: "rank", type: "quantitative" }, y: { field: "value", type: "quantitative" }, color: legend.entry(SPIKES, MAGENTA), tooltip: spikeTooltip(o, name) },
      });
    }
  }
  legend.finish();
  return { width, height, layer: layers };
}

function gapName(valueName: string): string {
  return valueName === "eigenvalue" ? "eigengap" : "largest gap";
}

function spikeRows(o: SpikesOverlay): { i: number; value: number; population?: number; overlap?: number }[] {
  return o.values.map((v, i) => {
    const r: { i: number; value: number; population?: number; overlap?: number } = { i, value: round(v) };
    if (o.population && Number.isFinite(o.population[i])) r.population = round(o.population[i]);
    if (o.overlaps && Number.isFinite(o.overlaps[i])) r.overlap = round(o.overlaps[i]);
    return r;
  });
}

function spikeTooltip(o: SpikesOverlay, name: string): Json[] {
  const t: Json[] = [{ field: "value", title: `spike ${name}`, format: ".6g" }];
  if (o.population) t.push({ field: "population", title: "population estimate", format: ".4g" });
  if (o.overlaps) t.push({ field: "overlap", title: "overlap cos²", format: ".3f" });
  return t;
}

function verticalRules(rules: { at: number; label: string }[], color: Json, dash: number[]): Json {
  return {
    data: { values: rules.map((r) => ({ at: round(r.at), label: r.label })) },
    mark: { type: "rule", strokeDash: dash, strokeWidth: 1.5 },
    encoding: { x: { field: "at", type: "quantitative" }, color, tooltip: [{ field: "label" }, { field: "at", format: ".4g" }] },
  };
}

/** The linked points of a spectrum payload (coords), colored by eigenvector `colorBy`. */
export function spectrumPoints(p: SpectrumPayload, colorBy?: number): ScatterPoints | undefined {
  if (!p.data.coords) return undefined;
  const c = decodeArray(p.data.coords);
  const n = p.data.coords.shape[0];
  const pts: ScatterPoints = { x: column(c, n, 2, 0), y: column(c, n, 2, 1), xName: p.data.coordNames?.[0], yName: p.data.coordNames?.[1] };
  if (p.data.labels && colorBy === undefined) {
    pts.labels = decodeArray(p.data.labels);
    pts.colorName = "label";
  } else if (p.data.vectors) {
    colorByEigenvector(pts, p.data.vectors, n, colorBy ?? defaultColorColumn(p.data.vectors.shape[1]));
  }
  return pts;
}

/**
 * The spectrum chart with the linked points beside it (when the payload has coordinates): the one layout of
 * both the notebook's spec and the lab's view. `size` gives the chart's and the points' spec options once it
 * is known whether there are points (the lab halves its width for two panels).
 */
function chartAndPoints(
  p: SpectrumPayload,
  colorBy: number | undefined,
  linkedColor: LinkedColor | undefined,
  size: (withPoints: boolean) => { chart: SpecOptions; points: SpecOptions },
): { chart: Json; points?: ScatterPoints; pointsOptions: SpecOptions } {
  const own = spectrumPoints(p, colorBy);
  const points = own && withLinkedColor(own, linkedColor);
  const s = size(!!points);
  return { chart: spectrumLayers(p, s.chart), points, pointsOptions: s.points };
}

export const spectrum: DisplayKind<SpectrumPayload> = {
  kind: "spectrum",
  arrays: ["values"],
  missing: (data) => (!data.histogram || !Array.isArray(data.overlays) ? "histogram" : undefined),

  spec(p, opts) {
    const { chart, points, pointsOptions } = chartAndPoints(p, opts.colorBy, undefined, () => ({ chart: opts, points: { ...opts, width: 300, height: opts.height ?? 240 } }));
    if (!points) return top(chart, p.meta);
    const sc = scatterSpec(points, pointsOptions);
    return top({ hconcat: [chart, sc.spec], resolve: { scale: { color: "independent" } } }, p.meta, shownNote(sc.shown, sc.total));
  },

  text(p) {
    const v = decodeArray(p.data.values);
    const k = v.length;
    const name = p.data.valueName ?? "eigenvalue";
    const head = k <= 8 ? Array.from(v, g).join(", ") : `${Array.from(v.subarray(0, 4), g).join(", ")}, …, ${Array.from(v.subarray(k - 3), g).join(", ")}`;
    const over = p.data.overlays.map((o) =>
      o.type === "marchenko-pastur" ? `Marchenko–Pastur edges [${g(o.lower)}, ${g(o.upper)}]`
      : o.type === "bbp-threshold" ? `${o.label} ${g(o.value)}`
      : o.type === "power-law" ? `power law α = ${g(o.alpha)} for x ≥ ${g(o.xmin)}`
      : o.type === "spikes" ? `${o.values.length} spike${plural(o.values.length)}${o.values.length ? ` at ${o.values.map(g).join(", ")}` : ""}`
      : `largest gap ${g(o.gap)} after ${name} ${o.index + 1}`);
    return `Spectrum of ${k} ${name}${plural(k)} [${head}]${over.length ? `; ${over.join("; ")}` : ""}`;
  },

  view(p, state) {
    const width = panelWidth(state);
    const { chart, points, pointsOptions } = chartAndPoints(p, state.colorBy, state.linkedColor, (withPoints) => {
      const half = withPoints ? Math.max(240, Math.floor(width / 2) - 20) : width;
      return { chart: { logScale: state.logScale, width: half, height: 260 }, points: { width: half } };
    });
    const linked = !!(points && p.data.vectors);
    return {
      panels: [{ role: "spectrum", spec: withSchema(chart) }, ...(points ? [{ role: "points" as const, points, width: pointsOptions.width! }] : [])],
      logToggle: true,
      colorChoices: linked ? eigenvectorChoices(decodeArray(p.data.values), p.data.labels ? "labels" : undefined) : [],
      linked,
      threeDToggle: false,
    };
  },

  linkTarget: (p) => p.data.coords?.shape[0] ?? 0,
  eigenpairs: (p) => ({ values: decodeArray(p.data.values), vectors: p.data.vectors }),
};
