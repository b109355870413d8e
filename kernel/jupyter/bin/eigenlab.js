#!/usr/bin/env node
// `npx eigenlab ...`: a committed, executable shim (tsc's output in dist/ is not executable, and npm links
// bins before the build exists).
process.exit(require("../dist/cli.js").main(process.argv.slice(2)));
