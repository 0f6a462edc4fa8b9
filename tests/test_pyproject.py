"""Packaging metadata in the form current build tools expect (no deprecation
warning at install, builds that keep working after setuptools drops the old form)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PYPROJECT = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())


def test_the_licence_is_an_spdx_expression_string() -> None:
    licence = PYPROJECT["project"]["license"]

    assert isinstance(licence, str)  # not the deprecated {text = ...} table
    assert re.fullmatch(r"LicenseRef-[A-Za-z0-9.\-]+|[A-Za-z0-9.\-+ ()]+", licence)


def test_the_build_needs_a_setuptools_that_reads_it() -> None:
    (requirement,) = [r for r in PYPROJECT["build-system"]["requires"] if r.startswith("setuptools")]
    minimum = int(re.search(r">=(\d+)", requirement).group(1))

    assert minimum >= 77
