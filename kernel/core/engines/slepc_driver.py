"""Eigenlab's SLEPc driver, run by linalg.eigsh / linalg.svd with engine: mpi(...) under mpirun.

Every rank runs this script; PETSc distributes the matrix read from the binary file (MatLoad) over the ranks.
Inputs: a job file (JSON) naming the operation and the matrices in PETSc binary format. Outputs, written by
rank 0 into the job's directory: result.json (values, iterations, converged count, SLEPc's version and reason)
and vectors.petsc (the eigenvectors, or the left then right singular vectors, as Vecs in order).

A failure is reported as one line "EIGENLAB-SLEPC-ERROR <json>" on stderr and exit status 3, so the caller can
tell SLEPc's own message from an MPI launch failure.
"""
import glob
import json
import os
import re
import sys


def _fail(kind, text):
    sys.stderr.write("EIGENLAB-SLEPC-ERROR " + json.dumps({"kind": kind, "message": text}) + "\n")
    sys.stderr.flush()
    sys.exit(3)


def _import_slepc():
    # Debian's python3-petsc4py-real / python3-slepc4py-real put the modules under /usr/lib/petscdir/... and
    # /usr/lib/slepcdir/..., reached through .pth files that expect the /usr/lib/petsc and /usr/lib/slepc
    # alternatives links (created by the -dev packages only) or PETSC_DIR / SLEPC_DIR. Add the installed real
    # builds' module folders ourselves, so the engine works with the runtime packages alone, on every host.
    try:
        import petsc4py  # noqa: F401
        import slepc4py  # noqa: F401
    except ImportError:
        for pattern in ("/usr/lib/petscdir/petsc*/*-real/lib/python3/dist-packages", "/usr/lib/slepcdir/slepc*/*-real/lib/python3/dist-packages"):
            for d in sorted(glob.glob(pattern), reverse=True):
                if d not in sys.path:
                    sys.path.append(d)
    try:
        import slepc4py
        slepc4py.init([sys.argv[0]])
        from petsc4py import PETSc
        from slepc4py import SLEPc
    except ImportError as e:
        _fail("no-slepc", "slepc4py/petsc4py could not be imported by %s (%s)" % (sys.executable, e))
    return PETSc, SLEPc


