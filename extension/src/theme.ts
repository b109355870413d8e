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
