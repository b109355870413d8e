/**
 * @eigenlab/jupyterlab — the JupyterLab 4 MIME renderer extension for Eigenlab results (the mimerenderer
 * pattern of JupyterLab's vega5-extension): one renderer factory for `application/vnd.eigenlab.v1+json`.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { EigenlabRenderer } from "./renderer";

export const MIME_TYPE = "application/vnd.eigenlab.v1+json";

export const rendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [MIME_TYPE],
  createRenderer: (options) => new EigenlabRenderer(options),
};

const extension: IRenderMime.IExtension = {
  id: "@eigenlab/jupyterlab:renderer",
  description: "Draws Eigenlab spectra, embeddings, cluster maps, graphs, matrices and curves.",
  rendererFactory,
  // Below the Vega-Lite renderer's rank (57), so our MIME type wins when a bundle carries both.
  rank: 50,
  dataType: "json",
};

export default extension;