def main():
    job_path = sys.argv[1]
    with open(job_path) as f:
        job = json.load(f)
    PETSc, SLEPc = _import_slepc()
    comm = PETSc.COMM_WORLD
    rank = comm.getRank()
    workdir = os.path.dirname(os.path.abspath(job_path))

    def load(name):
        viewer = PETSc.Viewer().createBinary(os.path.join(workdir, name), "r", comm=comm)
        M = PETSc.Mat().create(comm=comm)
        M.setType(PETSc.Mat.Type.AIJ)
        M.load(viewer)
        viewer.destroy()
        return M

    version = "%d.%d.%d" % SLEPc.Sys.getVersion()
    A = load(job["A"])
    k = int(job["k"])
    tol = float(job["tol"])
    max_it = int(job["maxIter"])
    out_vecs = []
    result = {"slepc": version, "petsc": "%d.%d.%d" % PETSc.Sys.getVersion(), "size": comm.getSize()}
    try:
        if job["op"] == "eigsh":
            B = load(job["B"]) if job.get("B") else None
            E = SLEPc.EPS().create(comm=comm)
            E.setOperators(A, B)
            E.setProblemType(SLEPc.EPS.ProblemType.GHEP if B is not None else SLEPc.EPS.ProblemType.HEP)
            E.setType(SLEPc.EPS.Type.KRYLOVSCHUR)
            E.setDimensions(k, PETSc.DECIDE if job.get("ncv") is None else int(job["ncv"]))
            # Eigenlab's tol is relative to the operator's norm (eigsh's ‖r‖ ≤ tol·‖C‖), not to |λ| (SLEPc's
            # default EPS_CONV_REL would hold a Laplacian's zero eigenvalue to an absolute precision below rounding).
            E.setConvergenceTest(SLEPc.EPS.Conv.NORM)
            E.setTolerances(tol, max_it)
            which = job["which"]
            if job.get("sigma") is not None:
                # Shift-invert (Ericsson & Ruhe 1980): eigenvalues nearest sigma, (A - sigma B)^-1 factored by a
                # parallel direct solver (MUMPS, in Debian's PETSc).
                E.setTarget(float(job["sigma"]))
                E.setWhichEigenpairs(SLEPc.EPS.Which.TARGET_MAGNITUDE)
                st = E.getST()
                st.setType(SLEPc.ST.Type.SINVERT)
                _direct_solver(PETSc, st.getKSP(), comm)
            else:
                E.setWhichEigenpairs({
                    "SA": SLEPc.EPS.Which.SMALLEST_REAL,
                    "LA": SLEPc.EPS.Which.LARGEST_REAL,
                    "LM": SLEPc.EPS.Which.LARGEST_MAGNITUDE,
                    "SM": SLEPc.EPS.Which.SMALLEST_MAGNITUDE,
                }[which])
                if B is not None:
                    # The generalized problem needs B^-1 applied: a parallel direct solve (MUMPS). Purification
                    # (x <- B^-1 A x, on by default) is for shift-invert; with the plain shift it maps the
                    # eigenvector of a zero eigenvalue (a Laplacian's) to rounding noise: measured ||Ax|| = 2.4
                    # on a 2000-node graph Laplacian with B = D. Off here, the vectors' residuals are 1e-10.
                    E.setPurify(False)
                    _direct_solver(PETSc, E.getST().getKSP(), comm)
            E.solve()
            nconv = E.getConverged()
            its = E.getIterationNumber()
            reason = E.getConvergedReason()
            values = []
            xr = A.createVecs("right")
            for i in range(min(nconv, k)):
                lam = E.getEigenpair(i, xr)
                values.append(float(lam.real))
                out_vecs.append(xr.copy())
            result.update({"values": values, "nconv": nconv, "iterations": its, "reason": int(reason),
                           "reasonName": _reason_name(SLEPc.EPS.ConvergedReason, reason),
                           "solver": "krylovschur" + ("+sinvert" if job.get("sigma") is not None else "")})
        elif job["op"] == "svd":
            S = SLEPc.SVD().create(comm=comm)
            S.setOperators(A)
            S.setType(SLEPc.SVD.Type.TRLANCZOS)
            S.setDimensions(k)
            S.setWhichSingularTriplets(SLEPc.SVD.Which.LARGEST)
            S.setTolerances(tol, max_it)
            S.solve()
            nconv = S.getConverged()
            its = S.getIterationNumber()
            reason = S.getConvergedReason()
            values = []
            us, vs = [], []
            v, u = A.createVecs()
            for i in range(min(nconv, k)):
                s = S.getSingularTriplet(i, u, v)
                values.append(float(s))
                us.append(u.copy())
                vs.append(v.copy())
            out_vecs = us + vs
            result.update({"values": values, "nconv": nconv, "iterations": its, "reason": int(reason),
                           "reasonName": _reason_name(SLEPc.SVD.ConvergedReason, reason), "solver": "trlanczos"})
        else:
            _fail("bad-job", "unknown operation %r" % job["op"])
    except PETSc.Error as e:
        # str(e) holds PETSc's traceback ("[r] Func() at file:line") and its messages: keep the messages.
        lines = [re.sub(r"^\[\d+\]\s*", "", l).strip() for l in str(e).splitlines()]
        text = "; ".join(l for l in lines if l and not re.search(r"\w\(\) at \S+:\d+$", l) and not l.startswith("error code"))
        _fail("slepc", "PETSc/SLEPc error %s: %s" % (getattr(e, "ierr", "?"), text or "see the PETSc output above"))

    # Every rank takes part in viewing the distributed vectors; PETSc gathers them into the one file.
    viewer = PETSc.Viewer().createBinary(os.path.join(workdir, "vectors.petsc"), "w", comm=comm)
    for x in out_vecs:
        x.view(viewer)
    viewer.destroy()
    if rank == 0:
        tmp = os.path.join(workdir, "result.json.tmp")
        with open(tmp, "w") as f:
            json.dump(result, f)
        os.replace(tmp, os.path.join(workdir, "result.json"))


def _direct_solver(PETSc, ksp, comm):
    # A sparse LU (A - sigma B is indefinite): MUMPS where PETSc has it (Debian's does), else SuperLU_DIST on
    # several ranks, else PETSc's own sequential LU.
    ksp.setType(PETSc.KSP.Type.PREONLY)
    pc = ksp.getPC()
    pc.setType(PETSc.PC.Type.LU)
    if PETSc.Sys.hasExternalPackage("mumps"):
        pc.setFactorSolverType("mumps")
    elif comm.getSize() > 1 and PETSc.Sys.hasExternalPackage("superlu_dist"):
        pc.setFactorSolverType("superlu_dist")


def _reason_name(enum, value):
    for name in dir(enum):
        if not name.startswith("_") and getattr(enum, name) == value:
            return name
    return str(value)


if __name__ == "__main__":
    main()
