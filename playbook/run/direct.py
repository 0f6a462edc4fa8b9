"""One deliverable without its notebook: the calls a deliverable notebook makes.

Loading the engagement, loading the method, analysing, and writing the Word and
PowerPoint files through `playbook.workbench`, exactly as the notebooks do. The
benchmark uses it as the limit a notebook run can approach (the same work with
no notebook machinery), so both measure the same rendering code.
"""

from __future__ import annotations

from pathlib import Path


def produce(
    name: str,
    engagement_path: str | Path,
    lang: str = "",
    output_dir: str | Path = ".",
    templates_dir: str | Path = "",
    method_dir: str | Path = "",
    as_of: str = "",
    since: str = "",
) -> dict[str, Path]:
    """Write `<output_dir>/<name>.docx` and `.pptx`; parameters as the notebooks receive them.

    The notebooks' own calls: the analysis is cached per process as theirs is,
    so the six deliverables of one client analyse it once here too (and once
    more at the committee's date, for the steering pack).
    """
    from ..workbench import for_deliverable, open_engagement, write_deliverable

    analysis = open_engagement(engagement_path, lang, str(method_dir or ""))
    analysis = for_deliverable(name, analysis, as_of, since, str(method_dir or ""))
    return write_deliverable(name, analysis, output_dir, templates_dir or None)
