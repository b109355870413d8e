/**
 * Selections that flow back to the kernel (issue #13), as jupyter-scatter's `selection()` does for Python:
 * the lab extension sends each lasso selection and clicked eigenvalue of an output on a comm to the
 * "eigenlab.selection" target, tagged with the output's view id (the display id `display()` gave it), and
 * `handle.selection()` / `handle.clicked()` / `handle.onSelect(cb)` read them in later cells.
 */
import { commManager } from "./comm";

export const SELECTION_TARGET = "eigenlab.selection";

/** One selection event of a view. */
export interface Selection {
  kind: "lasso" | "eigenvalue";
  /** The view's selected point indices, ascending (empty when cleared). */
  indices: number[];
  /** The clicked eigenvalue's index, or null before any click. */
  index: number | null;
}

interface ViewState {
  indices: number[];
  index: number | null;
  listeners: ((s: Selection) => void)[];
}

const views = new Map<string, ViewState>();

function stateOf(view: string): ViewState {
  let s = views.get(view);
  if (!s) {
    s = { indices: [], index: null, listeners: [] };
    views.set(view, s);
  }
  return s;
}

/** Accepts the extension's comm (one per kernel connection; any number may be open). */
export function installSelectionTarget(): void {
  commManager().register(SELECTION_TARGET, (c) => {
    c.onMsg((m) => {
      const d = m.data as { view?: unknown; kind?: unknown; indices?: unknown; index?: unknown };
      if (typeof d.view !== "string") return;
      const st = stateOf(d.view);
      let kind: Selection["kind"];
      if (d.kind === "lasso" && Array.isArray(d.indices)) {
        st.indices = d.indices.map(Number).filter((i) => Number.isInteger(i) && i >= 0);
        kind = "lasso";
      } else if (d.kind === "eigenvalue" && Number.isInteger(d.index)) {
        st.index = Number(d.index);
        kind = "eigenvalue";
      } else {
        return;
      }
      const sel: Selection = { kind, indices: st.indices.slice(), index: st.index };
      for (const cb of st.listeners) cb(sel);
    });
  });
}

export function selectionOf(view: string): number[] {
  return views.get(view)?.indices.slice() ?? [];
}

export function clickedOf(view: string): number | null {
  return views.get(view)?.index ?? null;
}

export function onSelectOf(view: string, cb: (s: Selection) => void): void {
  stateOf(view).listeners.push(cb);
}
