"""Small-number suppression: the one rule every monitoring figure goes through (page and API).

A count from 1 to 4 is shown as "<5" (never the number, also not in the API). Zero stays 0:
nobody is behind it. A row of cells with its total must not let a hidden cell be recovered by
subtraction: when exactly one cell of the row is hidden, the smallest other non-zero cell is
hidden too (secondary suppression); when there is none, the total is hidden."""

from __future__ import annotations

from collections.abc import Mapping

THRESHOLD = 5
SUPPRESSED = "<5"

Count = int | str


def is_small(n: int) -> bool:
    return 0 < n < THRESHOLD


def suppress(n: int) -> Count:
    """One count as it may be shown."""
    return SUPPRESSED if is_small(n) else n


def suppress_row(
    cells: Mapping[object, int], *, hide_total: bool = False
) -> tuple[dict[object, Count], Count]:
    """A row of counts and its total, as they may be shown: primary suppression of every
    small cell, then secondary suppression so the total does not give a hidden cell away.
    `hide_total`: the total is a hidden cell of another table (it is hidden here too)."""
    total = sum(cells.values())
    hidden = {key for key, n in cells.items() if is_small(n)}
    shown_total: Count = SUPPRESSED if hide_total and total else suppress(total)
    if len(hidden) == 1 and shown_total != SUPPRESSED:
        others = sorted(
            (n, index, key)
            for index, (key, n) in enumerate(cells.items())
            if key not in hidden and n > 0
        )
        if others:
            hidden.add(others[0][2])
        else:
            shown_total = SUPPRESSED
    return {key: SUPPRESSED if key in hidden else n for key, n in cells.items()}, shown_total
