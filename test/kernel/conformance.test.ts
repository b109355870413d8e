/**
 * The official Jupyter kernel conformance suite (Debian python3-jupyter-kernel-test, jupyter_kernel_test
 * 0.4.5) against the "eigenlab" kernel, every applicable test enabled, plus an interrupt check on the
 * control channel. Runs in an isolated Jupyter environment with the kernelspec installed into its JUPYTER_PATH.
 */
import { strict as assert } from "assert";
import { jupyterEnv, JupyterEnv, runPythonScript } from "../util/jupyter";

const SUITE = String.raw`
import sys, time, unittest
import jupyter_kernel_test
from jupyter_kernel_test.msgspec_v5 import validate_message

class EigenlabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "eigenlab"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("to stderr")'
    completion_samples = [
        {"text": "Math.flo", "matches": {"floor"}},
        {"text": "linalg.ei", "matches": {"eigh", "eigsh", "eigvalsh", "EIGSH_DEFAULT_TOL"}},
    ]
    complete_code_samples = ["1 + 1", "const x = 1;", "function f() { return 1; }", "%%math\nx = 1 + 2"]
    incomplete_code_samples = ["function f() {", "const a = [1,", "if (true) {", "%%math\ny = (1 +"]
    invalid_code_samples = ["1 +* 2", "const = 5;", "}}", "%%math\nx = 1 +* 2"]
    code_inspect_sample = "linalg.eigh"
    code_generate_error = 'throw new Error("boom")'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "'eigen' + 'lab'", "result": "'eigenlab'"},
        {"code": "Matrix.eye(2).rows", "result": "2"},
    ]
    code_display_data = [
        {"code": 'display("shown")', "mime": "text/plain"},
        {"code": 'display({ [Symbol.for("Jupyter.display")]() { return { "text/html": "<b>x</b>" }; } })', "mime": "text/html"},
        {"code": "%%math\nz = 2 * 3", "mime": "text/latex"},
    ]
    code_history_pattern = "6 *"
    supported_history_operations = ("tail", "range", "search")
    code_clear_output = "clearOutput()"

    def test_interrupt_stops_a_synchronous_loop_and_keeps_variables(self):
        self.flush_channels()
        reply, _ = self.execute_helper("const kept = 41;")
        self.assertEqual(reply["content"]["status"], "ok")
        msg_id = self.kc.execute("let spins = 0; while (true) { spins++; }")
        # Wait (with a deadline) until the kernel has started the cell, then interrupt over the control channel.
        deadline = time.time() + 10
        while time.time() < deadline:
            msg = self.kc.get_iopub_msg(timeout=10)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
                break
        t0 = time.time()
        self.km.interrupt_kernel()
        reply = self.get_non_kernel_info_reply(timeout=10)
        latency = time.time() - t0
        validate_message(reply, "execute_reply", msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        print(f"INTERRUPT_LATENCY_S {latency:.3f}", file=sys.stderr)
        self.flush_channels()
        reply, outs = self.execute_helper("kept + 1")
        self.assertEqual(reply["content"]["status"], "ok")
        results = [m for m in outs if m["msg_type"] == "execute_result"]
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "42")

    def test_interrupt_stops_a_long_math_cell(self):
        self.flush_channels()
        # Naive Fibonacci: about 3e8 calls, minutes of work in mathjs.
        msg_id = self.kc.execute("%%math\nfib(n) = n <= 1 ? n : fib(n - 1) + fib(n - 2); fib(40)")
        deadline = time.time() + 10
        while time.time() < deadline:
            msg = self.kc.get_iopub_msg(timeout=10)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
                break
        self.km.interrupt_kernel()
        reply = self.get_non_kernel_info_reply(timeout=10)
        validate_message(reply, "execute_reply", msg_id)
        self.assertEqual(reply["content"]["ename"], "Interrupted")

    def test_sigint_stops_a_synchronous_loop_too(self):
        import os, signal
        self.flush_channels()
        reply, _ = self.execute_helper("const kept2 = 5;")
        self.assertEqual(reply["content"]["status"], "ok")
        msg_id = self.kc.execute("let spins2 = 0; while (true) { spins2++; }")
        deadline = time.time() + 10
        while time.time() < deadline:
            msg = self.kc.get_iopub_msg(timeout=10)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
                break
        # A signal may land while the cell is still being type-checked; like a terminal user, press again
        # until the reply arrives (bounded).
        reply = None
        for _ in range(20):
            os.kill(self.km.provisioner.process.pid, signal.SIGINT)
            try:
                reply = self.get_non_kernel_info_reply(timeout=0.5)
                break
            except Exception:
                continue
        self.assertIsNotNone(reply)
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        self.flush_channels()
        reply, outs = self.execute_helper("kept2 * 2")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual([m for m in outs if m["msg_type"] == "execute_result"][0]["content"]["data"]["text/plain"], "10")

if __name__ == "__main__":
    unittest.main(verbosity=2)
`;

describe("jupyter_kernel_test conformance suite against the eigenlab kernel", function () {
  this.timeout(180_000);
  let env: JupyterEnv;
  before(() => {
    env = jupyterEnv();
  });
  after(() => env?.dispose());

  it("passes every applicable test (pager is the only skip) and an interrupt returns control", async () => {
    const run = await runPythonScript(env, "test_eigenlab_kernel.py", SUITE);
    const report = run.stderr;
    assert.equal(run.status, 0, `conformance suite failed:\n${report.slice(-6000)}`);
    const skipped = [...report.matchAll(/^(test_\w+) .*\.\.\. skipped/gm)].map((m) => m[1]);
    assert.deepEqual(skipped, ["test_pager"], `unexpected skips:\n${report}`);
    const passed = [...report.matchAll(/^(test_\w+) \(.*?\) \.\.\. (?:INTERRUPT_LATENCY_S [\d.]+\s*)?ok$/gm)].map((m) => m[1]);
    assert.deepEqual(passed.sort(), [
      "test_clear_output", "test_completion", "test_display_data", "test_error", "test_execute_result",
      "test_execute_stderr", "test_execute_stdout", "test_history", "test_inspect",
      "test_interrupt_stops_a_synchronous_loop_and_keeps_variables", "test_is_complete", "test_kernel_info",
      "test_interrupt_stops_a_long_math_cell", "test_sigint_stops_a_synchronous_loop_too",
    ].sort());
    const latency = /INTERRUPT_LATENCY_S ([\d.]+)/.exec(report);
    assert.ok(latency, "the interrupt test did not report its latency");
    console.log(`      (interrupt -> execute_reply in ${latency[1]} s)`);
  });
});
