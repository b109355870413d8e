const vm = require("vm");
const { Worker } = require("worker_threads");
const useZmq = process.argv[2] === "zmq";
new Worker(`${useZmq ? 'const z = require("zeromq"); const s = new z.Router(); s.bind("tcp://127.0.0.1:0");' : ''} setTimeout(() => { require("fs").writeSync(2, "kill\\n"); process.kill(process.pid, "SIGINT"); }, 800)`, { eval: true });
process.on("SIGINT", () => console.log("handler"));
setTimeout(() => {
  const t0 = Date.now();
  try { vm.runInThisContext("let i = 0; while (Date.now() - " + t0 + " < 4000) { i++; }", { breakOnSigint: true }); console.log("not interrupted"); }
  catch (e) { console.log("interrupted", Date.now() - t0); }
  process.exit(0);
}, 300);
