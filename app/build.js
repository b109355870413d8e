// Bundles the host app with rspack's Node API; prints the time taken and the peak memory.
const { rspack } = require('@rspack/core');
const started = Date.now();
rspack(require('./rspack.config.js'), (err, stats) => {
  if (err || stats.hasErrors()) {
    console.error(err || stats.toString('errors-only'));
    process.exit(1);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const rssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(`[lab] bundled app/build in ${seconds} s, peak RSS ${rssMB} MB`);
});
