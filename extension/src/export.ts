/**
 * The export toolbar of a panel: "PNG" and "SVG" buttons that download the view as a file named
 * `eigenlab-<kind>.<ext>`. Vega panels export both (Vega's own renderers, so the file is the chart as drawn,
 * in the lab's theme colors); WebGL panels export PNG only (a pixel buffer has no vector form).
 */

export type ImageFormat = "png" | "svg";

/** What a panel can export: a data/blob URL per format it supports. */
export type Exporter = Partial<Record<ImageFormat, () => Promise<string>>>;

/** Starts a download of `url` as `filename` (an <a download> click: what the browser saves). */
export function download(url: string, filename: string): void {
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** The toolbar: one button per format; a format the panel cannot export is shown disabled with the reason. */
export function exportToolbar(exporter: Exporter, basename: string): HTMLElement {
  const bar = document.createElement("div");
  bar.className = "eigenlab-export";
  for (const format of ["png", "svg"] as const) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = `eigenlab-export-${format}`;
    button.textContent = format.toUpperCase();
    const make = exporter[format];
    if (!make) {
      button.disabled = true;
      button.title = `${format.toUpperCase()} export is not available for this view (WebGL views export PNG)`;
    } else {
      button.title = `Download this chart as ${format.toUpperCase()}`;
      button.addEventListener("click", () => {
        button.disabled = true;
        make()
          .then((url) => download(url, `${basename}.${format}`))
          .catch((err: Error) => {
            button.title = `Export failed: ${err.message}`;
          })
          .finally(() => {
            button.disabled = false;
          });
      });
    }
    bar.appendChild(button);
  }
  return bar;
}

/** An ImageData (what regl-scatterplot's export() returns) on a canvas of its size, to draw or encode. */
export function imageDataCanvas(image: ImageData): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  canvas.getContext("2d")!.putImageData(image, 0, 0);
  return canvas;
}
