"""One deliverable without its notebook: the calls a deliverable notebook makes.

Loading the engagement, loading the method, analysing, and writing the Word and
PowerPoint files through `playbook.render.deliverables.write`, the one registry
of what each deliverable renders. The benchmark uses it as the limit a notebook
run can approach (the same work with no notebook machinery), and the thin
benchmark notebooks call it too, so both measure the same rendering code.
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
) -> dict[str, Path]:
    """Write `<output_dir>/<name>.docx` and `.pptx`; parameters as the notebooks receive them."""
    from ..analysis.engine import analyse
    from ..intake import load_engagement
    from ..method import load_method
    from ..render.deliverables import write

    engagement = load_engagement(engagement_path)
    method = load_method(method_dir or None)
    analysis = analyse(engagement, method, lang or None)
    return write(name, analysis, output_dir, templates_dir or None)
