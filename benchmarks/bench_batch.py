"""Throughput of `playbook batch` against naive papermill and the rendering limit.

    make bench                                               # N = 10 and 40, writes README.md
    .venv/bin/python benchmarks/bench_batch.py --quick       # smoke run, N = 2, writes nothing

On the same seeded, synthetic engagements (variations of the bundled
examples), each mode runs in its own fresh process, timed from start to end and
watched for peak memory (RSS of the whole process tree):

  naive      papermill's default: a fresh kernel per notebook, one after another
             (on a few clients: its throughput does not depend on N)
  batch-J    `playbook batch --jobs J` into an empty folder
  refresh-J  the same batch again after one engagement was edited (incremental run)
  direct-J   the limit: the notebooks' rendering calls (`playbook.run.direct`)
             in J warm processes, no notebook at all
  run/cold   one client: `playbook run` against a cold Python process calling
             the same rendering code for every deliverable
  cluster-J  with `--cluster`: the same batch on a Dask scheduler and J workers
             (one thread each) started from the command line on this machine
             (`playbook batch --dask`); its files are compared with batch-J's
             (Word and PowerPoint parts, timestamps aside)

Every measure is repeated (`--repeat`, default 3) and the modes interleaved in
turning order, so that a busy spell on a shared machine slows each in turn; the
ratios are taken between medians.

The deliverable notebooks are the repository's (`notebooks/`); while they are
missing, thin notebooks calling `playbook.run.direct.produce` stand in for them
(reported as such). Results are printed; with `--write-readme` (never in a smoke
run) the table at the top of benchmarks/README.md is replaced with them and the
machine, and the notes below it (from its first `## ` heading) are kept.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import gc
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playbook.run.registry import DEFAULT_NOTEBOOKS_DIR, DELIVERABLES  # noqa: E402

EXAMPLES = ROOT / "playbook" / "examples"
NAMES = ["Laiterie", "Mutuelle", "Transports", "Assurances", "Cimenterie", "Banque", "Éditions",
         "Hôtellerie", "Distribution", "Énergies"]
PLACES = ["du Val", "de l'Estuaire", "des Monts", "Atlantique", "du Littoral", "Rhodanienne",
          "Horizon", "Boréale", "des Causses", "du Bocage"]


def make_engagements(n: int, folder: Path, seed: int = 7) -> list[Path]:
    """N valid engagements: the examples with other names, headcounts and impacts."""
    from playbook.errors import IntakeError
    from playbook.intake import load_engagement

    rng = random.Random(seed)
    bases = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.yaml"))]
    paths = []
    for i in range(n):
        data = copy.deepcopy(bases[i % len(bases)])
        data["engagement"]["client"] = f"{rng.choice(NAMES)} {rng.choice(PLACES)} {i + 1:02d}"
        for population in data.get("populations", []):
            population["headcount"] = max(1, int(population["headcount"] * rng.uniform(0.5, 2.0)))
        for impact in data.get("impacts", []):
            impact["intensity"] = rng.randint(0, 3)
        path = folder / f"client-{i + 1:02d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        try:
            load_engagement(path)
        except IntakeError:  # a variation broke a rule: keep the example's own values
            data = copy.deepcopy(bases[i % len(bases)])
            data["engagement"]["client"] = f"Client {i + 1:02d}"
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def thin_notebooks(folder: Path) -> Path:
    """Stand-ins for the deliverable notebooks: parameters, then the rendering call."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    for name, file in DELIVERABLES.items():
        nb = new_notebook(cells=[
            new_code_cell('engagement_path = ""\nlang = ""\noutput_dir = ""\ntemplates_dir = ""\n'
                          'method_dir = ""', metadata={"tags": ["parameters"]}),
            new_code_cell("from playbook.run.direct import produce\n"
                          f"produce({name!r}, engagement_path, lang, output_dir, templates_dir, method_dir)"),
        ])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / file)
    return folder


# ---- modes, each run in a fresh process by `measure` -------------------------------------

def mode_naive(engagements: list[str], out: str, notebooks: str) -> None:
    import papermill

    for path in engagements:
        target = Path(out) / Path(path).stem
        target.mkdir(parents=True)
        for name, file in DELIVERABLES.items():
            papermill.execute_notebook(
                str(Path(notebooks) / file), str(target / f"{name}.ipynb"), progress_bar=False,
                parameters={"engagement_path": path, "lang": "", "output_dir": str(target),
                            "templates_dir": "", "method_dir": ""},
            )


def _direct_client(args) -> None:
    from playbook.run.direct import produce

    path, out = args
    target = Path(out) / Path(path).stem
    target.mkdir(parents=True)
    for name in DELIVERABLES:
        produce(name, path, "", target)


