"""Warming a parent before it forks clients: what it imports, and stopping early."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from playbook.run import warm
asked = []
def until():
    asked.append(len(asked))
    return len(asked) > {stop_after}
finished = warm.warm_up(until=until)
print(finished, len(warm._warmed), "matplotlib.pyplot" in sys.modules, "nbconvert" in sys.modules)
"""


def _warm_in_a_fresh_process(stop_after: int) -> list[str]:
    done = subprocess.run([sys.executable, "-c", SCRIPT.format(stop_after=stop_after)],
                          capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_warming_stops_between_two_imports_once_told():
    finished, warmed, pyplot, nbconvert = _warm_in_a_fresh_process(stop_after=1)
    assert (finished, warmed) == ("False", "1")  # the first module, then asked again: stop
    assert (pyplot, nbconvert) == ("False", "False")


def test_warming_left_alone_imports_what_the_runs_need():
    finished, warmed, pyplot, nbconvert = _warm_in_a_fresh_process(stop_after=10**6)
    assert finished == "True" and int(warmed) > 10
    assert (pyplot, nbconvert) == ("True", "True")
