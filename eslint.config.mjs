// @ts-check
/**
 * The lint of the monorepo (`npm run lint`, run first by scripts/test.sh): typescript-eslint's recommended rules
 * (syntactic only: the type-aware set would parse every project and take minutes on 2 cores) and the architecture
 * of README.md § Architecture as rules:
 *   - `import-x/no-cycle`: no import cycle inside kernel/<pkg>/src or extension/src;
 *   - `import-x/no-restricted-paths`: packages depend one way (core ← gpu, viz ← jupyter; the extension sees only
 *     `@eigenlab/viz/browser` and `@eigenlab/core/base`), and inside core no module imports a higher layer.
 * Imports are resolved to the TypeScript sources (not dist/, which may not be built) by the small resolver below.
 */
import fs from "node:fs";
import path from "node:path";
import tseslint from "typescript-eslint";
import { importX, createNodeResolver } from "eslint-plugin-import-x";

const ROOT = import.meta.dirname;
const CORE = `${ROOT}/kernel/core/src`;

/** `@eigenlab/<pkg>[/entry]` and relative specifiers → the .ts source file they stand for. */
const PACKAGE_SOURCES = {
  "@eigenlab/core": "kernel/core/src/index.ts",
  "@eigenlab/core/base": "kernel/core/src/base.ts",
  "@eigenlab/gpu": "kernel/gpu/src/index.ts",
  "@eigenlab/viz": "kernel/viz/src/index.ts",
  "@eigenlab/viz/browser": "kernel/viz/src/browser.ts",
  "@eigenlab/jupyter": "kernel/jupyter/src/index.ts",
};
function firstFile(base) {
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}.js`]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}
const sourceResolver = {
  interfaceVersion: 3,
  name: "eigenlab-sources",
  resolve(source, file) {
    let target = null;
    if (source in PACKAGE_SOURCES) target = path.join(ROOT, PACKAGE_SOURCES[source]);
    else if (/^@eigenlab\/(core|gpu|viz|jupyter)\/dist\//.test(source)) {
      // a path into another package's build output stands for its source file
      const [, pkg, rest] = /^@eigenlab\/(\w+)\/dist\/(.*)$/.exec(source);
      target = firstFile(path.join(ROOT, "kernel", pkg, "src", rest.replace(/\.js$/, "")));
    } else if (source.startsWith(".")) target = firstFile(path.resolve(path.dirname(file), source));
    return target === null ? { found: false } : { found: true, path: target };
  },
};

/**
 * Core's layers, bottom → top (the table of README.md § Architecture). A module may import its own layer and the
 * layers below, never one above. The barrels index.ts and base.ts sit above every layer.
 */
const CORE_LAYERS = [
  ["@(errors|messages|meta|dtype|display|guard|guard-node).ts"],
  ["kernels/**"],
  ["@(matrix|csr|operator|random|spectrum|embedding|clustering).ts"],
  ["linalg/**", "backend/**"],
  ["graph/**", "rmt/**", "diffusion/**", "ot/**", "io/**", "text/**", "engine/**"],
  ["embed/**", "data/**"],
  ["cluster/**"],
  ["@(index|base).ts"], // the barrels: nothing inside core imports them
];
// (every entry is a glob: the rule wants a zone's paths to be all globs or none; `@(a|b).ts` names files)
const layerName = (files) => files.join(", ");
const coreLayerZones = CORE_LAYERS.slice(0, -1).map((files, i) => ({
  target: files.map((f) => `${CORE}/${f}`),
  from: CORE_LAYERS.slice(i + 1).flatMap((above) => above.map((f) => `${CORE}/${f}`)),
  message: `core layer [${layerName(files)}] may not import a higher layer (README.md § Architecture)`,
}));

const packageZones = [
  {
    target: [`${ROOT}/kernel/core/**`],
    from: [`${ROOT}/kernel/gpu/**`, `${ROOT}/kernel/viz/**`, `${ROOT}/kernel/jupyter/**`, `${ROOT}/extension/**`],
    message: "@eigenlab/core is the bottom package: it imports nothing of gpu, viz, jupyter or the extension",
  },
  {
    target: [`${ROOT}/kernel/gpu/src/**`, `${ROOT}/kernel/viz/src/**`],
    from: [`${ROOT}/kernel/jupyter/**`, `${ROOT}/extension/**`],
    message: "gpu and viz import only @eigenlab/core",
  },
  {
    target: [`${ROOT}/kernel/gpu/src/**`],
    from: [`${ROOT}/kernel/viz/**`],
    message: "gpu and viz import only @eigenlab/core",
  },
  {
    target: [`${ROOT}/kernel/viz/src/**`],
    from: [`${ROOT}/kernel/gpu/**`],
    message: "gpu and viz import only @eigenlab/core",
  },
  {
    target: [`${ROOT}/extension/src/**`],
    from: [`${ROOT}/kernel/**`],
    except: [`${ROOT}/kernel/core/src/@(base).ts`, `${ROOT}/kernel/viz/src/@(browser).ts`],
    message: "the extension imports only @eigenlab/viz/browser and @eigenlab/core/base (browser-safe entries)",
  },
];

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/lib/**",
      "app/*/**",
      "!app/lite/",
      "!app/lite/**",
      "app/lite/build/**",
      "app/build.js",
      "app/rspack.config.js",
      "**/labextension/**",
      ".artifacts/**",
      // generated: npm run build:lite's static site (bundles) and npm run docs's TypeDoc reference (minified JS)
      "build/**",
      "scratch/**",
      "kernel/*/browser/**",
      "kernel/*/base/**",
      "**/*.d.ts",
      "bench/**/results/**",
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { "import-x": importX },
    settings: {
      // parse .ts modules when following imports (no-cycle reads the whole import graph)
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/external-module-folders": ["node_modules"],
      "import-x/resolver-next": [sourceResolver, createNodeResolver()],
    },
    rules: {
      // `_`-prefixed names are the house style for intentionally unused parameters
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["kernel/*/src/**/*.ts", "extension/src/**/*.ts", "extension/src/**/*.tsx"],
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": ["error", { basePath: ROOT, zones: [...packageZones, ...coreLayerZones] }],
    },
  },
  {
    // the host app's browser modules: undefined names are errors (bundler-provided ones carry a disable + reason)
    files: ["app/index.js", "app/main.js"],
    languageOptions: {
      sourceType: "module",
      globals: { window: "readonly", document: "readonly", console: "readonly", URL: "readonly", fetch: "readonly" },
    },
    rules: { "no-undef": "error" },
  },
  {
    // Node scripts (CommonJS): require() is how they load modules
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // the in-browser edition's modules (app/lite: the lab page and the kernel's Web Worker), bundled by
    // scripts/build-lite.js; the worker loads bundled modules lazily with require() (after its ts.System exists)
    files: ["app/lite/**/*.js"],
    languageOptions: {
      sourceType: "module",
      globals: {
        window: "readonly", self: "readonly", document: "readonly", console: "writable", URL: "readonly", fetch: "readonly",
        Worker: "readonly", SharedArrayBuffer: "readonly", Atomics: "readonly", XMLHttpRequest: "readonly", TextEncoder: "readonly", navigator: "readonly",
        TextDecoder: "readonly", performance: "readonly", crypto: "readonly", queueMicrotask: "readonly", setTimeout: "readonly",
        clearTimeout: "readonly", atob: "readonly", btoa: "readonly", require: "readonly", module: "writable", globalThis: "readonly",
      },
    },
    rules: { "no-undef": "error", "@typescript-eslint/no-require-imports": "off" },
  },
);
