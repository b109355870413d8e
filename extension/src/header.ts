/**
 * The DOM around an output's panels: the header (kind, title, log-scale and 3-D toggles, the "color by" menu),
 * the note of a linked output's coloring, the provenance badge and the error box. What each control does is
 * the renderer's (`HeaderActions`); what the header offers is the plan's (plan.ts).
 */
import type { Payload } from "@eigenlab/viz/browser";
import { provenanceItems } from "./badge";
import type { Plan, ViewState } from "./plan";

export interface HeaderActions {
  /** A header checkbox changed one boolean of the view state. */
  toggle(key: "logScale" | "threeD", checked: boolean): void;
  /** The "color by" menu chose eigenvector `value` (undefined: the payload's own coloring). */
  colorBy(value: number | undefined): void;
}

export function header(p: Payload, plan: Plan, state: ViewState, actions: HeaderActions): HTMLElement {
  const bar = document.createElement("div");
  bar.className = "eigenlab-header";
  const kind = document.createElement("span");
  kind.className = "eigenlab-kind";
  kind.textContent = p.kind;
  bar.appendChild(kind);
  if (p.meta.title) {
    const title = document.createElement("span");
    title.className = "eigenlab-title";
    title.textContent = p.meta.title;
    bar.appendChild(title);
  }
  // A header checkbox bound to one boolean of the view state.
  const toggle = (key: "logScale" | "threeD", className: string, text: string, title?: string): void => {
    const label = document.createElement("label");
    if (title) label.title = title;
    const box = document.createElement("input");
    box.type = "checkbox";
    box.className = className;
    box.checked = state[key];
    box.addEventListener("change", () => actions.toggle(key, box.checked));
    label.append(box, text);
    bar.appendChild(label);
  };
  if (plan.logToggle) toggle("logScale", "eigenlab-log", " log scale");
  if (plan.threeDToggle) toggle("threeD", "eigenlab-3d-toggle", " 3-D", "3-D: drag to rotate; 2-D: the first two coordinates, the third as color");
  if (plan.colorChoices.length) {
    const label = document.createElement("label");
    label.append("color by ");
    const select = document.createElement("select");
    select.className = "eigenlab-colorby";
    for (const c of plan.colorChoices) {
      const o = document.createElement("option");
      o.value = c.value === undefined ? "" : String(c.value);
      o.textContent = c.label;
      select.appendChild(o);
    }
    select.value = state.colorBy === undefined ? "" : String(state.colorBy);
    // A spectrum without labels starts colored by its first non-trivial eigenvector (viz's default column).
    if (select.value === "" && select.selectedIndex < 0 && !state.linkedColor) select.selectedIndex = Math.min(1, select.options.length - 1);
    select.addEventListener("change", () => actions.colorBy(select.value === "" ? undefined : Number(select.value)));
    label.appendChild(select);
    bar.appendChild(label);
    if (plan.linked) {
      const hint = document.createElement("span");
      hint.className = "eigenlab-hint";
      hint.textContent = "click an eigenvalue to color by its eigenvector";
      bar.appendChild(hint);
    }
  }
  return bar;
}

/** The line above the panels that says which linked output colors this one. */
export function linkedNote(text: string): HTMLElement {
  const note = document.createElement("div");
  note.className = "eigenlab-linked-note";
  note.textContent = text;
  return note;
}

/** The provenance badge under the panels: the payload's meta as label/value pairs (badge.ts). */
export function badge(p: Payload): HTMLElement {
  const el = document.createElement("div");
  el.className = "eigenlab-badge";
  el.title = "provenance of this result";
  for (const item of provenanceItems(p.meta)) {
    const span = document.createElement("span");
    span.className = "eigenlab-badge-item";
    const k = document.createElement("b");
    k.textContent = item.label;
    span.append(k, ` ${item.value}`);
    el.appendChild(span);
  }
  return el;
}

/** A message in place of a chart (red, from the stylesheet); `alert` makes assistive tools announce it. */
export function errorBox(text: string, alert = false): HTMLElement {
  const box = document.createElement("div");
  box.className = "eigenlab-error";
  if (alert) box.setAttribute("role", "alert");
  box.textContent = text;
  return box;
}
