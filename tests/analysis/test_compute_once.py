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
    monkeypatch.setattr(engine, "_UNDATED", type(engine._UNDATED)())
    monkeypatch.setattr(workbench, "_CACHE", {})
    from playbook import findings as findings_stage
    from playbook.analysis import committee

    steered_calls, found = [], []
    real_steer, real_compute = committee.steer, findings_stage.compute
    monkeypatch.setattr(committee, "steer", lambda *a, **k: steered_calls.append(a) or real_steer(*a, **k))
    monkeypatch.setattr(findings_stage, "compute", lambda a: found.append(a) or real_compute(a))
    shared = tmp_path / "shared"
    for name in DELIVERABLES:
        produce(name, path, "", shared)
    as_of_dates = {c.engagement.as_of for c in calls}
    assert len(calls) == len(as_of_dates) == 2  # the engagement's date and the committee's
    assert len(steered_calls) == 1  # one committee, for the pack's note, deck and key messages
    assert len(found) == 2  # the findings of each analysis, the steering pack's its own

    fresh = tmp_path / "fresh"
    for name in DELIVERABLES:
        engine._ANALYSES.clear()  # nothing kept from the run above, nor between deliverables
        engine._UNDATED.clear()
        analysis = real(load_engagement(path), load_method())
        if name == "steering":
            analysis = steered(analysis)
        write(name, analysis, fresh)
    for name in DELIVERABLES:
        for suffix in (".docx", ".pptx"):
            assert _contents((shared / f"{name}{suffix}").read_bytes()) == _contents(
                (fresh / f"{name}{suffix}").read_bytes()), (
                f"{name}{suffix}")



def lever_rows_one_by_one(actions: pd.DataFrame) -> list[dict]:
    """The definition: each lever's occurrences grouped, read from its first one."""
    from playbook.method.levers import PILLARS
    from playbook.render.deliverables.change_plan import _owner

    rows = []
    for lever, own in actions.groupby("lever", sort=False):
        first = own.iloc[0]
        rows.append({
            "lever": lever, "action": first["action"], "pillar": first["pillar"],
            "phase": first["phase"], "start": own["date"].min().date(),
            "end": own["date"].max().date(), "count": len(own), "owner": _owner(first),
            "audience": first["audience"], "effort": float(own["effort_days"].sum()),
            "reason": first["reason"], "costed_in": first["costed_in"]})
    order = {p: i for i, p in enumerate(PILLARS)}
    return sorted(rows, key=lambda r: (order[r["pillar"]], r["start"]))


@pytest.mark.parametrize("path", [EXAMPLES / "mutuelle_horizon.yaml", EXAMPLES / "northwind_b2b.yaml",
                                  EXAMPLES.parents[1] / "corpus" / "lumen_telecom" / "engagement.yaml"])
def test_a_plans_lever_rows_are_its_levers_grouped_one_by_one(path):
    """The report's lever rows (every population's and the whole plan's), read
    from the columns at once, are those of grouping each lever on its own."""
    from playbook.render.deliverables.change_plan import lever_rows

    analysis = engine.analysed(load_engagement(path), load_method())
    actions = analysis.change_plan.actions
    subsets = [actions] + [own for _, own in actions.groupby("population", sort=False)]
    assert len(subsets) > 3
    for subset in subsets:
        assert lever_rows(analysis, subset) == lever_rows_one_by_one(subset)
    assert lever_rows(analysis, actions.iloc[:0]) == []


def test_a_calendar_answers_each_day_once_per_territories_and_kind(monkeypatch):
    """The training plan asks the calendar of the same days again and again: each
    day is worked out once per territories and kind, with the same answer."""
    import datetime as dt

    from playbook.analysis.calendar import WorkingCalendar

    engagement = load_engagement(EXAMPLES / "mutuelle_horizon.yaml")
    calendar, fresh = WorkingCalendar.of(engagement), WorkingCalendar.of(engagement)
    worked = []
    real = WorkingCalendar._closure
    monkeypatch.setattr(WorkingCalendar, "_closure",
                        lambda self, *a: worked.append(a) or real(self, *a))
    territories = sorted({p.territory for p in engagement.populations})
    days = [dt.date(2027, 1, 1) + dt.timedelta(days=n) for n in range(400)]
    for _ in range(3):
        for day in days:
            for places in ([], territories[:1], territories):
                for training in (False, True):
                    calendar.closure(day, places, training)
                    calendar.closure(day, tuple(reversed(places)), training)  # any order
    assert len(worked) == len(days) * 3 * 2
    monkeypatch.setattr(WorkingCalendar, "_closure", real)
    for day in days:
        for places in ([], territories[:1], territories):
            assert calendar.closure(day, places, True) == fresh.closure(day, set(places), True)
    assert calendar == fresh  # what it remembers is no part of what it is


