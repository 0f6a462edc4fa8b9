"""What a run prints while it works, in the language the consultant reads."""

from __future__ import annotations

import io

from rich.console import Console

from playbook.run.progress import Event, RunProgress
from playbook.run.wording import console_language


def _printed(lang_forced, event_lang: str) -> str:
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=200)
    with RunProgress(console, lang_forced) as progress:
        progress(Event("started", "Mutuelle Horizon", "change_plan", 0, 2, lang=event_lang))
        progress(Event("done", "Mutuelle Horizon", "change_plan", 0, 2, 3.25, lang=event_lang))
    return out.getvalue()


def test_a_french_engagement_reports_progress_in_french() -> None:
    assert _printed(None, "fr").splitlines() == [
        "[1/2] Mutuelle Horizon : change_plan…",
        "[1/2] Mutuelle Horizon : change_plan terminé (3,2 s)",
    ]


def test_a_chosen_language_wins_over_the_engagements() -> None:
    assert _printed("en", "fr").splitlines()[1] == "[1/2] Mutuelle Horizon: change_plan done (3.2 s)"


def test_playbook_lang_sets_the_console_language(monkeypatch) -> None:
    monkeypatch.setenv("PLAYBOOK_LANG", "fr_FR.UTF-8")
    assert console_language(None) == "fr"
    assert console_language("en") == "en"
    monkeypatch.setenv("PLAYBOOK_LANG", "de")
    assert console_language(None) is None
