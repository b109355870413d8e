/**
 * Cross-output linking: outputs that share a link key (the output metadata's `link`, or the payload's
 * `meta.link`) talk through this page-wide registry. Clicking an eigenvalue in a spectrum publishes its
 * eigenvector; every other output with the same key whose point/node count equals the vector's length
 * recolors by it. Within one output the renderer links its own panels without the registry.
 *
 *   display(S, { metadata: { "application/vnd.eigenlab.v1+json": { link: "karate" } } })   // cell 1: spectrum
 *   display(W, { metadata: { "application/vnd.eigenlab.v1+json": { link: "karate" } } })   // cell 2: graph
 *
 * The registry lives in the extension module, so it spans every notebook open in the same lab page.
 */

/** What a click on eigenvalue `index` of a linked spectrum sends. */
export interface EigenvectorPick {
  /** Eigenpair index (0-based, ascending eigenvalues). */
  index: number;
  eigenvalue: number;
  /** The eigenvector, one entry per point/node. */
  vector: Float64Array;
}

export type PickListener = (pick: EigenvectorPick) => void;

/** The link key of an output: metadata `link` first, then the payload's `meta.link`; undefined when neither. */
export function linkKeyOf(outputMetadata: unknown, payloadMeta: unknown): string | undefined {
  for (const source of [outputMetadata, payloadMeta]) {
    const key = (source as { link?: unknown } | null | undefined)?.link;
    if (typeof key === "string" && key !== "") return key;
  }
  return undefined;
}

/** A small publish/subscribe registry of link keys; `LINKS` is the page-wide one. */
export class LinkRegistry {
  private readonly listeners = new Map<string, Set<PickListener>>();

  /** Registers `listener` for picks published on `key`; the returned function unregisters it. */
  subscribe(key: string, listener: PickListener): () => void {
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (set!.size === 0) this.listeners.delete(key);
    };
  }

  /** Sends `pick` to every listener of `key` except `from` (the publisher itself); returns how many got it. */
  publish(key: string, pick: EigenvectorPick, from?: PickListener): number {
    let sent = 0;
    for (const listener of [...(this.listeners.get(key) ?? [])]) {
      if (listener === from) continue;
      listener(pick);
      sent++;
    }
    return sent;
  }

  /** Number of outputs listening on `key`. */
  size(key: string): number {
    return this.listeners.get(key)?.size ?? 0;
  }
}

export const LINKS = new LinkRegistry();
