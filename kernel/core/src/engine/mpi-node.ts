/**
 * The MPI engine (Node only: it launches processes and writes files): `linalg.eigsh(A, { engine: mpi({ np }) })`
 * and `linalg.svd(A, { k, engine: mpi(...) })` hand the problem to SLEPc (Hernandez, Roman & Vidal, "SLEPc: A
 * scalable and flexible toolkit for the solution of eigenvalue problems", ACM TOMS 31, 2005) on PETSc and MPI,
 * the distributed eigensolver scientific computing uses when a matrix outgrows one machine.
 *
 * One solve: A (and B) are written in PETSc's binary format (io/petsc.ts) into a fresh folder under `workdir`,
 * with a job file and a copy of the driver (engines/slepc_driver.py: every rank needs it at the same path, so
 * on a cluster `workdir` must be shared); `mpirun -np <np> [--host|--hostfile] python3 slepc_driver.py job.json`
 * runs Krylov–Schur (eigsh; shift-invert with sigma, GHEP with B) or thick-restart Lanczos bidiagonalization
 * (svd); rank 0 writes the values (JSON) and PETSc gathers the vectors into one binary file, read back here.
 * Nothing leaves the machines the caller names: no network access other than mpirun's own to those hosts.
 */
import { spawnSync } from "child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { cpus, tmpdir } from "os";
import { join, resolve } from "path";
import { ConvergenceError, EigenlabError } from "../errors";
import { message } from "../messages";
import { CsrMatrix } from "../csr";
import { Matrix } from "../matrix";
import { Spectrum, columnsToMatrix } from "../spectrum";
import { stamp } from "../meta";
import { checkOptions, opt } from "../validate";
import { normalizeColumnSignsInPlace, normalizeSignsInPlace } from "../kernels";
import { decodePetscBinary, encodePetscBinary } from "../io/petsc";
import { SvdResult } from "../linalg/svd";
import type { EngineEigshRequest, EngineSvdRequest, SolverEngine } from "../linalg/engine";

export interface MpiOptions {
  /** MPI processes (ranks), default 1. */
  np?: number;
  /** Where the ranks run: a hostfile path, a comma-separated list ("node1:4,node2:4", as mpirun --host), or an
   * array of host names. Default: this machine only. */
  hosts?: string | readonly string[];
  /** Folder for the job's files (default the OS temp folder); with several hosts it must be shared (NFS) at the
   * same path on every host. */
  workdir?: string;
  /** The mpirun to call (default "mpirun" on PATH). */
  mpirun?: string;
  /** The Python with slepc4py on every host (default /usr/bin/python3, Debian's). */
  python?: string;
  /** Extra mpirun arguments, e.g. ["--mca", "btl_tcp_if_include", "eth0"]. */
  mpiArgs?: readonly string[];
  /** Seconds before mpirun is stopped (default 3600). */
  timeout?: number;
  /** Keep the job folder (the PETSc files, job.json, result.json) for inspection (default false). */
  keep?: boolean;
}

const MPI_OPTIONS = {
  np: opt.integer(1, 1 << 20),
  hosts: opt.any,
  workdir: opt.string,
  mpirun: opt.string,
  python: opt.string,
  mpiArgs: opt.any,
  timeout: opt.number(1e-3),
  keep: opt.boolean,
};

/** The driver shipped with the package: kernel/core/engines/, two levels above src/engine and dist/engine. */
const DRIVER = resolve(__dirname, "..", "..", "engines", "slepc_driver.py");
const ERROR_MARK = "EIGENLAB-SLEPC-ERROR ";

interface DriverResult {
  slepc: string;
  petsc: string;
  size: number;
  values: number[];
  nconv: number;
  iterations: number;
  reason: number;
  reasonName: string;
  solver: string;
}

/** An excerpt of mpirun's output: Open MPI prints the cause first (e.g. ssh's "Could not resolve hostname")
 * and then a long generic banner, Python prints a traceback last; keep both ends. */
