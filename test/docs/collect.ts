/**
 * Executed documentation, part 1: collect the `@example` blocks of every public function, class and method that
 * the `@eigenlab/core` barrel (kernel/core/src/index.ts) exports, following its namespaces (`linalg`, `graph`, ...).
 * The TypeScript compiler API resolves each exported name to its declaration, so an item is found wherever it is
 * defined, and re-exports / `export * as ns` are followed exactly as a user of the package sees them.
 */
import * as path from "path";
import * as ts from "typescript";

/** One public callable: `linalg.eigh`, `Matrix`, `Matrix.from`, `Matrix#matmul`, ... */
export interface DocItem {
  /** The name a user writes, e.g. `linalg.eigh`, `Matrix.from` (static), `Matrix#matmul` (instance). */
  name: string;
  /** The namespace (`linalg`, ...) or `""` for a top-level name of the barrel. */
  namespace: string;
  /** Source file (relative to the repository root) and 1-based line of the declaration. */
  file: string;
  line: number;
  /** The code of each fenced block under an `@example` tag. */
  examples: string[];
}

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const CORE_BARREL = path.join(REPO_ROOT, "kernel", "core", "src", "index.ts");

/** The code blocks in the `@example` tags of one declaration's TSDoc comments (every overload's comment). */
function examplesOf(decl: ts.Node): string[] {
  const out: string[] = [];
  for (const doc of ts.getJSDocTags(decl)) {
    if (doc.tagName.text !== "example") continue;
    const text = typeof doc.comment === "string" ? doc.comment : ts.getTextOfJSDocComment(doc.comment) ?? "";
    // the fenced block: ```ts ... ``` (the language tag is optional)
    const fence = /```[a-z]*\n([\s\S]*?)```/g;
    let m: RegExpExecArray | null;
    while ((m = fence.exec(text)) !== null) out.push(m[1]);
  }
  return out;
}

function isPublicMember(member: ts.ClassElement): boolean {
  const mods = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
  if (mods.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword)) {
    return false;
  }
  const name = member.name;
  if (name === undefined || ts.isPrivateIdentifier(name)) return false;
  return !name.getText().startsWith("_");
}

/** Every public function, class and (static or instance) method reachable from the core barrel. */
export function collectCoreDocs(): DocItem[] {
  const program = ts.createProgram([CORE_BARREL], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const barrel = program.getSourceFile(CORE_BARREL);
  if (barrel === undefined) throw new Error(`cannot read ${CORE_BARREL}`);
  const barrelSymbol = checker.getSymbolAtLocation(barrel);
  if (barrelSymbol === undefined) throw new Error("the core barrel has no module symbol");

  const items: DocItem[] = [];
  const seen = new Set<string>();
  const where = (node: ts.Node): { file: string; line: number } => {
    const sf = node.getSourceFile();
    return {
      file: path.relative(REPO_ROOT, sf.fileName),
      line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
    };
  };
  const add = (name: string, namespace: string, decls: ts.Node[]): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const examples = decls.flatMap(examplesOf);
    items.push({ name, namespace, ...where(decls[0]), examples });
  };

  const visit = (symbol: ts.Symbol, prefix: string, namespace: string): void => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const decls = target.declarations ?? [];
    if (decls.length === 0) return;
    const qualified = prefix + symbol.name;
    if (decls.some((d) => ts.isSourceFile(d) || ts.isModuleDeclaration(d))) {
      // `export * as linalg from "./linalg"`: a namespace; its members are the public names
      for (const member of checker.getExportsOfModule(target)) visit(member, `${qualified}.`, qualified);
      return;
    }
    const fns = decls.filter((d) => ts.isFunctionDeclaration(d));
    if (fns.length > 0) {
      add(qualified, namespace, fns);
      return;
    }
    const cls = decls.find((d): d is ts.ClassDeclaration => ts.isClassDeclaration(d));
    if (cls !== undefined) {
      add(qualified, namespace, [cls]);
      // methods grouped by name so overloads count once
      const methods = new Map<string, { isStatic: boolean; decls: ts.Node[] }>();
      for (const member of cls.members) {
        if (!ts.isMethodDeclaration(member) || !isPublicMember(member)) continue;
        const isStatic = (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        const key = `${isStatic ? "." : "#"}${member.name.getText()}`;
        const entry = methods.get(key) ?? { isStatic, decls: [] };
        entry.decls.push(member);
        methods.set(key, entry);
      }
      for (const [key, { decls: mdecls }] of methods) add(qualified + key, namespace, mdecls);
      return;
    }
    // a `const f = (...) => ...` whose value is a function also counts as a public function
    const v = decls.find((d): d is ts.VariableDeclaration => ts.isVariableDeclaration(d));
    if (v?.initializer && (ts.isArrowFunction(v.initializer) || ts.isFunctionExpression(v.initializer))) {
      add(qualified, namespace, [v.parent.parent]);
    }
  };
  for (const sym of checker.getExportsOfModule(barrelSymbol)) visit(sym, "", "");
  return items;
}