def mode_direct(engagements: list[str], out: str, jobs: int) -> None:
    import multiprocessing

    import playbook.analysis.engine  # noqa: F401 - warm, as `playbook batch` is
    import playbook.intake  # noqa: F401
    import playbook.render.deliverables  # noqa: F401

    # The batch's warm parent leaves what it imported out of later collections
    # (`run.warm`); the limit's processes do the same, or each client would pay a
    # full scan of the warm objects that the batch does not.
    gc.collect()
    gc.freeze()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        pool.map(_direct_client, [(p, out) for p in engagements], chunksize=1)


def measure(command: list[str]) -> tuple[float, float, int]:
    """Wall time, peak RSS of the process tree (MiB) and exit status of `command`."""
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    if process.returncode:
        sys.stderr.write(process.stderr.read().decode(errors="replace")[-2000:])
    return seconds, peak / 2**20, process.returncode


def edit_one(path: str) -> None:
    """What a consultant's day does to one engagement: one population's headcount changes."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    data["populations"][0]["headcount"] += 1
    Path(path).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10, 40])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3,
                        help="repetitions of every measure, interleaved; medians are reported")
    parser.add_argument("--naive-n", type=int, default=4,
                        help="clients run the naive way (its throughput does not depend on N)")
    parser.add_argument("--quick", action="store_true", help="smoke run: N = 2, once")
    parser.add_argument("--cluster", action="store_true",
                        help="also measure the batch on a local Dask cluster of --jobs workers")
    parser.add_argument("--notebooks", type=Path, default=None)
    parser.add_argument("--write-readme", action="store_true",
                        help="record the results in benchmarks/README.md (not with --quick)")
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    parser.add_argument("--args", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.quick and options.write_readme:
        parser.error("--write-readme records real runs only, not the --quick smoke run")
    if options.quick:
        options.n, options.repeat, options.naive_n = [2], 1, 1
    return options


class Bench:
    """The measures of one benchmark run, each in a fresh process, and their rows."""

    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        self.jobs = options.jobs
        self.scratch = Path(tempfile.mkdtemp(prefix="playbook-bench-"))
        notebooks = options.notebooks or DEFAULT_NOTEBOOKS_DIR
        self.standing_in = not all((notebooks / f).is_file() for f in DELIVERABLES.values())
        if self.standing_in:
            notebooks = thin_notebooks(Path(tempfile.mkdtemp(prefix="playbook-notebooks-")))
        self.notebooks = notebooks
        self.cli = [sys.executable, "-c", "import sys; from playbook.cli import main; sys.exit(main())"]
        self.rows: list[dict] = []
        self._runs = 0
        self.cluster: Cluster | None = None
        self.differing: dict[int, int] = {}

    def fresh(self, label: str) -> Path:
        self._runs += 1
        return self.scratch / f"{label}-{self._runs}"

    def child(self, mode: str, engagements: list[str], **extra):
        payload = json.dumps({"engagements": engagements, "out": str(self.fresh(mode)), **extra})
        return measure([sys.executable, __file__, "--mode", mode, "--args", payload])

    def batch(self, engagements: list[str], out: Path):
        return measure([*self.cli, "batch", *engagements, "--jobs", str(self.jobs), "--out",
                        str(out), "--notebooks", str(self.notebooks)])

    def record(self, n: int, mode: str, result, clients: int | None = None) -> None:
        seconds, peak, status = result
        clients = n if clients is None else clients
        self.rows.append({"n": n, "mode": mode, "seconds": seconds,
                          "pairs_per_s": clients * len(DELIVERABLES) / seconds, "peak_mib": peak, "status": status})
        print(f"N={n:<3} {mode:<10} {seconds:7.1f} s  {clients * len(DELIVERABLES) / seconds:6.2f} pairs/s  "
              f"peak {peak:7.0f} MiB  exit {status}", flush=True)

    def size(self, n: int) -> None:
        """Naive once, then batch (with its refresh) and direct, interleaved."""
        folder = self.scratch / f"n{n}"
        folder.mkdir()
        engagements = [str(p) for p in make_engagements(n, folder)]
        naive_set = engagements[: self.options.naive_n]
        self.record(n, "naive", self.child("naive", naive_set, notebooks=str(self.notebooks)),
                    clients=len(naive_set))
        for rep in range(self.options.repeat):
            # The order turns each time: a busy spell on a shared machine then
            # slows each mode in turn, and the medians absorb it.
            if rep % 2:
                self.direct(n, engagements)
            self.batch_and_refresh(n, engagements, rep)
            if not rep % 2:
                self.direct(n, engagements)

    def direct(self, n: int, engagements: list[str]) -> None:
        self.record(n, f"direct-{self.jobs}", self.child("direct", engagements, jobs=self.jobs))

    def batch_and_refresh(self, n: int, engagements: list[str], rep: int) -> None:
        out = self.fresh("batch")
        self.record(n, f"batch-{self.jobs}", self.batch(engagements, out))
        if self.cluster is not None:
            on_cluster = self.fresh("cluster")
            self.record(n, f"cluster-{self.jobs}", measure([
                *self.cli, "batch", *engagements, "--dask", self.cluster.address, "--out",
                str(on_cluster), "--notebooks", str(self.notebooks)]))
            self.differing[n] = differing_files(out, on_cluster)
        # The quarterly refresh: one engagement edited, the same batch again.
        edited = Path(engagements[rep % n])
        kept = edited.read_bytes()
        edit_one(str(edited))
        self.record(n, f"refresh-{self.jobs}", self.batch(engagements, out))
        edited.write_bytes(kept)

    def one_client(self) -> None:
        """`playbook run` against a cold process rendering the same files, interleaved."""
        (self.scratch / "one").mkdir()
        one = str(make_engagements(1, self.scratch / "one")[0])
        direct_call = ("import sys; from playbook.run.direct import produce\n"
                       f"for name in {list(DELIVERABLES)!r}: produce(name, {one!r}, '', sys.argv[1])")
        for rep in range(self.options.repeat):
            pair = [
                ("cold", lambda: measure([sys.executable, "-c", direct_call, str(self.fresh("cold"))])),
                ("run", lambda: measure([*self.cli, "run", one, "--out", str(self.fresh("run")),
                                         "--notebooks", str(self.notebooks)])),
            ]
            for mode, call in pair if rep % 2 == 0 else reversed(pair):
                self.record(1, mode, call())


class Cluster:
    """`dask scheduler` and `workers` `dask worker`s (one thread each), started
    from the command line in a working folder of their own, as a user would."""

    def __init__(self, workers: int, scratch: Path) -> None:
        self.workers, self.folder = workers, scratch / "cluster"
        self.processes: list[subprocess.Popen] = []
        self.address = ""

    def __enter__(self) -> Cluster:
        dask = str(Path(sys.executable).with_name("dask"))
        self.folder.mkdir(parents=True)
        file = self.folder / "scheduler.json"
        quiet = {"cwd": self.folder, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.processes.append(subprocess.Popen(
            [dask, "scheduler", "--scheduler-file", str(file), "--port", "0", "--no-dashboard"],
            **quiet))
        while not file.is_file():
            time.sleep(0.1)
        self.address = json.loads(file.read_text())["address"]
        for _ in range(self.workers):
            self.processes.append(subprocess.Popen(
                [dask, "worker", self.address, "--nthreads", "1", "--no-dashboard"], **quiet))
        from distributed import Client

        with Client(self.address) as client:
            client.wait_for_workers(self.workers, timeout=120)
        return self

    def __exit__(self, *exc) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _parts(data: bytes) -> dict[str, bytes]:
    """A docx, pptx or embedded workbook's parts, without those recording when it was written."""
    import io
    import zipfile

    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name == "docProps/core.xml":
                continue
            part = archive.read(name)
            parts.update({f"{name}/{k}": v for k, v in _parts(part).items()} if name.endswith(".xlsx")
                         else {name: part})
    return parts


