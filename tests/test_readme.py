"""Every command of the README's fenced blocks, run as a consultant would type it.

The blocks are parsed from README.md, so a command added, reworded or broken
there is exercised here. Commands run in order in a temporary folder (the
repository's `playbook/` and `templates/` reachable as in a clone), with three
stand-ins that keep the test fast and self-contained, each stated below:

- between writing the blank workbook and checking it, the consultant fills it:
  here `my-client.xlsx` becomes the workbook filled from the French example;
- when the README asks `run` or `batch` for every deliverable, they produce one
  (`--only framing_note`; all five are produced by the acceptance tests);
- absolute output folders (`/secure/share/outputs`) are taken inside the
  temporary folder.

Commands that cannot run here are listed in NOT_RUN with the reason and what
is checked instead; a command neither run nor listed fails the test.
"""

from __future__ import annotations

import glob
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from playbook.cli import main
from playbook.training import solution

REPOSITORY = Path(__file__).resolve().parents[1]
README = REPOSITORY / "README.md"

# command prefix -> why it is not run, and what is checked instead
NOT_RUN = {
    "make demo": "several minutes; `make -n` checks the target and its playbook commands parse",
    "make test": "runs this very suite; `make -n` checks the target",
    "make lab": "starts a server; `make -n` checks the command (tests/test_makefile.py)",
    "--dask": "needs a Dask scheduler; the command line is parsed, not run",
    "dask scheduler": "a long-running server; tests/run/test_cluster.py starts it the same way",
    "dask worker": "a long-running server; tests/run/test_cluster.py starts two the same way",
}


def readme_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"^ *```bash\n(.*?)^ *```", text, flags=re.S | re.M):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line:
                commands.append(line)
    return commands


def _not_run(command: str) -> str | None:
    return next((reason for key, reason in NOT_RUN.items() if key in command), None)


def _argv(command: str, folder: Path) -> list[str]:
    words = shlex.split(command)
    assert words[0] == ".venv/bin/playbook", command
    argv: list[str] = []
    for word in words[1:]:
        if word.startswith("/"):
            word = str(folder / word.lstrip("/"))
        if "*" in word:
            argv += sorted(glob.glob(word)) or [word]
        else:
            argv.append(word)
    if argv[0] in ("run", "batch") and "--only" not in argv:
        argv += ["--only", "framing_note"]
    return argv


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A folder laid out like a clone, plus what the README's commands expect to find."""
    folder = tmp_path_factory.mktemp("readme")
    (folder / "playbook").symlink_to(REPOSITORY / "playbook")
    (folder / "templates").symlink_to(REPOSITORY / "templates")
    shutil.copytree(REPOSITORY / "templates", folder / "firm-templates")
    answers = folder / "answers"
    answers.mkdir()
    (answers / "ana.yaml").write_text(
        yaml.safe_dump({"trainee": "Ana", **solution("contact_centre")}, allow_unicode=True),
        encoding="utf-8")
    return folder


def test_the_readme_has_commands_to_check() -> None:
    commands = readme_commands()
    assert any(c.startswith(".venv/bin/playbook run") for c in commands)
    assert len(commands) >= 10


