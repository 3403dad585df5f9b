"""Small-number suppression: the one rule every monitoring figure goes through — page, CSV,
XLSX, PDF and API. The rule is documented for readers in docs/monitoring-suppression.md.

1. **Primary.** A count from 1 to 4 is shown as "<5", never the number (also not in the API:
   there its value is null). Zero stays 0: nobody is behind it.
2. **Filters (the restriction cube).** A figure restricted by filters f1…fk (and, in a table,
   by its group g) is hidden when any cell of the cross-classification of the same population
   by those restrictions — every combination of "meets fi or not" and "in g or not" — holds 1
   to 4 cases. Otherwise a reader could subtract a filtered figure from a less filtered one, or
   combine several (inclusion–exclusion), and find a small group.
3. **Calendar blocks.** Every period is a range of whole months and every figure of a period is
   the sum of its calendar blocks (years, half-years, quarters, months; ``periods.blocks``).
   Whether a block is shown is decided once per calendar year, for the same filters and group,
   whatever period was asked; a period is shown only when all its blocks are. So two periods
   (a custom range and a quarter, this period and a shorter one) never differ by a hidden part.
4. **Secondary suppression (lines).** A total with its parts is a line: a year with its
   half-years, a half-year with its quarters, a quarter with its months, and — for a grouping
   in which every case is in exactly one group — the groups of a block with their total. No line
   may have exactly one hidden non-zero entry: then the smallest shown non-zero part is hidden
   as well (the total when there is none), and all lines are checked again until none changes.
5. **Derived figures.** A percentage is shown only when the cases it counts and the cases it
   does not count are both shown (rules 1–4) and there are at least 5 in all; a duration
   (median, p75, p90) only over at least 5 cases. A difference between periods is shown only
   when both figures are.

This is cell suppression as statistical offices apply it per table (CBS, τ-ARGUS's "hypercube"
heuristic is the same idea). What it does not do, and the documentation says so: audit every
combination of separately requested tables by linear programming.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from . import periods as P

THRESHOLD = 5
SUPPRESSED = "<5"
NOT_SHOWN = "–"
TOTAL = "__total__"

Count = int | str


def is_small(n: int) -> bool:
    return 0 < n < THRESHOLD


def suppress(n: int) -> Count:
    """One count as it may be shown on its own (primary suppression only)."""
    return SUPPRESSED if is_small(n) else n


@dataclass(frozen=True)
class Shown:
    """A figure as it may be shown: `value` None when hidden; `display` the text."""

    value: int | float | None
    suppressed: bool
    display: str

    @property
    def api_value(self):
        return None if self.suppressed else self.value


def shown_count(n: int, hidden: bool) -> Shown:
    if hidden and n:
        return Shown(None, True, SUPPRESSED)
    return Shown(n, False, str(n))


def hidden_measure() -> Shown:
    return Shown(None, True, NOT_SHOWN)


class Cube:
    """Month counts of one indicator: ``(flags, group, month) -> n``.

    `flags` is a tuple of 0/1, one per filter (all 1: the filtered figure itself); `group` a
    group's API value or ``TOTAL`` (the distinct total of the population, also for groupings
    in which a case can be in several groups); `month` a month index (``periods.month_index``).
    """

    def __init__(self, k: int, counts: dict[tuple[tuple[int, ...], Hashable, int], int]):
        self.k = k
        self.counts = counts

    @property
    def selected(self) -> tuple[int, ...]:
        return (1,) * self.k


class Protection:
    """The shown/hidden decision for every (group, calendar block) of a cube's years."""

    def __init__(
        self,
        cube: Cube,
        *,
        groups: list[Hashable],
        years: Iterable[int],
        additive_groups: bool,
        additive_time: bool = True,
    ):
        self.groups = list(groups)
        self.keys = [*self.groups, TOTAL]
        self.additive_groups = additive_groups and bool(self.groups)
        self.additive_time = additive_time
        self.blocks = [b for y in sorted(set(years)) for b in P.calendar_blocks(y)]
        block_of_month = defaultdict(list)
        for b in self.blocks:
            for m in range(b.first, b.last + 1):
                block_of_month[m].append(b)
        # Block counts per flags vector: {(flags, group, block): n}
        by_block: dict = defaultdict(int)
        for (flags, group, month), n in cube.counts.items():
            for b in block_of_month.get(month, ()):
                by_block[(flags, group, b)] += n
        self.by_block = by_block
        self.selected = cube.selected
        self.hidden: set[tuple[Hashable, P.Period]] = set()
        self._primary(cube)
        self._secondary()

    def value(self, group: Hashable, block: P.Period) -> int:
        return self.by_block.get((self.selected, group, block), 0)

    def _primary(self, cube: Cube) -> None:
        """Rules 1 and 2: small cells, and cells whose restriction cube has a small cell."""
        # Per (group, block): the counts of every flags vector present.
        present: dict = defaultdict(dict)
        for (flags, g, b), n in self.by_block.items():
            if n:
                present[(g, b)][flags] = n
        for b in self.blocks:
            totals = present.get((TOTAL, b), {})
            for g in self.keys:
                cell = present.get((g, b), {})
                if is_small(cell.get(self.selected, 0)):
                    self.hidden.add((g, b))
                    continue
                # Inside the group, any other combination of the filters.
                if any(is_small(n) for flags, n in cell.items() if flags != self.selected):
                    self.hidden.add((g, b))
                    continue
                if g == TOTAL:
                    continue
                # Outside the group (the rest of the population), per combination. For the
                # figure itself in an additive grouping the line of groups does it (rule 4).
                for flags, total in totals.items():
                    if flags == self.selected and self.additive_groups:
                        continue
                    if is_small(total - cell.get(flags, 0)):
                        self.hidden.add((g, b))
                        break

    def _lines(self) -> list[list[tuple[Hashable, P.Period]]]:
        """Each line: [total entry, part entries…]."""
        lines = []
        if self.additive_time:
            for g in self.keys:
                for b in self.blocks:
                    parts = P.children(b)
                    if parts:
                        lines.append([(g, b), *((g, c) for c in parts)])
        if self.additive_groups:
            for b in self.blocks:
                lines.append([(TOTAL, b), *((g, b) for g in self.groups)])
        return lines

    def _secondary(self) -> None:
        lines = self._lines()
        changed = True
        while changed:
            changed = False
            for line in lines:
                hidden = [e for e in line if e in self.hidden and self.value(*e) > 0]
                if len(hidden) != 1:
                    continue
                parts = [e for e in line[1:] if e not in self.hidden and self.value(*e) > 0]
                if parts:
                    smallest = min(parts, key=lambda e: (self.value(*e), line.index(e)))
                    self.hidden.add(smallest)
                    changed = True
                elif line[0] not in self.hidden and self.value(*line[0]) > 0:
                    self.hidden.add(line[0])
                    changed = True

    def count(self, group: Hashable, period: P.Period) -> Shown:
        blocks = period.blocks()
        n = sum(self.value(group, b) for b in blocks)
        hidden = any((group, b) in self.hidden for b in blocks)
        return shown_count(n, hidden)


