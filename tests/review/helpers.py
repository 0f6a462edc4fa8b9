"""Checks shared by the review tests: a chart read back as the consultant sees it."""

from __future__ import annotations

import io
from functools import lru_cache

from IPython.display import Image, Markdown
from PIL import Image as PILImage

from playbook.render.charts import DPI, MAX_HEIGHT_IN
from playbook.render.templates import default_template_dir, load_docx_template

EMU_PER_INCH = 914400


@lru_cache(maxsize=1)
def text_width_in() -> float:
    """Width of the text column of the bundled Word template, in inches."""
    section = load_docx_template(default_template_dir()).sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / EMU_PER_INCH


def picture(shown: object, width_in: float | None = None) -> PILImage.Image:
    """The PNG behind an inline chart, checked to open at the document's size."""
    assert isinstance(shown, Image), f"expected an inline image, got {type(shown).__name__}"
    assert shown.format == "png"
    image = PILImage.open(io.BytesIO(shown.data))
    image.load()
    assert image.format == "PNG"
    width, height = image.size
    expected = round((width_in or text_width_in()) * DPI)
    assert abs(width - expected) <= 2, (width, expected)
    assert 0.2 * DPI <= height <= MAX_HEIGHT_IN * DPI + 2, height
    return image


def note(shown: object) -> str:
    """The text of an inline Markdown note."""
    assert isinstance(shown, Markdown), f"expected a Markdown note, got {type(shown).__name__}"
    return shown.data


def figure_or_table(shown: object, width_in: float | None = None) -> object:
    """A chart as the deliverables give it: the picture, or for a chart with too
    little to show (two lots, a team of four) its figures as printed, one row each."""
    import pandas as pd

    if isinstance(shown, pd.DataFrame):
        assert len(shown) >= 1
        assert all(isinstance(v, str) and v for v in shown.to_numpy().flat), "figures as printed"
        return shown
    return picture(shown, width_in)