def differing_files(a: Path, b: Path) -> int:
    """Word and PowerPoint files of `a` missing from `b` or different there, and back."""
    names = {p.relative_to(a) for p in a.rglob("*") if p.suffix in (".docx", ".pptx")}
    names |= {p.relative_to(b) for p in b.rglob("*") if p.suffix in (".docx", ".pptx")}
    return sum(1 for n in names if not ((a / n).is_file() and (b / n).is_file())
               or _parts((a / n).read_bytes()) != _parts((b / n).read_bytes()))


def main() -> None:
    options = parse_options()
    if options.mode:  # a measured child process
        args = json.loads(options.args)
        {"naive": mode_naive, "direct": mode_direct}[options.mode](**args)
        return
    bench = Bench(options)
    with Cluster(options.jobs, bench.scratch) if options.cluster else contextlib.nullcontext() as cluster:
        if cluster is not None:
            bench.cluster = cluster
            (bench.scratch / "warm").mkdir()
            warm = [str(p) for p in make_engagements(options.jobs, bench.scratch / "warm")]
            measure([*bench.cli, "batch", *warm, "--dask", cluster.address, "--out",
                     str(bench.fresh("warm")), "--notebooks", str(bench.notebooks)])
        for n in options.n:
            bench.size(n)
    bench.one_client()
    for n, count in bench.differing.items():
        print(f"N={n}: files differing between cluster-{options.jobs} and batch-{options.jobs}: {count}")
    summary = ratios(bench.rows, options.jobs)
    for line in summary:
        print(line)
    if options.write_readme:
        write_readme(bench.rows, summary, bench.standing_in, options)


