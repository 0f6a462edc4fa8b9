"""The writers' entry point for text: client text is made safe, then typeset."""

from __future__ import annotations

from playbook.render.typography import NBSP, prepare


def test_prepare_sanitises_before_typesetting():
    assert prepare("Note\x0b :  bien", "fr") == f"Note{NBSP}: bien"