def test_a_figure_or_date_printed_again_is_formatted_once(monkeypatch):
    """CLDR formatting runs once per value, language and format; a whole number
    and a float of the same value are kept apart (typed), each printed as before."""
    import datetime as dt

    from playbook.text import typography

    calls = []
    real = typography._babel_decimal
    monkeypatch.setattr(typography, "_babel_decimal",
                        lambda *a, **k: calls.append(a) or real(*a, **k))
    typography.format_number.cache_clear()
    assert [typography.format_number(1234.5, "fr", 1) for _ in range(50)] == ["1\u202f234,5"] * 50
    assert typography.format_number(1234, "en") == "1,234"
    assert typography.format_number(1234.0, "en") == "1,234"
    assert len(calls) == 3
    day = dt.date(2027, 6, 1)
    assert typography.format_date(day, "fr") == "1er juin 2027"
    assert typography.format_date(day, "en") == "1 June 2027"
    with pytest.raises(ValueError):
        typography.format_number(1, "de")


@pytest.mark.parametrize("example", ["mutuelle_horizon", "northwind_b2b"])
def test_the_plans_totals_group_the_actions_once_with_the_same_figures(example, monkeypatch):
    """Totals per population and per lever count the actions in one pass each
    (not one mask per population, pillar and catalogue lever), with the figures
    of filtering the actions value by value."""
    from playbook.analysis import change_plan_tables as tables
    from playbook.method.levers import PILLARS

    analysis = engine.analysed(load_engagement(EXAMPLES / f"{example}.yaml"), load_method())
    actions, method, lang = analysis.change_plan.actions, analysis.method, analysis.lang
    people = {p.name: None for p in analysis.engagement.populations}
    grouped = []
    real = tables._tally
    monkeypatch.setattr(tables, "_tally", lambda a, column: grouped.append(column) or real(a, column))
    per_lever, per_population = tables.by_lever(actions, method, lang), tables.by_population(
        actions, people, method, lang)
    assert grouped == ["lever", "population"]
    for lever, row in per_lever.iterrows():
        own = actions[actions["lever"] == lever]
        assert (row["actions"], row["effort_days"]) == (len(own), float(own["effort_days"].sum()))
        assert row["populations"] == own.loc[own["population"] != tables.ALL, "population"].nunique()
    assert set(per_lever.index) == set(actions["lever"])
    for name, row in per_population.iterrows():
        own = actions[actions["population"] == name]
        assert (row["actions"], row["effort_days"]) == (len(own), float(own["effort_days"].sum()))
        assert row["levers"] == own["lever"].nunique()
        for pillar in PILLARS:
            assert row[pillar] == own.loc[own["pillar"] == pillar, "lever"].nunique()


def _same_diagnosis(one, other) -> bool:
    """Two diagnoses hold the same figures and sentences."""
    import dataclasses

    for part in dataclasses.fields(one):
        mine, theirs = getattr(one, part.name), getattr(other, part.name)
        if isinstance(mine, pd.DataFrame):
            if not mine.equals(theirs):
                return False
        elif mine != theirs:
            return False
    return True


def test_the_committees_analysis_reuses_its_clients_diagnosis_and_days_and_no_others(monkeypatch):
    """The diagnosis and the working days read no date: the analysis at the
    committee's date reuses those of the engagement's own date (the same figures
    as analysing afresh), while another language, an edit or another client is
    diagnosed anew."""
    from playbook.analysis import diagnosis as diagnosis_module

    calls = []
    real = diagnosis_module.diagnose
    monkeypatch.setattr(diagnosis_module, "diagnose",
                        lambda e, *a, **k: calls.append(e.client) or real(e, *a, **k))
    method, engagement, first = _first_analysis(monkeypatch)
    moved = engagement.model_copy(update={"engagement": engagement.engagement.model_copy(
        update={"as_of": first.as_of + pd.Timedelta(days=100).to_pytimedelta()})})
    later = engine.analysed(moved, method)
    assert later.as_of != first.as_of and later.diagnosis is first.diagnosis
    assert len(calls) == 1
    assert _same_diagnosis(later.diagnosis, real(moved, later.method, later.lang))
    # Its calendar shares the days worked out, and the plans of that date are
    # those of analysing it afresh.
    assert later.calendar._closures is first.calendar._closures and later.as_of == moved.engagement.as_of
    fresh = engine.analyse(moved, method)
    assert len(calls) == 2
    pd.testing.assert_frame_equal(later.change_plan.actions, fresh.change_plan.actions)
    pd.testing.assert_frame_equal(later.training_plan.sessions, fresh.training_plan.sessions)
    assert later.change_plan.warnings == fresh.change_plan.warnings
    assert not later.change_plan.actions["status"].equals(first.change_plan.actions["status"])
    calls.clear()

    english = engine.analysed(moved, method, "en")
    assert english.diagnosis is not first.diagnosis
    assert english.diagnosis.risks[0].reasons != first.diagnosis.risks[0].reasons
    edited = moved.model_copy(update={"impacts": moved.impacts[1:]})
    assert engine.analysed(edited, method).diagnosis is not first.diagnosis
    other = load_engagement(EXAMPLES / "northwind_b2b.yaml")
    theirs = engine.analysed(other, method).diagnosis
    assert list(theirs.matrix.index) == [p.name for p in other.populations]
    assert not set(theirs.matrix.index) & set(first.diagnosis.matrix.index)
    assert len(calls) == 3