function tail(text: string, lines = 14): string {
  const all = text.trim().split("\n").filter((l) => l.trim() !== "" && !/^-+$/.test(l.trim()));
  if (all.length <= lines) return all.join("\n");
  const h = Math.ceil(lines / 2);
  return [...all.slice(0, h), "…", ...all.slice(all.length - (lines - h))].join("\n");
}

/**
 * The SLEPc-under-MPI engine made by `mpi(...)`: pass it as `{ engine }` to linalg.eigsh or linalg.svd.
 *
 * @example
 * ```ts
 * const e = new MpiEngine({ np: 2, hosts: "node1:4,node2:4" });
 * e.name; // => "mpi (SLEPc, np 2, hosts node1:4,node2:4)"
 * e.np; // => 2
 * ```
 */
export class MpiEngine implements SolverEngine {
  readonly isEigenlabEngine = true as const;
  readonly np: number;
  readonly hosts: readonly string[] | undefined;
  readonly hostfile: string | undefined;
  readonly workdir: string;
  readonly mpirun: string;
  readonly python: string;
  readonly mpiArgs: readonly string[];
  readonly timeout: number;
  readonly keep: boolean;

  constructor(opts: MpiOptions = {}) {
    checkOptions("mpi", opts, MPI_OPTIONS);
    this.np = opts.np ?? 1;
    const hosts = opts.hosts;
    if (hosts !== undefined) {
      if (typeof hosts === "string" && hosts.trim() !== "" && existsSync(hosts) && statSync(hosts).isFile()) this.hostfile = resolve(hosts);
      else if (typeof hosts === "string" && /^[A-Za-z0-9_.:\-]+(,[A-Za-z0-9_.:\-]+)*$/.test(hosts)) this.hosts = hosts.split(",");
      else if (Array.isArray(hosts) && hosts.length > 0 && hosts.every((h) => typeof h === "string" && /^[A-Za-z0-9_.:\-]+$/.test(h))) this.hosts = [...hosts];
      else throw new EigenlabError("bad-option", message.mpiBadHosts(typeof hosts === "string" ? JSON.stringify(hosts) + " (no such file, and not a host list)" : String(hosts)));
    }
    if (opts.mpiArgs !== undefined && !(Array.isArray(opts.mpiArgs) && opts.mpiArgs.every((a) => typeof a === "string"))) {
      throw new EigenlabError("bad-option", message.mpiBadArgs(String(opts.mpiArgs)));
    }
    this.mpiArgs = opts.mpiArgs ? [...opts.mpiArgs] : [];
    this.workdir = resolve(opts.workdir ?? tmpdir());
    if (!existsSync(this.workdir) || !statSync(this.workdir).isDirectory()) throw new EigenlabError("bad-option", message.mpiWorkdir(this.workdir, "no such folder"));
    this.mpirun = opts.mpirun ?? "mpirun";
    this.python = opts.python ?? "/usr/bin/python3";
    this.timeout = opts.timeout ?? 3600;
    this.keep = opts.keep ?? false;
  }

  get name(): string {
    return `mpi (SLEPc, np ${this.np}${this.hostfile ? `, hostfile ${this.hostfile}` : this.hosts ? `, hosts ${this.hosts.join(",")}` : ""})`;
  }

