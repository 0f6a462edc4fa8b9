"""Suite-wide configuration.

Tests marked `libreoffice` convert generated files with LibreOffice headless.
On a developer machine without LibreOffice they are skipped; in CI
(`PLAYBOOK_REQUIRE_LIBREOFFICE=1`, set by `.ci/run`) a missing LibreOffice is a
failure, so a green CI always means the files were proven to open.
"""

from __future__ import annotations

import os
import shutil

import matplotlib
import pytest

matplotlib.use("Agg")


def pytest_runtest_setup(item):
    if "libreoffice" not in item.keywords or shutil.which("soffice"):
        return
    if os.environ.get("PLAYBOOK_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail("LibreOffice (soffice) is required in CI but is not installed")
    pytest.skip("LibreOffice (soffice) not installed")


@pytest.fixture(autouse=True)
def _the_consultant_s_language(monkeypatch):
    """Commands that read no engagement speak the consultant's language
    (`PLAYBOOK_LANG`, else the system locale): English here, whatever the machine
    the suite runs on; a test about the rule sets its own."""
    monkeypatch.setenv("PLAYBOOK_LANG", "en")
