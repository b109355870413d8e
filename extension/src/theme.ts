/** Light/dark theme from JupyterLab's CSS variables, as a Vega config. Pure: the variable reader is injected. */

export type ReadCssVar = (name: string) => string;

/** JupyterLab marks the theme on <body data-jp-theme-light="true|false">. */
export function isDarkTheme(dataset: { jpThemeLight?: string } | undefined): boolean {
  return dataset?.jpThemeLight === "false";
}

/** A Vega config whose text, axis and grid colors follow the lab theme; background stays transparent. */
export function vegaThemeConfig(read: ReadCssVar): Record<string, unknown> {
  const v = (name: string, fallback: string) => read(name).trim() || fallback;
  const text = v("--jp-ui-font-color1", "#212121");
  const muted = v("--jp-ui-font-color2", "#616161");
  const grid = v("--jp-border-color2", "#e0e0e0");
  const font = v("--jp-ui-font-family", "sans-serif");
  return {
    background: null,
    font,
    title: { color: text, subtitleColor: muted },
    axis: { domainColor: muted, gridColor: grid, tickColor: muted, labelColor: muted, titleColor: text },
    legend: { labelColor: muted, titleColor: text },
    view: { stroke: grid },
  };
}

/** The value of CSS variable `name` as `node` sees it (the lab's theme variables). */
export function cssVar(node: HTMLElement, name: string): string {
  return getComputedStyle(node).getPropertyValue(name);
}

/** The colors a view draws with, read from the lab theme where the output sits. */
export interface ThemeColors {
  /** Canvas background and the 3-D axis triad's color (canvas views). */
  background: string;
  foreground: string;
  /** The Vega config of vegaThemeConfig (Vega views). */
  vega: Record<string, unknown>;
  /** Dark theme: dark tooltips. */
  dark: boolean;
}

export function themeColors(node: HTMLElement): ThemeColors {
  return {
    background: cssVar(node, "--jp-layout-color0").trim() || "#ffffff",
    foreground: cssVar(node, "--jp-ui-font-color2").trim() || "#616161",
    vega: vegaThemeConfig((name) => cssVar(node, name)),
    dark: isDarkTheme(document.body.dataset),
  };
}

/**
 * Calls `onChange` on the next animation frame after the lab theme changes (JupyterLab sets data-jp-theme-*
 * on <body>; the new theme's CSS variables are in place by then). Returns the function that stops watching.
 */
export function watchTheme(onChange: () => void): () => void {
  if (typeof MutationObserver === "undefined") return () => undefined;
  const observer = new MutationObserver(() => requestAnimationFrame(onChange));
  observer.observe(document.body, { attributes: true, attributeFilter: ["data-jp-theme-name", "data-jp-theme-light"] });
  return () => observer.disconnect();
}