  /** The host names for meta: the hostfile's first words, the host list, or this machine. */
  private hostNames(): string[] {
    if (this.hosts) return this.hosts.map((h) => h.split(":")[0]);
    if (this.hostfile) {
      return readFileSync(this.hostfile, "utf8")
        .split("\n")
        .map((l) => l.replace(/#.*/, "").trim().split(/\s+/)[0])
        .filter((h) => h);
    }
    return ["localhost"];
  }

  /** Writes the job, runs mpirun, returns the driver's result and the vectors it wrote. */
  private run(job: Record<string, unknown>, files: Record<string, CsrMatrix>): { result: DriverResult; vectors: Float64Array[]; seconds: number } {
    let dir: string;
    try {
      dir = mkdtempSync(join(this.workdir, "eigenlab-slepc-"));
    } catch (e) {
      throw new EigenlabError("bad-option", message.mpiWorkdir(this.workdir, (e as Error).message));
    }
    const t0 = performance.now();
    try {
      for (const [name, M] of Object.entries(files)) writeFileSync(join(dir, name), encodePetscBinary(M));
      const driver = join(dir, "slepc_driver.py");
      copyFileSync(DRIVER, driver);
      const jobPath = join(dir, "job.json");
      writeFileSync(jobPath, JSON.stringify(job));
      const args: string[] = ["-np", String(this.np)];
      if (this.hostfile) args.push("--hostfile", this.hostfile);
      else if (this.hosts) args.push("--host", this.hosts.join(","));
      args.push(...this.mpiArgs, this.python, driver, jobPath);
      // Open MPI's switches go by environment (its --allow-run-as-root / --oversubscribe flags would break
      // another mpirun): it refuses to run as root without them (containers, CI), and refuses more ranks than
      // cores on this machine unless told to oversubscribe.
      const env: NodeJS.ProcessEnv = { ...process.env };
      if (typeof process.getuid === "function" && process.getuid() === 0) {
        env.OMPI_ALLOW_RUN_AS_ROOT = "1";
        env.OMPI_ALLOW_RUN_AS_ROOT_CONFIRM = "1";
      }
      if (!this.hostfile && !this.hosts && this.np > cpus().length) env.OMPI_MCA_rmaps_base_oversubscribe = "1";
      const res = spawnSync(this.mpirun, args, { encoding: "utf8", timeout: this.timeout * 1000, maxBuffer: 1 << 26, cwd: dir, env });
      const stderr = `${res.stderr ?? ""}`;
      const mark = stderr.indexOf(ERROR_MARK);
      if (mark >= 0) {
        const line = stderr.slice(mark + ERROR_MARK.length).split("\n")[0];
        let err: { kind: string; message: string };
        try {
          err = JSON.parse(line) as { kind: string; message: string };
        } catch {
          err = { kind: "slepc", message: line };
        }
        if (err.kind === "no-slepc") throw new EigenlabError("engine-unavailable", message.slepcMissing(err.message));
        throw new EigenlabError("engine-failed", message.slepcFailed(err.message));
      }
      if (res.error) {
        const code = (res.error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "EACCES") throw new EigenlabError("engine-unavailable", message.mpiNotFound(this.mpirun, code === "ENOENT" ? "not found on PATH" : "not executable"));
        if (code === "ETIMEDOUT") throw new EigenlabError("engine-failed", message.mpiTimeout(this.mpirun, this.timeout));
        throw new EigenlabError("engine-failed", message.mpiFailed(this.mpirun, res.error.message, tail(stderr + (res.stdout ?? ""))));
      }
      const resultPath = join(dir, "result.json");
      if (res.status !== 0 || !existsSync(resultPath)) {
        // A python that cannot start (missing on a host) or an MPI launch failure (a host unreachable).
        const status = res.status !== null ? `exit status ${res.status}` : `signal ${res.signal}`;
        if (/No such file or directory|not found/.test(stderr) && stderr.includes(this.python)) {
          throw new EigenlabError("engine-unavailable", message.slepcMissing(`${this.python} could not be started (${tail(stderr, 3)})`));
        }
        throw new EigenlabError("engine-failed", message.mpiFailed(this.mpirun, status, tail(stderr + (res.stdout ?? "")) || "(no output)"));
      }
      const result = JSON.parse(readFileSync(resultPath, "utf8")) as DriverResult;
      const vpath = join(dir, "vectors.petsc");
      const vectors = existsSync(vpath) && statSync(vpath).size > 0 ? (decodePetscBinary(readFileSync(vpath), vpath) as Float64Array[]) : [];
      const want = (job.op === "svd" ? 2 : 1) * result.values.length;
      if (vectors.length !== want || !vectors.every((v) => v instanceof Float64Array)) {
        throw new EigenlabError("engine-failed", message.slepcFailed(`the driver wrote ${result.values.length} values but ${vectors.length} vectors (expected ${want}) in ${vpath}`));
      }
      return { result, vectors, seconds: (performance.now() - t0) / 1000 };
    } finally {
      if (!this.keep) rmSync(dir, { recursive: true, force: true });
    }
  }

  private engineMeta(r: DriverResult): Record<string, unknown> {
    const hosts = this.hostNames();
    return {
      engine: `SLEPc ${r.slepc} (PETSc ${r.petsc}) under mpirun, ${r.size} process${r.size === 1 ? "" : "es"} on ${hosts.join(", ")}`,
      processes: r.size,
      hosts,
      slepcVersion: r.slepc,
      petscVersion: r.petsc,
    };
  }

  /**
   * Solves a checked eigsh request (what `linalg.eigsh(A, { engine })` builds) with SLEPc's Krylov–Schur.
   *
   * @example
   * ```ts
   * const A = CsrMatrix.diag([1, 2, 3, 4, 5]);
   * mpi({ np: 1 }).eigsh({ A, k: 2, which: "LA", tol: 1e-10, maxIter: 100, inputHash: "" }).values; // => [4, 5]
   * ```
   */
  eigsh(req: EngineEigshRequest): Spectrum {
    const t0 = performance.now();
    const n = req.A.rows;
    const files: Record<string, CsrMatrix> = { "A.petsc": req.A };
    if (req.B) files["B.petsc"] = req.B;
    const job = {
      op: "eigsh",
      A: "A.petsc",
      B: req.B ? "B.petsc" : null,
      k: req.k,
      which: req.which,
      sigma: req.sigma ?? null,
      tol: req.tol,
      maxIter: req.maxIter,
      ncv: req.ncv ?? null,
    };
    const { result, vectors } = this.run(job, files);
    const cnt = result.values.length;
    // Ascending values; each vector normalized (B-normalized for a generalized problem, as the local eigsh).
    const order = Array.from({ length: cnt }, (_, i) => i).sort((a, b) => result.values[a] - result.values[b]);
    const values = Float64Array.from(order, (i) => result.values[i]);
    const vecs = new Float64Array(n * cnt);
    const residuals = new Float64Array(cnt);
    order.forEach((src, c) => {
      const x = vectors[src];
      const Bx = req.B ? req.B.matvec(x) : x;
      let xBx = 0;
      for (let i = 0; i < n; i++) xBx += x[i] * Bx[i];
      const s = 1 / Math.sqrt(xBx);
      for (let i = 0; i < n; i++) vecs[c * n + i] = x[i] * s;
    });
    normalizeSignsInPlace(vecs, n, cnt);
    // Explicit residuals ‖A x − λ B x‖ of the returned pairs (SLEPc's own estimates stay on the ranks).
    for (let c = 0; c < cnt; c++) {
      const x = vecs.subarray(c * n, (c + 1) * n);
      const Ax = req.A.matvec(x);
      const Bx = req.B ? req.B.matvec(x) : x;
      let s = 0;
      for (let i = 0; i < n; i++) s += (Ax[i] - values[c] * Bx[i]) ** 2;
      residuals[c] = Math.sqrt(s);
    }
    const solver = `eigsh:slepc-${result.solver}`;
    if (cnt < req.k) {
      throw new ConvergenceError(message.slepcNoConvergence(solver, cnt, req.k, result.iterations, req.tol, result.reasonName), {
        values,
        vectors: { rows: n, cols: cnt, data: columnsToMatrix(vecs, n, cnt).data },
        residuals,
        iterations: result.iterations,
      });
    }
    return new Spectrum({
      values,
      vectors: columnsToMatrix(vecs, n, cnt),
      residuals,
      iterations: result.iterations,
      converged: cnt,
      meta: stamp({
        solver,
        backend: "mpi",
        inputShape: [n, n],
        inputHash: req.inputHash,
        tol: req.tol,
        iterations: result.iterations,
        converged: cnt,
        residualNorms: Array.from(residuals),
        which: req.which,
        k: req.k,
        ...(req.sigma !== undefined ? { sigma: req.sigma } : {}),
        ...(req.B ? { generalized: true } : {}),
        ...this.engineMeta(result),
        timeMs: performance.now() - t0,
      }),
    });
  }

  /**
   * Solves a checked svd request (what `linalg.svd(A, { k, engine })` builds) with SLEPc's thick-restart
   * Lanczos bidiagonalization.
   *
   * @example
   * ```ts
   * const A = CsrMatrix.fromTriplets(3, 2, [0, 1], [0, 1], [3, -4]);
   * mpi({ np: 1 }).svd({ A, k: 1, tol: 1e-12, maxIter: 100 }).s; // => [4]
   * ```
   */
  svd(req: EngineSvdRequest): SvdResult {
    const t0 = performance.now();
    const { rows: m, cols: n } = req.A;
    const job = { op: "svd", A: "A.petsc", k: req.k, tol: req.tol, maxIter: req.maxIter };
    const { result, vectors } = this.run(job, { "A.petsc": req.A });
    const k = result.values.length;
    // The driver writes u_1..u_k then v_1..v_k; s comes descending (SLEPc's LARGEST order).
    const U = new Float64Array(m * k);
    const V = new Float64Array(n * k);
    for (let j = 0; j < k; j++) {
      const u = vectors[j];
      const v = vectors[k + j];
      for (let i = 0; i < m; i++) U[i * k + j] = u[i];
      for (let i = 0; i < n; i++) V[i * k + j] = v[i];
    }
    normalizeColumnSignsInPlace(U, m, k, V, n);
    const s = Float64Array.from(result.values);
    const solver = `svd:slepc-${result.solver}`;
    if (k < req.k) {
      throw new ConvergenceError(message.slepcNoConvergence(solver, k, req.k, result.iterations, req.tol, result.reasonName), {
        values: s,
        vectors: { rows: m, cols: k, data: U },
        residuals: new Float64Array(k),
        iterations: result.iterations,
      });
    }
    return new SvdResult({
      U: new Matrix(m, k, U),
      s,
      V: new Matrix(n, k, V),
      meta: stamp({
        solver,
        backend: "mpi",
        inputShape: [m, n],
        inputHash: req.inputHash,
        tol: req.tol,
        iterations: result.iterations,
        converged: k,
        ...this.engineMeta(result),
        timeMs: performance.now() - t0,
      }),
    });
  }
}

/**
 * An engine that runs `linalg.eigsh` / `linalg.svd` in SLEPc (Krylov–Schur, shift-invert, generalized
 * problems; thick-restart Lanczos bidiagonalization) under `mpirun` on `np` processes, on this machine or on
 * the hosts named (a hostfile or a list; `workdir` shared by them). Needs Open MPI and slepc4py (Debian:
 * `openmpi-bin`, `python3-slepc4py-real`). The result is the same `Spectrum` / `SvdResult`, with
 * `meta.engine` naming SLEPc's version, the process count and the hosts.
 *
 * @example
 * ```ts
 * const W = data.sbm({ sizes: [30, 30], pIn: 0.5, pOut: 0.05, seed: 1 }).graph;
 * const L = graph.laplacian(W);
 * const S = linalg.eigsh(L, { k: 2, which: "SA", engine: mpi({ np: 2 }) });
 * Math.abs(S.values[0]) < 1e-8; // => true
 * S.meta.processes; // => 2
 * (S.meta.engine as string).startsWith("SLEPc 3."); // => true
 * ```
 */
export function mpi(opts: MpiOptions = {}): MpiEngine {
  return new MpiEngine(opts);
}