class StockProtection:
    """For a figure at a moment (a stock): no time additivity; per period its own cube."""

    def __init__(self, cubes: dict[P.Period, Cube], *, groups, additive_groups: bool):
        self.protections = {}
        for period, cube in cubes.items():
            # One pseudo-month per period: a one-month "year" is not needed; reuse the cube
            # logic with the period's first month as the only block.
            month_cube = Cube(
                cube.k, {(f, g, period.first): n for (f, g, _m), n in cube.counts.items()}
            )
            protection = Protection(
                month_cube,
                groups=groups,
                years=[period.first // 12],
                additive_groups=additive_groups,
                additive_time=False,
            )
            self.protections[period] = protection

    def count(self, group: Hashable, period: P.Period) -> Shown:
        protection = self.protections[period]
        month = P.Period(period.first, period.first)
        n = protection.value(group, month)
        return shown_count(n, (group, month) in protection.hidden)


def share(part: Shown, rest: Shown) -> Shown:
    """A percentage of `part` in `part + rest`, shown only under rule 5."""
    if part.suppressed or rest.suppressed:
        return hidden_measure()
    total = part.value + rest.value
    if total < THRESHOLD:
        return hidden_measure()
    pct = round(100 * part.value / total)
    return Shown(pct, False, f"{pct}%")


def duration(values: list[int], statistic: str) -> Shown:
    """Median, p75 or p90 of `values` (days) by the nearest-rank method, over ≥ 5 cases."""
    if len(values) < THRESHOLD:
        return hidden_measure()
    ordered = sorted(values)
    q = {"median": 50, "p75": 75, "p90": 90}[statistic]
    rank = max(1, -(-q * len(ordered) // 100))  # ceil(q/100 * n)
    v = ordered[rank - 1]
    return Shown(v, False, str(v))


def difference(a: Shown, b: Shown) -> Shown:
    """`a` minus `b`, only when both are shown."""
    if a.suppressed or b.suppressed or a.value is None or b.value is None:
        return hidden_measure()
    d = a.value - b.value
    return Shown(d, False, f"{d:+d}" if isinstance(d, int) else f"{d:+.0f}")