def test_the_committees_change_plan_starts_from_its_clients_actions_as_planned(monkeypatch):
    """Nothing of an action as planned (its lever, dates on the milestones and the
    training waves, id) reads the as-of date: the plan at the committee's date
    starts from its client's when the training plan dates the same waves, and
    only settles them at its own date; the same plan as analysing afresh. With
    other waves, the actions are planned anew."""
    import dataclasses

    from playbook.analysis.change_plan import plan_change
    from playbook.analysis.change_plan_schedule import training_waves
    from playbook.analysis.copil import default_as_of
    from playbook.analysis.records import PlannedActions

    method, engagement, first = _first_analysis(monkeypatch)
    moved = engagement.model_copy(update={"engagement": engagement.engagement.model_copy(
        update={"as_of": default_as_of(engagement)})})
    later = engine.analysed(moved, method)
    assert training_waves(later.training_plan.calendar) == training_waves(first.training_plan.calendar)
    assert later.change_plan.planned is first.change_plan.planned
    fresh = engine.analyse(moved, method)
    assert fresh.change_plan.planned is not first.change_plan.planned
    for part in ("actions", "by_population", "by_lever", "by_pillar", "by_month", "arbitration",
                 "quick_wins"):
        pd.testing.assert_frame_equal(getattr(later.change_plan, part), getattr(fresh.change_plan, part))
    assert later.change_plan.warnings == fresh.change_plan.warnings
    assert not later.change_plan.actions["status"].equals(first.change_plan.actions["status"])
    # The client's own actions are left as they were planned: settled on copies.
    assert all("status" not in draft for draft in first.change_plan.planned.drafts)

    other_waves = dataclasses.replace(first.change_plan, planned=PlannedActions({}, ()))
    replanned = plan_change(moved, later.method, later.diagnosis, later.lang, later.calendar,
                            later.training_plan, other_waves)
    pd.testing.assert_frame_equal(replanned.actions, fresh.change_plan.actions)


def test_the_lever_catalogue_is_parsed_once_per_content(tmp_path):
    """Every engagement read checks its lever codes against the method's
    `levers.yaml`: parsed once per content, and an edited catalogue is read anew."""
    import shutil

    from playbook.intake import _lever_codes, lever_codes
    from playbook.method.loader import DEFAULT_DIR

    folder = tmp_path / "method"
    shutil.copytree(DEFAULT_DIR, folder)
    _lever_codes.cache_clear()
    codes = lever_codes(folder)
    assert codes == [lever.id for lever in load_method(folder).levers.levers]
    for _ in range(3):
        assert load_engagement(EXAMPLES / "northwind_b2b.yaml", method_dir=folder).client
        assert lever_codes(folder) == codes
    assert _lever_codes.cache_info().misses == 1  # three engagements read, one catalogue parsed
    levers = folder / "levers.yaml"
    levers.write_text(levers.read_text(encoding="utf-8").replace(f"id: {codes[0]}\n", "id: renamed\n", 1),
                      encoding="utf-8")
    assert lever_codes(folder)[0] == "renamed" and _lever_codes.cache_info().misses == 2
    levers.write_text("levers: [", encoding="utf-8")
    assert lever_codes(folder) is None


def _first_analysis(monkeypatch):
    """The method, the French example and its analysis, in a process that keeps no
    analysis from before (the caches emptied for this test)."""
    monkeypatch.setattr(engine, "_ANALYSES", type(engine._ANALYSES)())
    monkeypatch.setattr(engine, "_UNDATED", type(engine._UNDATED)())
    method = load_method()
    engagement = load_engagement(EXAMPLES / "mutuelle_horizon.yaml")
    return method, engagement, engine.analysed(engagement, method)
