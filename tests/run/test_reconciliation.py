"""A run keeps what the reconciliation gate found: out of the files it commits,
into manifest.json, and on the console; the files themselves are still written."""

from __future__ import annotations

from playbook.render.reconcile import REPORT, Discrepancy, read_report, write_report
from playbook.run import manifest as m
from playbook.run.execute import _collect_discrepancies

FOUND = [Discrepancy("totals", "training_plan", "document, table 5",
                     "column “Trainer-days”: the rows add up to 131.5, the total row prints 131")]


def test_the_gate_report_is_taken_out_of_the_staged_files(tmp_path):
    write_report(FOUND, tmp_path / REPORT.format(name="training_plan"))
    assert _collect_discrepancies(tmp_path, "training_plan") == FOUND
    assert not list(tmp_path.iterdir())  # nothing left to commit beside the deliverable's files


def test_a_deliverable_with_nothing_to_report_leaves_no_report(tmp_path):
    path = tmp_path / REPORT.format(name="change_plan")
    write_report(FOUND, path)
    write_report([], path)  # a later write that reconciles removes the stale report
    assert not path.exists() and read_report(path) == []
    assert _collect_discrepancies(tmp_path, "change_plan") == []


def test_an_unreadable_report_is_said_not_lost(tmp_path):
    (tmp_path / REPORT.format(name="steering")).write_text("{not json", encoding="utf-8")
    (found,) = _collect_discrepancies(tmp_path, "steering")
    assert (found.deliverable, found.detail) == ("steering", "the reconciliation report is unreadable")


def test_the_manifest_records_each_deliverables_discrepancies_and_reads_them_back():
    record = m.DeliverableRecord(notebook="05_training_plan.ipynb", files={}, seconds=1.0,
                                 engagement_sha256="0" * 64, method_version="1", generated_at="now",
                                 discrepancies=[d.as_dict() for d in FOUND])
    manifest = m.Manifest(client="Acme", language="en", engagement={}, playbook_version="0",
                          method_version="1", engine="warm", versions={}, generated_at="now",
                          deliverables={"training_plan": record})
    again = m.Manifest.from_json(manifest.to_json())
    assert [Discrepancy(**d) for d in again.deliverables["training_plan"].discrepancies] == FOUND


def test_a_manifest_written_before_the_gate_reads_as_having_found_nothing():
    record = m.DeliverableRecord(notebook="n", files={}, seconds=1.0, engagement_sha256="",
                                 method_version="1", generated_at="now")
    raw = m.Manifest(client="Acme", language="en", engagement={}, playbook_version="0",
                     method_version="1", engine="warm", versions={}, generated_at="now",
                     deliverables={"x": record}).to_json().replace(',\n      "discrepancies": []', "")
    assert "discrepancies" not in raw
    assert m.Manifest.from_json(raw).deliverables["x"].discrepancies == []
