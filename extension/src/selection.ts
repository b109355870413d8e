/**
 * Selections back to the kernel (issue #13): a lasso in a point view, or a clicked eigenvalue, raises a DOM
 * event (SELECTION_EVENT) that bubbles from the view; the renderer tags it with its output's view id (the
 * kernel's display id, in the output metadata); this plugin — the one piece that sees notebooks and their
 * kernels — sends it on a comm to the kernel's "eigenlab.selection" target, where `handle.selection()` and
 * `handle.onSelect(cb)` read it. Outputs shown without a view id (a cell's last value) stay browser-only.
 */

/** The event a view raises on a selection. */
export const SELECTION_EVENT = "eigenlab-selection";
/** The kernel's comm target. */
export const SELECTION_TARGET = "eigenlab.selection";

export interface SelectionDetail {
  kind: "lasso" | "eigenvalue";
  /** Lasso: the selected point indices (ascending; empty when cleared). */
  indices?: number[];
  /** Eigenvalue: the clicked eigenvalue's index. */
  index?: number;
  /** Set by the renderer. */
  view?: string;
}

/** The view id an output's metadata carries (under our MIME type), if any. */
export function viewIdOf(meta: unknown): string | undefined {
  const v = (meta as { view?: unknown } | undefined)?.view;
  return typeof v === "string" && v !== "" ? v : undefined;
}

// The few members of JupyterLab's objects used here, structurally (the plugin needs no JupyterLab token).
interface Comm {
  open(data?: unknown): unknown;
  send(data: unknown): unknown;
  onClose: ((msg: unknown) => void) | undefined;
}
interface Kernel {
  id: string;
  isDisposed?: boolean;
  createComm(target: string): Comm;
}
interface PanelLike {
  node: HTMLElement;
  sessionContext?: { session?: { kernel?: Kernel | null } | null };
}
export interface AppLike {
  shell: { widgets(area: string): Iterable<PanelLike> };
}

/** Sends the events raised in notebook panels to their kernels, one comm per kernel. */
export function bridgeSelections(app: AppLike, root: Document = document): () => void {
  const comms = new Map<string, Comm>();
  const onSelection = (e: Event) => {
    const detail = (e as CustomEvent<SelectionDetail>).detail;
    if (!detail?.view || !(e.target instanceof Element)) return;
    const panelNode = e.target.closest(".jp-NotebookPanel");
    if (!panelNode) return;
    let kernel: Kernel | null | undefined;
    for (const w of app.shell.widgets("main")) {
      if (w.node === panelNode) kernel = w.sessionContext?.session?.kernel;
    }
    if (!kernel || kernel.isDisposed) return;
    let comm = comms.get(kernel.id);
    if (!comm) {
      comm = kernel.createComm(SELECTION_TARGET);
      comm.open({});
      const id = kernel.id;
      comm.onClose = () => comms.delete(id);
      comms.set(id, comm);
    }
    comm.send({ ...detail });
  };
  root.addEventListener(SELECTION_EVENT, onSelection);
  return () => root.removeEventListener(SELECTION_EVENT, onSelection);
}

/** The JupyterLab plugin (the package's "extension" entry, beside the MIME renderer). */
const plugin = {
  id: "@eigenlab/jupyterlab:selections",
  description: "Sends lasso selections and clicked eigenvalues of Eigenlab outputs to the kernel.",
  autoStart: true,
  activate: (app: AppLike): void => {
    bridgeSelections(app);
  },
};

export default plugin;
