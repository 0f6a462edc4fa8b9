"""One list of deliverables: what the renderer builds, the runner executes and
the command line offers all come from `playbook.registry`."""

from __future__ import annotations

import pytest

from playbook import registry
from playbook.cli.run import ONLY_HELP
from playbook.render import deliverables as render
from playbook.run import registry as run
from playbook.text.messages import catalogue


def test_renderer_runner_and_command_line_read_the_one_registry():
    names = [entry.name for entry in registry.REGISTRY]
    assert list(render.DELIVERABLES) == names
    assert run.DELIVERABLES == {entry.name: entry.notebook for entry in registry.REGISTRY}
    # `--only`'s help is a message whose {deliverables} the command line fills
    # from the registry, in both languages.
    assert all("{deliverables}" in catalogue()[ONLY_HELP][lang] for lang in ("en", "fr"))


def test_each_entry_names_its_files_builders_and_notebook_after_itself():
    for entry in registry.REGISTRY:
        assert entry.module.endswith(f".{entry.name}")
        assert entry.notebook.endswith(f"_{entry.name}.ipynb")
        assert render.entry(entry.name) is entry


def test_an_unknown_deliverable_is_named_with_the_known_ones():
    with pytest.raises(KeyError, match="unknown deliverable 'steer'; expected one of framing_note"):
        render.entry("steer")
