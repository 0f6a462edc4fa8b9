"""`make corpus`: every corpus engagement rendered in both languages and every check run,
then one table, engagement × check, printed and written into corpus/README.md.

    python -m tests.corpus.report [--no-layout] [--write-readme] [--only SLUG ...]

A cell says ✓ (holds), ✗ #N (fails, known: issue N will fix it), ✗ (fails and nobody
said so: a regression or a new finding to file) or ✓ #N (holds although marked as
failing: remove the mark). The exit status is 1 when a cell is ✗ or ✓ #N.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from playbook.analysis.engine import analyse
from playbook.intake import load_engagement
from playbook.method import load_method

from . import expectations as ex
from . import generic

README = ex.CORPUS / "README.md"
BEGIN, END = "<!-- corpus-table:begin -->", "<!-- corpus-table:end -->"


def _cell(problems: list[str], issue: int | None) -> tuple[str, bool]:
    """The cell's text and whether it is as the corpus says (pass, or known failure)."""
    if problems:
        return (f"✗ #{issue}", True) if issue else ("✗", False)
    return (f"✓ #{issue}", False) if issue else ("✓", True)


def layout(written: dict[str, generic.Written], workdir: Path) -> list[str]:
    from playbook.render.layout_check import check_files
    from tests.acceptance.test_layout import CEILINGS

    files = [path for files in written.values() for kind, path in files.paths.items() if kind in ("docx", "pptx")]
    return [str(f) for f in check_files(files, workdir) if f.kind not in CEILINGS]


def run(slugs: list[str], with_layout: bool) -> tuple[list[str], list[list[str]], list[str]]:
    method = load_method()
    header = ["Engagement", "File", "Expectations met", "Holidays", "Training window", "Consistency"]
    file_checks = [*generic.FILE_CHECKS, *(["layout"] if with_layout else [])]
    header += [f"{check} {lang}" for check in file_checks for lang in generic.LANGS]
    rows, surprises = [], []
    for slug in slugs:
        case = ex.load_case(slug)
        engagement = load_engagement(case.path)
        own = analyse(engagement, method)
        met = marked = 0
        for expectation in case.expectations:
            problems = ex.check(expectation, own)
            met += not problems
            marked += bool(expectation.xfail)
            if bool(problems) != bool(expectation.xfail):
                surprises.append(f"{slug}:{expectation.id}: " + ("; ".join(problems) or "holds, marked xfail"))
        total = len(case.expectations)
        row = [slug, case.path.name, f"{met}/{total}" + (f" ({marked} known to fail)" if marked else "")]
        for name in ("public_holidays", "training_window"):
            text, fine = _cell(generic.ANALYSIS_CHECKS[name](own), case.generic_xfail.get(name))
            row.append(text)
            surprises += [] if fine else [f"{slug}: {name} {text}"]
        consistency = [n for n in generic.ANALYSIS_CHECKS if n.startswith("consistency.")]
        failing = [n for n in consistency if generic.ANALYSIS_CHECKS[n](own)]
        row.append(f"{len(consistency) - len(failing)}/{len(consistency)}")
        surprises += [f"{slug}: {n}" for n in failing if not case.generic_xfail.get(n)]
        cells: dict[tuple[str, str], str] = {}
        for lang in generic.LANGS:
            analysis = own if lang == engagement.language else analyse(engagement, method, lang)
            folder = Path(tempfile.mkdtemp(prefix=f"corpus-{slug}-{lang}-"))
            written = generic.write_all(analysis, folder)
            checks = dict(generic.FILE_CHECKS)
            if with_layout:
                checks["layout"] = lambda w, folder=folder: layout(w, folder / "pdf")
            for check, function in checks.items():
                issue = case.generic_xfail.get(f"{check}.{lang}") or case.generic_xfail.get(check)
                text, fine = _cell(function(written), issue)
                cells[(check, lang)] = text
                surprises += [] if fine else [f"{slug}: {check} {lang} {text}"]
        row += [cells[(check, lang)] for check in file_checks for lang in generic.LANGS]
        rows.append(row)
        print(f"{slug}: done", file=sys.stderr)
    return header, rows, surprises


def markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def write_readme(table: str) -> None:
    text = README.read_text(encoding="utf-8")
    block = f"{BEGIN}\n{table}\n{END}"
    README.write_text(re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S),
                      encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-layout", action="store_true", help="skip the LibreOffice layout check")
    parser.add_argument("--write-readme", action="store_true", help="write the table into corpus/README.md")
    parser.add_argument("--only", nargs="*", default=None, help="these engagements only")
    args = parser.parse_args(argv)
    started = time.monotonic()
    header, rows, surprises = run(args.only or ex.slugs(), not args.no_layout)
    table = markdown(header, rows)
    print(table)
    expectations = [r[2] for r in rows]
    met = sum(int(e.split("/")[0]) for e in expectations)
    total = sum(int(e.split("/")[1].split()[0]) for e in expectations)
    print(f"\n{met} of {total} expectations hold ({time.monotonic() - started:.0f} s).")
    for surprise in surprises:
        print(f"NOT AS RECORDED: {surprise}")
    if args.write_readme:
        note = f"\n\n{met} of {total} expectations hold."
        note += "" if not args.no_layout else " The layout check was not run for this table (`--no-layout`)."
        write_readme(table + note)
    return 1 if surprises else 0


if __name__ == "__main__":
    raise SystemExit(main())
