"""Throughput of `playbook batch` against naive papermill and the rendering limit.

    .venv/bin/python benchmarks/bench_batch.py --write-readme  # N = 10 and 40, recorded
    .venv/bin/python benchmarks/bench_batch.py --quick         # smoke run, N = 2

On the same seeded, synthetic engagements (variations of the bundled
examples), each mode runs in its own fresh process, timed from start to end and
watched for peak memory (RSS of the whole process tree):

  naive    papermill's default: a fresh kernel per notebook, one after another
  batch-J  `playbook batch --jobs J`
  direct-J the limit: the notebooks' rendering calls (`playbook.run.direct`)
           in J warm processes, no notebook at all
  run/cold one client: `playbook run` against a cold Python process calling
           the same rendering code for the five deliverables

The deliverable notebooks are the repository's (`notebooks/`); while they are
missing, thin notebooks calling `playbook.run.direct.produce` stand in for them
(reported as such). Results are printed; with `--write-readme` (never in a smoke
run) the table at the top of benchmarks/README.md is replaced with them and the
machine, and the notes below it (from its first `## ` heading) are kept.
"""

from __future__ import annotations

import argparse
import copy
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10, 40])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="smoke run: N = 2")
    parser.add_argument("--notebooks", type=Path, default=None)
    parser.add_argument("--write-readme", action="store_true",
                        help="record the results in benchmarks/README.md (not with --quick)")
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    parser.add_argument("--args", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.quick and options.write_readme:
        parser.error("--write-readme records real runs only, not the --quick smoke run")
    if options.mode:  # a measured child process
        args = json.loads(options.args)
        {"naive": mode_naive, "direct": mode_direct}[options.mode](**args)
        return

    sizes = [2] if options.quick else options.n
    scratch = Path(tempfile.mkdtemp(prefix="playbook-bench-"))
    notebooks = options.notebooks or DEFAULT_NOTEBOOKS_DIR
    standing_in = not all((notebooks / f).is_file() for f in DELIVERABLES.values())
    if standing_in:
        notebooks = thin_notebooks(Path(tempfile.mkdtemp(prefix="playbook-notebooks-")))
    python, cli = sys.executable, [sys.executable, "-c", "import sys; from playbook.cli import main; sys.exit(main())"]
    rows = []
    for n in sizes:
        folder = scratch / f"n{n}"
        folder.mkdir()
        engagements = [str(p) for p in make_engagements(n, folder)]

        def child(mode, out, engagements=engagements, **extra):
            payload = json.dumps({"engagements": engagements, "out": str(out), **extra})
            return measure([python, __file__, "--mode", mode, "--args", payload])

        results = {"naive": child("naive", folder / "naive", notebooks=str(notebooks))}
        for jobs in sorted({1, options.jobs}):
            results[f"batch-{jobs}"] = measure([*cli, "batch", *engagements, "--jobs", str(jobs),
                                                "--out", str(folder / f"batch{jobs}"),
                                                "--notebooks", str(notebooks)])
            results[f"direct-{jobs}"] = child("direct", folder / f"direct{jobs}", jobs=jobs)
        for mode, (seconds, peak, status) in results.items():
            rows.append({"n": n, "mode": mode, "seconds": seconds, "pairs_per_s": n * 5 / seconds,
                         "peak_mib": peak, "status": status})
            print(f"N={n:<3} {mode:<9} {seconds:7.1f} s  {n * 5 / seconds:6.2f} pairs/s  "
                  f"peak {peak:7.0f} MiB  exit {status}", flush=True)

    one = engagements[0]
    cold = measure([python, "-c", "import sys; from playbook.run.direct import produce\n"
                    f"for name in {list(DELIVERABLES)!r}: produce(name, {one!r}, '', {str(scratch / 'cold')!r})"])
    run = measure([*cli, "run", one, "--out", str(scratch / "run"), "--notebooks", str(notebooks)])
    print(f"one client: playbook run {run[0]:.1f} s, cold direct {cold[0]:.1f} s, ratio {run[0] / cold[0]:.2f}")
    summary = ratios(rows, options.jobs)
    for line in summary:
        print(line)
    if options.write_readme:
        write_readme(rows, summary, run, cold, standing_in, options)


def ratios(rows, jobs) -> list[str]:
    lines = []
    for n in sorted({r["n"] for r in rows}):
        by = {r["mode"]: r for r in rows if r["n"] == n}
        batch, naive, direct = by[f"batch-{jobs}"], by["naive"], by[f"direct-{jobs}"]
        lines.append(
            f"N={n}: batch-{jobs} / naive = {batch['pairs_per_s'] / naive['pairs_per_s']:.1f}x "
            f"(target >= 8x); batch-{jobs} / direct-{jobs} = "
            f"{batch['pairs_per_s'] / direct['pairs_per_s']:.0%} (target >= 70%)"
        )
    sizes = sorted({r["n"] for r in rows})
    if len(sizes) > 1:
        small, large = (next(r for r in rows if r["n"] == s and r["mode"] == f"batch-{jobs}") for s in (sizes[0], sizes[-1]))
        lines.append(f"batch-{jobs} peak memory N={sizes[-1]} / N={sizes[0]}: "
                     f"{large['peak_mib'] / small['peak_mib']:.2f} (target <= 1.10)")
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


def write_readme(rows, summary, run, cold, standing_in, options) -> None:
    lines = [
        "# Benchmarks", "",
        "`benchmarks/bench_batch.py` measures `playbook batch` against naive papermill (a fresh",
        "kernel per notebook) and against the limit (the same rendering calls, no notebooks),",
        "on the same seeded engagements; see its docstring.", "",
        "    .venv/bin/python benchmarks/bench_batch.py --write-readme  # N = 10 and 40 (also `make bench`)",
        "    .venv/bin/python benchmarks/bench_batch.py --quick         # smoke run, writes nothing", "",
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
    lines += ["", *[f"- {line}" for line in summary],
              f"- one client: `playbook run` {run[0]:.1f} s, cold Python process rendering directly "
              f"{cold[0]:.1f} s: {run[0] / cold[0]:.2f}x (target <= 1.5x)", ""]
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
