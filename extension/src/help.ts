/**
 * The front-end plugin of @eigenlab/jupyterlab: "Eigenlab reference" in the Help menu and the command palette.
 * It opens the API reference (TypeDoc, built by `npm run docs`, served at <base>/eigenlab/reference/ by the
 * lab of `npm start`) in a main-area tab. Links from a reference page to an example notebook open the notebook
 * in the lab (the docmanager), not inside the frame.
 */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { ICommandPalette, IFrame, MainAreaWidget } from "@jupyterlab/apputils";
import { PageConfig, URLExt } from "@jupyterlab/coreutils";
import { IMainMenu } from "@jupyterlab/mainmenu";

export const REFERENCE_COMMAND = "eigenlab:open-reference";
const NOTEBOOK_LINK = /\/lab\/tree\/(.+\.ipynb)$/;

/** The reference's URL on this server (`page` relative to its root, e.g. "functions/graph.knn.html"). */
export function referenceUrl(page = "index.html"): string {
  return URLExt.join(PageConfig.getBaseUrl(), "eigenlab/reference", page);
}

function openReference(app: JupyterFrontEnd, page?: string): MainAreaWidget<IFrame> {
  // Scripts and same-origin: TypeDoc's navigation and search are scripts, and the click hook below reads the
  // frame's document. The pages are our own, served by this server, so this grants nothing to a third party.
  const frame = new IFrame({ sandbox: ["allow-scripts", "allow-same-origin", "allow-popups"] });
  frame.url = referenceUrl(page);
  const widget = new MainAreaWidget({ content: frame });
  widget.id = `eigenlab-reference-${Date.now()}`;
  widget.title.label = "Eigenlab reference";
  widget.title.closable = true;
  const iframe = frame.node.querySelector("iframe");
  iframe?.addEventListener("load", () => {
    iframe.contentDocument?.addEventListener("click", (event) => {
      const a = (event.target as Element | null)?.closest?.("a");
      const match = a?.href ? NOTEBOOK_LINK.exec(new URL(a.href).pathname) : null;
      if (!match) return;
      event.preventDefault();
      void app.commands.execute("docmanager:open", { path: decodeURIComponent(match[1]) });
    });
  });
  app.shell.add(widget, "main");
  return widget;
}

const plugin: JupyterFrontEndPlugin<void> = {
  id: "@eigenlab/jupyterlab:reference",
  description: 'Adds "Eigenlab reference" (the API reference of the spectral DSL) to the Help menu.',
  autoStart: true,
  requires: [IMainMenu],
  optional: [ICommandPalette],
  activate: (app: JupyterFrontEnd, mainMenu: IMainMenu, palette: ICommandPalette | null) => {
    app.commands.addCommand(REFERENCE_COMMAND, {
      label: "Eigenlab reference",
      caption: "The API reference of @eigenlab/core: every function with its options and examples",
      execute: (args) => openReference(app, typeof args.page === "string" ? args.page : undefined),
    });
    mainMenu.helpMenu.addGroup([{ command: REFERENCE_COMMAND }], 5);
    palette?.addItem({ command: REFERENCE_COMMAND, category: "Help" });
  },
};

export default plugin;
