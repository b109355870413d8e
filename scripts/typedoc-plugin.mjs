// TypeDoc plugin for the Eigenlab reference (`npm run docs`). Two things TypeDoc does not do by itself:
// 1. Options objects inline: a parameter typed `KnnOptions` shows only the type's name on the function's page;
//    researchers reach the page to learn the option fields, so each options parameter gets a table of its
//    fields (name, type, doc) right where it is declared.
// 2. Where it is used: each function, class and method used by an example notebook links to those notebooks
//    (opened in the lab that serves this reference, at <base>/lab/tree/<notebook>).
import fs from "node:fs";
import path from "node:path";
import { Comment, CommentTag, Converter, ReflectionKind, ReferenceType, ReflectionType } from "typedoc";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const EXAMPLES = path.join(ROOT, "examples");

/** Full names ("graph.knn", "Matrix.from", "linalg.eigh") used in each example notebook's code cells. */
function usesByNotebook() {
  const uses = new Map();
  for (const file of fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".ipynb")).sort()) {
    const nb = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), "utf8"));
    const code = nb.cells.filter((c) => c.cell_type === "code").map((c) => [].concat(c.source).join("")).join("\n");
    const title = [].concat(nb.cells.find((c) => c.cell_type === "markdown")?.source ?? [file]).join("").split("\n")[0].replace(/^#+\s*/, "");
    for (const m of code.matchAll(/\b([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)\s*\(/g)) {
      const name = `${m[1]}.${m[2]}`;
      if (!uses.has(name)) uses.set(name, new Map());
      uses.get(name).set(file, title);
    }
  }
  return uses;
}

/** The documented fields of an options type: an interface, a type alias of an object type, an inline object,
 *  `Omit<T, keys>` / `Pick<T, keys>` of one of those, or an intersection of them. */
function optionFields(type) {
  if (type?.type === "intersection") {
    const parts = type.types.map(optionFields);
    return parts.some((p) => p === undefined) ? undefined : parts.flat();
  }
  if (type instanceof ReferenceType && (type.name === "Omit" || type.name === "Pick") && type.typeArguments?.length === 2) {
    const base = optionFields(type.typeArguments[0]);
    const keys = new Set(literalKeys(type.typeArguments[1]));
    return base?.filter((f) => (type.name === "Omit" ? !keys.has(f.name) : keys.has(f.name)));
  }
  let target = type instanceof ReferenceType ? type.reflection : undefined;
  if (target && !target.children && target.type) return optionFields(target.type);
  if (!target && type instanceof ReflectionType) target = type.declaration;
  if (!target?.children) return undefined;
  return target.children
    .filter((c) => c.kindOf(ReflectionKind.Property))
    .map((c) => ({
      name: c.name,
      optional: c.flags.isOptional,
      type: c.type ? c.type.toString() : "",
      doc: (c.comment?.summary ?? []).map((p) => p.text).join("").replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|"),
      defaultTag: c.comment?.blockTags.find((t) => t.tag === "@defaultValue" || t.tag === "@default"),
    }));
}

function literalKeys(type) {
  if (type.type === "literal") return [String(type.value)];
  if (type.type === "union") return type.types.flatMap(literalKeys);
  return [];
}

/** `Record<string, never>` (no options) and `Record<string, unknown>` (options of the chosen format: io.read)
 *  have no fields to list; their functions' docs say so. */
function freeForm(type) {
  if (type?.type === "intersection") return type.types.every((t) => freeForm(t) || optionFields(t));
  const resolved = type instanceof ReferenceType && type.reflection?.type ? type.reflection.type : type;
  return resolved instanceof ReferenceType && resolved.name === "Record";
}

function fieldTable(fields) {
  const rows = fields.map((f) => {
    const dflt = f.defaultTag ? ` Default: ${f.defaultTag.content.map((p) => p.text).join("").trim().replace(/^```\w*\n?|```$/g, "")}.` : "";
    return `| \`${f.name}${f.optional ? "?" : ""}\` | \`${f.type.replace(/\|/g, "\\|")}\` | ${f.doc}${dflt} |`;
  });
  return ["", "", "| option | type | meaning |", "| --- | --- | --- |", ...rows, ""].join("\n");
}

export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const project = context.project;
    const uses = usesByNotebook();
    const undocumented = new Set();
    const kinds = ReflectionKind.Function | ReflectionKind.Method | ReflectionKind.Constructor;
    for (const refl of project.getReflectionsByKind(kinds)) {
      for (const sig of refl.signatures ?? []) {
        for (const param of sig.parameters ?? []) {
          const typeName = param.type instanceof ReferenceType ? param.type.name : "";
          const isOptions = /Options$/.test(typeName) || /^(opts|options)$/i.test(param.name);
          if (!isOptions) continue;
          if (freeForm(param.type)) continue;
          const fields = optionFields(param.type);
          if (!fields?.length) {
            // `npm run docs` is checked by a test for this: an options parameter whose fields cannot be listed.
            app.logger.warn(`options not listed: ${refl.getFullName()}(${param.name}: ${param.type?.toString()})`);
            continue;
          }
          for (const f of fields) if (!f.doc) undocumented.add(`${typeName || refl.getFullName()}.${f.name}`);
          param.comment ??= new Comment();
          param.comment.summary.push({ kind: "text", text: fieldTable(fields) });
        }
      }
      // "graph.knn" for namespace functions, "Matrix.from" / "A.matmul"-style calls map to the class's name.
      const parent = refl.parent;
      const names = [refl.kindOf(ReflectionKind.Function) ? `${parent?.kindOf(ReflectionKind.Namespace) ? parent.name + "." : ""}${refl.name}` : `${parent?.name}.${refl.name}`];
      const notebooks = new Map();
      for (const n of names) for (const [file, title] of uses.get(n) ?? []) notebooks.set(file, title);
      if (!notebooks.size) continue;
      const sig = refl.signatures?.[0];
      if (!sig) continue;
      sig.comment ??= new Comment();
      const links = [...notebooks].map(([file, title]) => `[${title}](../../../lab/tree/${encodeURIComponent(file)})`).join(" · ");
      sig.comment.blockTags.push(new CommentTag("@see", [{ kind: "text", text: `Used in the example notebooks: ${links}` }]));
    }
    if (undocumented.size) app.logger.warn(`option fields without a doc comment (${undocumented.size}): ${[...undocumented].sort().join(", ")}`);
  });
}
