"""A client's facts are computed once: one analysis per engagement content and
as-of date, shared by the six deliverables and the steering committee, and the
monthly effort spread computed for every action at once, with the same figures
as spreading each action on its own."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from playbook.analysis import engine
from playbook.analysis.change_plan_tables import by_month, monthly_spread
from playbook.intake import load_engagement
from playbook.method import load_method
from playbook.registry import DELIVERABLES

EXAMPLES = Path(__file__).resolve().parents[2] / "playbook" / "examples"


def spread_one_by_one(actions: pd.DataFrame) -> pd.DataFrame:
    """The definition: each action's weekdays, counted per month, over their number."""
    parts = []
    for action in actions.itertuples(index=False):
        end = getattr(action, "end", None)
        end = action.date if end is None or pd.isna(end) else max(end, action.date)
        days = pd.bdate_range(action.date, end)
        if len(days) == 0:
            days = pd.DatetimeIndex([action.date])
        share = days.to_period("M").value_counts(sort=False) / len(days)
        parts.append(pd.DataFrame({"month": share.index, "pillar": action.pillar,
                                   "effort_days": share.to_numpy() * float(action.effort_days)}))
    return pd.concat(parts, ignore_index=True)


@pytest.mark.parametrize("example", ["mutuelle_horizon", "northwind_b2b"])
def test_the_monthly_spread_of_a_real_plan_is_the_one_action_by_one_spread(example):
    analysis = engine.analysed(load_engagement(EXAMPLES / f"{example}.yaml"), load_method())
    actions = analysis.change_plan.actions
    pd.testing.assert_frame_equal(monthly_spread(actions), spread_one_by_one(actions), check_exact=True)


def test_the_spread_holds_for_weekends_missing_ends_and_ends_before_starts():
    rng = random.Random(3)
    rows = []
    for _ in range(200):
        start = pd.Timestamp("2027-01-01") + pd.Timedelta(days=rng.randint(0, 500))
        end = start + pd.Timedelta(days=rng.choice([-3, 0, 1, 2, 9, 40, 130]))
        rows.append({"date": start, "end": pd.NaT if rng.random() < 0.1 else end,
                     "pillar": rng.choice(["understand", "want", "be_able"]),
                     "effort_days": rng.choice([0.5, 1.0, 3.0, 12.5])})
    # A Saturday-to-Sunday action has no weekday: it weighs on its own month.
    rows.append({"date": pd.Timestamp("2027-01-30"), "end": pd.Timestamp("2027-01-31"),
                 "pillar": "want", "effort_days": 2.0})
    actions = pd.DataFrame(rows)
    pd.testing.assert_frame_equal(monthly_spread(actions), spread_one_by_one(actions), check_exact=True)
    months = by_month(actions)
    assert months.loc[pd.Period("2027-01", "M"), "want"] >= 2.0
    assert months["effort_days"].sum() == pytest.approx(actions["effort_days"].sum())


def test_one_analysis_per_content_and_as_of_date(monkeypatch):
    calls = []
    real = engine.analyse
    monkeypatch.setattr(engine, "analyse", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    monkeypatch.setattr(engine, "_ANALYSES", type(engine._ANALYSES)())
    method = load_method()
    engagement = load_engagement(EXAMPLES / "mutuelle_horizon.yaml")
    first = engine.analysed(engagement, method)
    assert engine.analysed(load_engagement(EXAMPLES / "mutuelle_horizon.yaml"), method) is first
    assert len(calls) == 1
    # Another language, another as-of date or an edit is another analysis.
    engine.analysed(engagement, method, "en")
    moved = engagement.model_copy(update={"engagement": engagement.engagement.model_copy(
        update={"as_of": first.as_of + pd.Timedelta(days=14).to_pytimedelta()})})
    assert engine.analysed(moved, method) is not first
    edited = engagement.model_copy(update={"populations": engagement.populations[:-1]})
    assert len(engine.analysed(edited, method).engagement.populations) == len(engagement.populations) - 1
    assert len(calls) == 4


def _contents(data: bytes) -> dict[str, bytes]:
    """A docx, pptx or embedded workbook's parts, the embedded ones opened too,
    without those that only record when the file was written."""
    import io

    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name == "docProps/core.xml":
                continue
            part = archive.read(name)
            if name.endswith(".xlsx"):
                parts.update({f"{name}/{k}": v for k, v in _contents(part).items()})
            else:
                parts[name] = part
    return parts


@pytest.mark.slow
def test_six_deliverables_analyse_a_client_once_per_date_and_match_fresh_analyses(
        tmp_path, monkeypatch):
    """The direct path (what the notebooks call) against every deliverable built
    from an analysis and a committee computed afresh: the same files."""
    from playbook import workbench
    from playbook.analysis.committee import steered
    from playbook.render.deliverables import write
    from playbook.run.direct import produce

    path = EXAMPLES / "mutuelle_horizon.yaml"
    calls = []
    real = engine.analyse
    monkeypatch.setattr(engine, "analyse", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    monkeypatch.setattr(engine, "_ANALYSES", type(engine._ANALYSES)())
    monkeypatch.setattr(workbench, "_CACHE", {})
    shared = tmp_path / "shared"
    for name in DELIVERABLES:
        produce(name, path, "", shared)
    as_of_dates = {c.engagement.as_of for c in calls}
    assert len(calls) == len(as_of_dates) == 2  # the engagement's date and the committee's

    fresh = tmp_path / "fresh"
    for name in DELIVERABLES:
        engine._ANALYSES.clear()  # nothing kept from the run above, nor between deliverables
        analysis = real(load_engagement(path), load_method())
        if name == "steering":
            analysis = steered(analysis)
        write(name, analysis, fresh)
    for name in DELIVERABLES:
        for suffix in (".docx", ".pptx"):
            assert _contents((shared / f"{name}{suffix}").read_bytes()) == _contents(
                (fresh / f"{name}{suffix}").read_bytes()), (
                f"{name}{suffix}")