def _medians(rows: list[dict], n: int, mode: str) -> dict:
    chosen = [r for r in rows if r["n"] == n and r["mode"] == mode]
    return {key: median([r[key] for r in chosen]) for key in ("seconds", "pairs_per_s", "peak_mib")}


def ratios(rows: list[dict], jobs: int) -> list[str]:
    """The targets' ratios, each from medians of the interleaved repetitions."""
    lines = []
    sizes = sorted({r["n"] for r in rows if r["n"] > 1})
    for n in sizes:
        batch, naive = _medians(rows, n, f"batch-{jobs}"), _medians(rows, n, "naive")
        direct, refresh = _medians(rows, n, f"direct-{jobs}"), _medians(rows, n, f"refresh-{jobs}")
        lines.append(
            f"N={n}: batch-{jobs} / naive = {batch['pairs_per_s'] / naive['pairs_per_s']:.1f}x; "
            f"batch-{jobs} / direct-{jobs} = {batch['pairs_per_s'] / direct['pairs_per_s']:.0%} "
            f"(target >= 90%); refresh after one edit / full batch = "
            f"{refresh['seconds'] / batch['seconds']:.0%} (target <= 5% at N = 40); "
            f"direct-{jobs}: {direct['seconds'] * jobs / n:.1f} s of the {jobs} cores per client "
            "(target <= 2.4 s of CPU)"
        )
        if any(r["n"] == n and r["mode"] == f"cluster-{jobs}" for r in rows):
            cluster = _medians(rows, n, f"cluster-{jobs}")
            lines.append(f"N={n}: cluster-{jobs} / batch-{jobs} = "
                         f"{cluster['pairs_per_s'] / batch['pairs_per_s']:.0%} (target >= 85%)")
    if len(sizes) > 1:
        small, large = (_medians(rows, s, f"batch-{jobs}")["peak_mib"] for s in (sizes[0], sizes[-1]))
        lines.append(f"batch-{jobs} peak memory N={sizes[-1]} / N={sizes[0]}: "
                     f"{large / small:.2f} (target <= 1.10)")
    run, cold = _medians(rows, 1, "run"), _medians(rows, 1, "cold")
    lines.append(f"one client: `playbook run` {run['seconds']:.1f} s, cold Python process rendering "
                 f"directly {cold['seconds']:.1f} s: {run['seconds'] / cold['seconds']:.2f}x "
                 "(target <= 1.2x)")
    return lines


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{cpu}, {len(os.sched_getaffinity(0))} cores, "
            f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def write_readme(rows, summary, standing_in, options) -> None:
    lines = [
        "# Benchmarks", "",
        "`benchmarks/bench_batch.py` measures `playbook batch` against naive papermill (a fresh",
        "kernel per notebook) and against the limit (the same rendering calls, no notebooks),",
        "on the same seeded engagements; see its docstring.", "",
        "    make bench                                          # N = 10 and 40, writes this table",
        "    .venv/bin/python benchmarks/bench_batch.py --quick  # smoke run, writes nothing", "",
        (f"Medians of {options.repeat} interleaved repetitions" if options.repeat > 1
         else "One repetition (`--repeat 1`)") + f"; naive papermill on {options.naive_n} "
        "clients (its throughput does not depend on N).",
        f"Last run: {time.strftime('%Y-%m-%d')}, {machine()}.",
        f"Load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine skews timings).",
    ]
    if standing_in:
        lines.append("Notebooks: thin stand-ins calling `playbook.run.direct.produce` "
                     "(the deliverable notebooks were not there yet).")
    lines += ["", "| N | mode | seconds | docx+pptx pairs/s | peak RSS (MiB) | exit |",
              "|---|---|---:|---:|---:|---:|"]
    lines += [f"| {r['n']} | {r['mode']} | {r['seconds']:.1f} | {r['pairs_per_s']:.2f} | "
              f"{r['peak_mib']:.0f} | {r['status']} |" for r in rows]
    lines += ["", *[f"- {line}" for line in summary], ""]
    readme = ROOT / "benchmarks" / "README.md"
    readme.write_text(readme_with_table("\n".join(lines), readme), encoding="utf-8")


def readme_with_table(table: str, readme: Path) -> str:
    """The new generated head, followed by the hand-written notes of `readme`
    (everything from its first `## ` heading), which a run must not erase."""
    old = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    start = old.find("\n## ")
    notes = old[start + 1:] if start >= 0 else ""
    return table.rstrip("\n") + "\n" + ("\n" + notes if notes else "")


if __name__ == "__main__":
    main()
