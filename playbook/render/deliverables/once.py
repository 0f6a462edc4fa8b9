"""Computed once per deliverable: what its report and its deck both tell.

A deliverable's Word report and PowerPoint deck open on the same findings
(the summary's messages and the slides that develop them). Within one build
(`one_build`, entered by `deliverables.build`), a function marked `per_build`
runs once per analysis and both builders read its result; outside a build
(a notebook's review cell) it simply runs.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from ...analysis import Analysis

Result = TypeVar("Result")

_scope: dict[tuple[Callable[..., Any], int], tuple[Any, Any]] | None = None


@contextlib.contextmanager
def one_build() -> Iterator[None]:
    """A deliverable's build: results of `per_build` functions live until its end."""
    global _scope
    outer, _scope = _scope, {}
    try:
        yield
    finally:
        _scope = outer


def per_build(function: Callable[[Analysis], Result]) -> Callable[[Analysis], Result]:
    """`function(analysis)` computed once per build and analysis."""

    @functools.wraps(function)
    def once(analysis: Analysis) -> Result:
        if _scope is None:
            return function(analysis)
        key = (function, id(analysis))
        if key not in _scope:
            # The analysis is kept with its result, so its id cannot be reused
            # by another object while the build lasts.
            _scope[key] = (analysis, function(analysis))
        # The stored result is the one `function` returned for this analysis.
        return cast(Result, _scope[key][1])

    return once
