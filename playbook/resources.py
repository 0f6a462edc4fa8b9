"""Where the files shipped with the playbook are: the deliverable notebooks and
the house templates.

A wheel carries them inside the package (`playbook/notebooks/`,
`playbook/templates/`, copied there at build time by `setup.py`), so
`pip install playbook` can run a deliverable from any folder. A source checkout
keeps them at the repository's top, where consultants and `make lab` open them.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

# Folder name -> the files of it the wheel ships (globs, relative to the folder).
SHIPPED: dict[str, tuple[str, ...]] = {
    "notebooks": ("*.ipynb", "training/*.ipynb"),
    "templates": ("*.docx", "*.pptx"),
}


def resource_dir(name: str) -> Path:
    """The folder `name` ("notebooks" or "templates") this installation uses."""
    if name not in SHIPPED:
        raise KeyError(f"no shipped folder {name!r}; expected one of {', '.join(SHIPPED)}")
    shipped = PACKAGE / name
    return shipped if shipped.is_dir() else PACKAGE.parent / name
