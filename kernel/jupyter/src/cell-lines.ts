/**
 * Cell line numbers in tracebacks. tslab compiles a cell twice (TypeScript to ES module JS with its checker,
 * then `ts.transpileModule` to CommonJS) and runs the result in `vm`, so a runtime error's frames point at
 * `evalmachine.<anonymous>` lines of the converted code. The kernel has both steps emit source maps (the
 * first inline, the second as `sourceMapText`), keeps the pair for the code last converted, and maps each
 * such frame back to the cell's own line and column (source map v3, https://sourcemaps.info/spec.html).
 */

/** One decoded line of a source map: segments [generated column, source line, source column], 0-based. */
type Segment = [number, number, number];

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** The `mappings` of a source map, per generated line (base64 VLQ, fields relative as the spec says). */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let srcLine = 0;
  let srcCol = 0;
  let srcIdx = 0;
  for (const lineText of mappings.split(";")) {
    const segs: Segment[] = [];
    let genCol = 0;
    for (const segText of lineText.split(",")) {
      if (!segText) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segText) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      genCol += fields[0];
      if (fields.length >= 4) {
        srcIdx += fields[1];
        srcLine += fields[2];
        srcCol += fields[3];
        segs.push([genCol, srcLine, srcCol]);
      }
    }
    lines.push(segs);
  }
  void srcIdx;
  return lines;
}

/** The source position (0-based) of a generated one, or null when the map says nothing about that line. */
export function lookup(map: Segment[][], line: number, col: number): { line: number; col: number } | null {
  const segs = map[line];
  if (!segs || segs.length === 0) return null;
  let best = segs[0];
  for (const s of segs) if (s[0] <= col) best = s;
  return { line: best[1], col: best[2] };
}

/**
 * A cell's two maps, kept as their `mappings` strings and decoded only when a traceback needs them: decoded
 * (an array per segment) they cost about 100 kB a cell, which the endurance test's 1 000 cells showed as RSS
 * growth (165 → 263 kB a cell).
 */
interface CellMaps {
  /** CommonJS code (what runs) -> TypeScript's JS. */
  second: string;
  /** TypeScript's JS -> the cell as tslab saw it (after one `export {};` line). */
  first: string;
}

/** Lines tslab puts before the cell's first line in its source file (`export {};`). */
const SOURCE_PREFIX_LINES = 1;
/** Cells whose maps are kept (a traceback through a function of an older cell maps while it is here). */
const KEEP_CELLS = 500;

const cells = new Map<number, { maps: CellMaps; prefixCols: number }>();
let nextCell = 1;
/** The maps of the last `transpileModule` output, not yet tied to a cell. */
let pending: { output: string; maps: CellMaps } | null = null;

/** Records the maps of code just converted (called from the kernel's transpileModule wrapper). */
export function setPendingMaps(output: string, firstMapJson: string | null, secondMapJson: string | undefined): void {
  pending = null;
  if (!firstMapJson || !secondMapJson) return;
  try {
    pending = {
      output,
      maps: {
        first: String((JSON.parse(firstMapJson) as { mappings: string }).mappings),
        second: String((JSON.parse(secondMapJson) as { mappings: string }).mappings),
      },
    };
  } catch {
    pending = null;
  }
}

/**
 * Names the code a cell runs (`//# sourceURL=eigenlab-cell-N`, so its frames say which cell) and keeps its
 * maps; `prefixCols` is the length of the wrapper tslab puts before it on the first line. Returns the code
 * to run (unchanged when no maps were recorded for it).
 */
export function tieCell(output: string, prefixCols: number): string {
  if (!pending || pending.output !== output) return output;
  const id = nextCell++;
  cells.set(id, { maps: pending.maps, prefixCols });
  pending = null;
  if (cells.size > KEEP_CELLS) cells.delete(cells.keys().next().value as number);
  return `${output}\n//# sourceURL=eigenlab-cell-${id}`;
}

/** The inline source map at the end of TypeScript's output, and the code without it. */
export function splitInlineMap(js: string): { code: string; map: string | null } {
  const m = /\n?\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(js);
  if (!m) return { code: js, map: null };
  return { code: js.slice(0, m.index), map: Buffer.from(m[1], "base64").toString("utf8") };
}

/** Cell line and column (1-based) of a position in the code that ran, or null. */
export function cellPosition(id: number, line: number, col: number): { line: number; col: number } | null {
  const cell = cells.get(id);
  if (!cell) return null;
  const c = line === 1 ? col - cell.prefixCols : col;
  const mid = lookup(decodeMappings(cell.maps.second), line - 1, c - 1);
  if (!mid) return null;
  const src = lookup(decodeMappings(cell.maps.first), mid.line, mid.col);
  if (!src || src.line < SOURCE_PREFIX_LINES) return null;
  return { line: src.line - SOURCE_PREFIX_LINES + 1, col: src.col + 1 };
}

/**
 * Rewrites `eigenlab-cell-N:L:C` in a stack frame to `<cell>:line:col` of that cell's own source; null for a
 * frame of the wrapper tslab puts around a cell (no cell line to show).
 */
export function mapFrame(frame: string): string | null {
  const m = /eigenlab-cell-(\d+):(\d+):(\d+)/.exec(frame);
  if (!m) return frame;
  const p = cellPosition(Number(m[1]), Number(m[2]), Number(m[3]));
  return p ? frame.replace(m[0], `<cell>:${p.line}:${p.col}`) : null;
}
