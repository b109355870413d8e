/**
 * The IPython habits notebook users bring (Node-only module: it spawns shells and reads .d.ts files):
 * `%time` / `%%time`, `%timeit` / `%%timeit` with IPython's statistics line, `!cmd` lines and `%%bash`,
 * `%who`, `x?` / `?x` / `help(x)`. The handler asks `parseMagic` first and runs the rest as TypeScript.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as ts from "@tslab/typescript-for-tslab";

export type Magic =
  | { kind: "time"; body: string }
  | { kind: "timeit"; body: string; number?: number; repeat?: number }
  | { kind: "bash"; body: string }
  | { kind: "who" }
  | { kind: "help"; expr: string };

/** The magic a cell is, or null for a TypeScript cell (`!cmd` lines are rewritten by `shellLines`). */
export function parseMagic(code: string): Magic | null {
  const trimmed = code.replace(/^\s*\n/, "");
  const nl = trimmed.indexOf("\n");
  const first = (nl < 0 ? trimmed : trimmed.slice(0, nl)).trim();
  const rest = nl < 0 ? "" : trimmed.slice(nl + 1);
  let m: RegExpExecArray | null;
  if ((m = /^%%time\s*$/.exec(first))) return { kind: "time", body: rest };
  if ((m = /^%%timeit\b(.*)$/.exec(first))) return { kind: "timeit", body: rest, ...timeitFlags(m[1]).flags };
  if ((m = /^%%bash\s*$/.exec(first))) return { kind: "bash", body: rest };
  if (rest.trim() !== "") return null;
  if ((m = /^%time\s+(.+)$/.exec(first))) return { kind: "time", body: m[1] };
  if ((m = /^%timeit\b(.*)$/.exec(first))) {
    const { flags, stmt } = timeitFlags(m[1]);
    return { kind: "timeit", body: stmt, ...flags };
  }
  if (/^%who\s*$/.exec(first)) return { kind: "who" };
  if ((m = /^\?\s*([\w$.]+)\s*$/.exec(first)) || (m = /^([\w$.]+)\s*\?\s*$/.exec(first))) return { kind: "help", expr: m[1] };
  if ((m = /^help\(\s*([\w$.]+)\s*\)\s*;?$/.exec(first))) return { kind: "help", expr: m[1] };
  return null;
}

function timeitFlags(s: string): { flags: { number?: number; repeat?: number }; stmt: string } {
  const flags: { number?: number; repeat?: number } = {};
  let rest = s.trim();
  let m: RegExpExecArray | null;
  while ((m = /^-([nr])\s*(\d+)\s*/.exec(rest))) {
    if (m[1] === "n") flags.number = Number(m[2]);
    else flags.repeat = Number(m[2]);
    rest = rest.slice(m[0].length);
  }
  return { flags, stmt: rest };
}

/**
 * `!cmd` lines inside a TypeScript cell become awaited shell calls (the cell may mix both, as in IPython);
 * null when the cell has none.
 */
export function shellLines(code: string): string | null {
  if (!/^\s*!/m.test(code)) return null;
  const lines = code.split("\n");
  let changed = false;
  const out = lines.map((l) => {
    const m = /^(\s*)!(.*)$/.exec(l);
    if (!m || m[2].trim() === "" || m[2].startsWith("=")) return l;
    changed = true;
    return `${m[1]}await Reflect.get(globalThis, Symbol.for("eigenlab.sh"))(${JSON.stringify(m[2])});`;
  });
  return changed ? out.join("\n") : null;
}

/** Runs `script` with bash, streaming its stdout/stderr into the cell (through process.stdout/stderr). */
export function runShell(script: string, cwd = process.cwd()): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-c", script], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d: Buffer) => process.stdout.write(d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => process.stderr.write(d.toString("utf8")));
    child.on("error", (e) => {
      process.stderr.write(`${e.message}\n`);
      resolve(127);
    });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

/**
 * IPython's `_format_time` (IPython/core/magics/execution.py), ported digit for digit: 3 significant
 * digits in s / ms / µs / ns, or "1min 5s"-style above a minute.
 */
export function formatTime(timespan: number, precision = 3): string {
  if (timespan >= 60) {
    const parts: [string, number][] = [["d", 86400], ["h", 3600], ["min", 60], ["s", 1]];
    const time: string[] = [];
    let leftover = timespan;
    for (const [suffix, length] of parts) {
      const value = Math.trunc(leftover / length);
      if (value > 0) {
        leftover = leftover % length;
        time.push(`${value}${suffix}`);
      }
      if (leftover < 1) break;
    }
    return time.join(" ");
  }
  const units = ["s", "ms", "\u00b5s", "ns"];
  const scaling = [1, 1e3, 1e6, 1e9];
  // Python: order = min(-int(math.floor(math.log10(timespan)) // 3), 3) (floor division of a negative int).
  const order = timespan > 0 ? Math.min(-Math.floor(Math.floor(Math.log10(timespan)) / 3), 3) : 3;
  return `${pyG(timespan * scaling[order], precision)} ${units[order]}`;
}