def test_every_readme_command_works(clone: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(clone)
    labs: list[list[str]] = []  # `playbook lab` makes its copy; JupyterLab is not started
    monkeypatch.setattr("subprocess.call", lambda line: labs.append(line) or 0)
    ran, listed = [], []
    for command in readme_commands():
        reason = _not_run(command)
        if reason is not None:
            listed.append(command)
            _check_without_running(command)
            continue
        argv = _argv(command, clone)
        if argv[0] == "validate":  # the consultant filled the workbook in between
            shutil.copy(clone / "example.xlsx", clone / argv[1])
        if argv[0] == "batch":
            (clone / "engagements").mkdir(exist_ok=True)
            shutil.copy(clone / "example.xlsx", clone / "engagements" / "client.xlsx")
            argv = _argv(command, clone)  # the glob now finds it
        status = main(argv)
        captured = capsys.readouterr()
        assert status == 0, f"{command}\n{captured.out}\n{captured.err}"
        ran.append(command)
    assert set(ran) | set(listed) == set(readme_commands())  # nothing skipped silently
    assert (clone / "outputs" / "Mutuelle Horizon" / "en" / "change_plan.docx").is_file()
    assert (clone / "secure" / "share" / "outputs" / "Mutuelle Horizon" / "fr").is_dir()
    assert (clone / "outputs" / "cohort" / "cohort-report.docx").is_file()
    assert (clone / "review" / "specimen.docx").is_file()
    assert labs and all(line[1] == "lab" for line in labs)
    assert (clone / "outputs" / "Mutuelle Horizon" / "notebooks" / "01_framing_note.ipynb").is_file()


def _check_without_running(command: str) -> None:
    if command.startswith("make "):
        target = shlex.split(command)
        done = subprocess.run(["make", "-n", "-o", ".venv/.installed", *target[1:]],
                              cwd=REPOSITORY, capture_output=True, text=True)
        assert done.returncode == 0, f"{command}: {done.stderr}"
        return
    if command.startswith("dask "):  # Dask's own command line: its options exist
        words = shlex.split(command)
        helped = subprocess.run([str(Path(sys.executable).with_name("dask")), words[1], "--help"],
                                capture_output=True, text=True)
        assert helped.returncode == 0, f"{command}: {helped.stderr}"
        for option in (w for w in words[2:] if w.startswith("--")):
            assert option in helped.stdout, f"{command}: no option {option}"
        return
    from typer.main import get_command

    from playbook.cli import app
    from playbook.cli.usage import expand_multiple
    from playbook.run.registry import DELIVERABLES

    argv = expand_multiple(shlex.split(command)[1:], "--only", DELIVERABLES)
    group = get_command(app)
    group.commands[argv[0]].make_context(argv[0], argv[1:])  # raises on a usage error


def test_the_editing_section_names_the_files_the_run_writes():
    """'Editing the deliverables' names folders and marks the code defines: they agree."""
    from playbook.run import carry, committees, edits
    from playbook.run.carry import word

    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Editing the deliverables"):text.index("## Many clients at once")]
    assert f"`{carry.GENERATED_DIR}/`" in section
    assert f"`<deliverable>{carry.REVIEW_SUFFIX}`" in section
    assert f"`{word.PREFIX}…`" in section
    assert f"`{edits.HISTORY_DIR}/<name>.<date>.edited.<ext>`" in section
    assert f"`{committees.COMMITTEES_DIR}/<COPIL date>.pptx`" in section
    assert "`--since`" in section and "`--force`" in section and "`batch`" in section


# English words no French console line should hold (client names and file names
# in the examples are French; deliverable codes such as `framing_note` are not words).
ENGLISH = re.compile(
    r"\b(the|and|of|with|is|are|not|found|expected|written|wrote|done|rendered|up to date|"
    r"warnings?|errors?|problems?|valid|summary|people|go-live|copied|kept|failed|file)\b",
    re.IGNORECASE)


def french_walkthrough() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## A first week in French", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, flags=re.S).group(1)
    return [re.sub(r"\s+#.*$", "", line).strip() for line in block.splitlines() if line.strip()]


def test_the_french_walkthrough_speaks_only_french(tmp_path: Path, monkeypatch, capsys) -> None:
    """Empty workbook, validate, run, lab, COPIL: as a French consultant types them."""
    (tmp_path / "playbook").symlink_to(REPOSITORY / "playbook")
    (tmp_path / "templates").symlink_to(REPOSITORY / "templates")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLAYBOOK_LANG", "fr")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setattr("subprocess.call", lambda line: 0)  # JupyterLab is not started
    commands = french_walkthrough()
    assert [shlex.split(c)[1] for c in commands] == ["intake-template", "validate", "run", "lab",
                                                     "plan", "run"]
    said = []
    for command in commands:
        argv = _argv(command, tmp_path)
        if argv[0] == "validate":  # the consultant filled the workbook: here, from the example
            assert main(["validate", argv[1]]) == 2  # the blank one: every problem, in French
            said.append(capsys.readouterr().err)
            assert main(["intake-template", argv[1], "--force", "--from",
                         "playbook/examples/mutuelle_horizon.yaml"]) == 0
        status = main(argv)
        captured = capsys.readouterr()
        assert status == 0, f"{command}\n{captured.out}\n{captured.err}"
        said += [captured.out, captured.err]
    console = re.sub(r"\S*/\S*", "", "\n".join(said))  # paths are not sentences
    assert "valide" in console and "Points de méthode à regarder" in console
    assert "carnet" in console and "steering" in console
    assert "actions prévues sont listées" in console
    english = [line for line in console.splitlines() if ENGLISH.search(line)]
    assert english == []
    assert (tmp_path / "outputs" / "Mutuelle Horizon" / "fr" / "steering.pptx").is_file()
