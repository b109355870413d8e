/**
 * The notebook's progress line for long operations (issues #11, #13: io reads, kNN graphs, eigsh, walk
 * embeddings; the fraction done, the rate and the time left): @eigenlab/core reports progress through
 * its hook (`onProgress`, at most 10 reports a second per task); an operation that has run for more than a
 * second gets ONE output per task, a display_data with a display_id, which later reports replace in place
 * (update_display_data), ending with the final line (100 %, total seconds). Shorter operations show nothing.
 */
import { randomUUID } from "crypto";
import { escapeHtml } from "@eigenlab/core";
import type { Progress } from "@eigenlab/core";
import type { MimeBundle } from "./protocol";

/** How long an operation runs before its line appears: shorter ones would only flicker. */
export const SHOW_AFTER_MS = 1000;

/** Publishes a bundle as a new output (`update` false) or as the replacement of output `id`. */
export type ProgressSink = (data: MimeBundle, id: string, update: boolean) => void;

interface TaskState {
  start: number;
  id?: string;
  last?: Progress;
}

function amount(n: number, unit: string, total: number): string {
  if (unit !== "bytes") return String(n);
  const mb = n / 1e6;
  return total >= 10e6 ? String(Math.round(mb)) : mb.toFixed(1);
}

/** `io.readEdgeList data/big.edgelist: 412 / 980 MB (42 %), 3.1 s` */
export function progressText(p: Progress, seconds: number, stopped = false): string {
  const unit = p.unit === "bytes" ? "MB" : p.unit;
  const pct = p.total > 0 ? Math.floor((100 * Math.min(p.done, p.total)) / p.total) : 100;
  // "fraction" reports (done of total = 1000, from an onProgress fraction) show only the percentage.
  const what = p.unit === "fraction" ? "" : `${amount(p.done, p.unit, p.total)} / ${amount(p.total, p.unit, p.total)} ${unit} `;
  let line = `${p.task}: ${what}(${pct} %), ${seconds.toFixed(1)} s`;
  const frac = p.total > 0 ? Math.min(p.done, p.total) / p.total : 1;
  if (!stopped && frac > 0 && frac < 1 && seconds > 0) {
    // The rate so far and the time left at that rate (tqdm's estimate).
    const left = (seconds * (1 - frac)) / frac;
    const perSecond = p.done / seconds;
    const rate = p.unit === "fraction" ? "" : p.unit === "bytes" ? `${(perSecond / 1e6).toFixed(1)} MB/s, ` : `${perSecond < 10 ? perSecond.toFixed(2) : Math.round(perSecond)} ${unit}/s, `;
    line += `, ${rate}~${left < 10 ? left.toFixed(1) : Math.round(left)} s left`;
  }
  return line + (stopped ? ", stopped" : "");
}


/** The line's bundle: text/plain, and text/html with a `<progress>` bar. */
export function progressBundle(p: Progress, seconds: number, stopped = false): MimeBundle {
  const text = progressText(p, seconds, stopped);
  const max = Math.max(p.total, 1);
  const value = Math.min(p.done, max);
  return {
    "text/plain": text,
    "text/html": `<div class="eigenlab-progress"><progress value="${value}" max="${max}" style="width: 16em; vertical-align: middle"></progress> <code>${escapeHtml(text)}</code></div>`,
  };
}

/** Turns progress reports into in-place output lines; one instance per kernel. */
export class ProgressLines {
  private readonly tasks = new Map<string, TaskState>();

  constructor(private readonly sink: ProgressSink, private readonly now: () => number = Date.now) {}

  report(p: Progress): void {
    const now = this.now();
    let st = this.tasks.get(p.task);
    if (!st) {
      st = { start: now };
      this.tasks.set(p.task, st);
    }
    st.last = p;
    const seconds = (now - st.start) / 1000;
    if (p.done >= p.total) {
      this.tasks.delete(p.task);
      // An operation whose last stretch ran silently past the second (e.g. building the matrix after the
      // parse) still gets its final line.
      if (st.id) this.sink(progressBundle(p, seconds), st.id, true);
      else if (now - st.start > SHOW_AFTER_MS) this.sink(progressBundle(p, seconds), `eigenlab-progress-${randomUUID()}`, false);
      return;
    }
    if (st.id) {
      this.sink(progressBundle(p, seconds), st.id, true);
    } else if (now - st.start > SHOW_AFTER_MS) {
      st.id = `eigenlab-progress-${randomUUID()}`;
      this.sink(progressBundle(p, seconds), st.id, false);
    }
  }

  /**
   * A cell ended: operations it left unfinished (interrupted, or failed) will report no more; a line already
   * shown for one says where it stopped, and the next cell starts afresh.
   */
  endCell(): void {
    const now = this.now();
    for (const st of this.tasks.values()) {
      if (st.id && st.last) this.sink(progressBundle(st.last, (now - st.start) / 1000, true), st.id, true);
    }
    this.tasks.clear();
  }
}