/** Python's "%.*g" formatting. */
function pyG(x: number, precision: number): string {
  if (x === 0) return "0";
  const exp = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(precision)))));
  if (exp < -4 || exp >= precision) {
    const [mant, e] = x.toExponential(precision - 1).split("e");
    const m = mant.includes(".") ? mant.replace(/\.?0+$/, "") : mant;
    const n = Number(e);
    return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  const fixed = x.toFixed(Math.max(0, precision - 1 - exp));
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

/** `%time`'s two lines, as IPython prints them. */
export function timeReport(cpuUserS: number, cpuSysS: number, wallS: number): string {
  return (
    `CPU times: user ${formatTime(cpuUserS)}, sys: ${formatTime(cpuSysS)}, total: ${formatTime(cpuUserS + cpuSysS)}\n` +
    `Wall time: ${formatTime(wallS)}\n`
  );
}

/** IPython's TimeitResult line: mean ± population std of per-loop times over the runs. */
export function timeitReport(perRunTotals: number[], loops: number): string {
  const timings = perRunTotals.map((t) => t / loops);
  const runs = timings.length;
  const mean = timings.reduce((a, b) => a + b, 0) / runs;
  const std = Math.sqrt(timings.reduce((a, t) => a + (t - mean) ** 2, 0) / runs);
  return (
    `${formatTime(mean)} \u00b1 ${formatTime(std)} per loop (mean \u00b1 std. dev. of ${runs} run${runs !== 1 ? "s" : ""}, ` +
    `${loops.toLocaleString("en-US")} loop${loops !== 1 ? "s" : ""} each)\n`
  );
}

/**
 * Times `fn` as IPython's %timeit does: unless `number` is given, the loop count is the first of
 * 1, 2, 5, 10, 20, 50, ... whose run takes at least 0.2 s (timeit.Timer.autorange); then `repeat` runs
 * (default 7) of that many loops.
 */
export async function timeit(fn: () => unknown, opts: { number?: number; repeat?: number } = {}): Promise<string> {
  const isAsync = fn.constructor.name === "AsyncFunction";
  const loop = async (n: number): Promise<number> => {
    const t0 = process.hrtime.bigint();
    if (isAsync) for (let i = 0; i < n; i++) await fn();
    else for (let i = 0; i < n; i++) fn();
    return Number(process.hrtime.bigint() - t0) / 1e9;
  };
  let number = opts.number;
  if (number === undefined) {
    number = 1;
    search: for (let scale = 1; ; scale *= 10) {
      for (const k of [1, 2, 5]) {
        number = k * scale;
        if ((await loop(number)) >= 0.2) break search;
      }
    }
  }
  const totals: number[] = [];
  for (let r = 0; r < (opts.repeat ?? 7); r++) totals.push(await loop(number));
  return timeitReport(totals, number);
}

/**
 * Documentation of every `...Options` type a signature names, read from @eigenlab/core's declarations:
 * each field with its type and its doc comment, so `help(linalg.eigsh)` shows what `opts` may hold.
 */
export function optionsDoc(signature: string, coreDist: string): string {
  const names = [...new Set([...signature.matchAll(/\b([A-Z]\w*Options)\b/g)].map((m) => m[1]))];
  if (names.length === 0) return "";
  const out: string[] = [];
  for (const name of names) {
    const decl = findInterface(name, coreDist);
    if (!decl) continue;
    out.push(`\n${name}:`);
    for (const member of decl.members) {
      if (!ts.isPropertySignature(member)) continue;
      const sf = member.getSourceFile();
      const text = member.getText(sf).replace(/\s+/g, " ").replace(/;$/, "");
      const docs = (member as unknown as { jsDoc?: { comment?: unknown }[] }).jsDoc ?? [];
      const doc = docs
        .map((d) => (typeof d.comment === "string" ? d.comment : ""))
        .join(" ")
        .replace(/\s+/g, " ")
        .trim();
      out.push(`  ${text}${doc ? `\n      ${doc}` : ""}`);
    }
  }
  return out.join("\n");
}

let declFiles: ts.SourceFile[] | null = null;
function findInterface(name: string, dist: string): ts.InterfaceDeclaration | null {
  if (!declFiles) {
    declFiles = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".d.ts")) declFiles!.push(ts.createSourceFile(p, fs.readFileSync(p, "utf8"), ts.ScriptTarget.Latest, true));
      }
    };
    if (fs.existsSync(dist)) walk(dist);
  }
  for (const sf of declFiles) {
    for (const st of sf.statements) {
      if (ts.isInterfaceDeclaration(st) && st.name.text === name) return st;
    }
  }
  return null;
}

/** Whether the cell has a closing bracket no opener matches: no continuation can make it parse. */
export function hasUnmatchedCloser(code: string): boolean {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, code);
  const K = ts.SyntaxKind;
  // Openers in order; "t" is a template literal's `${`, whose `}` continues the template.
  const stack: string[] = [];
  for (let t = scanner.scan(); t !== K.EndOfFileToken; t = scanner.scan()) {
    if (t === K.OpenBraceToken || t === K.OpenParenToken || t === K.OpenBracketToken) stack.push(ts.tokenToString(t)!);
    else if (t === K.TemplateHead) stack.push("t");
    else if (t === K.CloseBraceToken || t === K.CloseParenToken || t === K.CloseBracketToken) {
      const open = stack.pop();
      if (open === undefined) return true;
      if (open === "t" && t === K.CloseBraceToken) {
        if (scanner.reScanTemplateToken(false) === K.TemplateMiddle) stack.push("t");
      }
    }
  }
  return false;
}
