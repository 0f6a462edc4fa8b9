"""Who sits together: the groups of a module's sessions, before they are dated.

A training manager does not run a classroom for one person. People of
different populations who follow the same module, in the same lot and wave and
at the same site (the same territories: the same holidays and blackouts bind
them), share a session, up to the module's group size (the format's, lowered by
the client's). Each population keeps its own ceiling per session: its group
size, which the share of its team that may be away at once can lower; the
calendar then keeps each population within that share on every day.

Each population's people are first cut into balanced groups no larger than
its ceiling (as when it is trained alone); then, over as few sessions as the
cohort allows (its people over the room, and no fewer than its most divided
population has groups), the groups are put together, largest first, each into
the emptiest session with room for it and none of its population yet. A
population too few to fill a session thus joins one rather than forming its
own, and sessions come out as even as the populations' ceilings allow. The method's `group_across_populations` turns this off.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .training_plan_calendar import balanced_sizes

if TYPE_CHECKING:
    from .training_plan import Need

Group = tuple[tuple["Need", int], ...]  # (need, people of its population) for one session


def cohorts(needs: Sequence[Need], room: Callable[[Need], int], together: bool) -> list[list[Group]]:
    """The sessions of `needs`, cohort by cohort (lot, wave, module, site), in the
    order of each cohort's first need; a need trained alone is a cohort of its own.
    `room` gives the most people a session of the need's module seats."""
    by_key: dict[tuple[object, ...], list[Need]] = {}
    for index, need in enumerate(needs):
        key = (need.lot, need.wave, need.module.id, need.territories) if together else (index,)
        by_key.setdefault(key, []).append(need)
    return [compose(members, room(members[0])) for members in by_key.values()]


def compose(members: Sequence[Need], room: int) -> list[Group]:
    """One cohort's sessions: each population in balanced groups within its own
    ceiling, groups of different populations sharing a session up to `room`."""
    if len(members) == 1:
        (need,) = members
        return [((need, size),) for size in balanced_sizes(need.headcount, need.group_size)]
    chunks = [(size, order, need) for order, need in enumerate(members)
              for size in balanced_sizes(need.headcount, need.group_size)]
    chunks.sort(key=lambda chunk: (-chunk[0], chunk[1]))
    # As few sessions as the cohort allows: its people over the room, and at least
    # as many as its most divided population has groups.
    least = max(-(-sum(size for size, _, _ in chunks) // room),
                max(sum(1 for _, _, need in chunks if need is member) for member in members))
    sessions: list[list[tuple[Need, int]]] = [[] for _ in range(least)]
    filled = [0] * least
    for size, _, need in chunks:
        # The emptiest session with room and none of its population yet: sessions
        # as even as the populations' ceilings allow, none left with one person
        # where another could join.
        fits = [i for i, seats in enumerate(sessions)
                if filled[i] + size <= room and all(other is not need for other, _ in seats)]
        if fits:
            index = min(fits, key=lambda i: (filled[i], i))
        else:
            sessions.append([])
            filled.append(0)
            index = len(sessions) - 1
        sessions[index].append((need, size))
        filled[index] += size
    return [tuple(seats) for seats in sessions]
