"""Small-number suppression, primary and secondary."""

import pytest

from passend.monitoring.suppress import SUPPRESSED, suppress, suppress_row


@pytest.mark.parametrize(("n", "shown"), [(0, 0), (1, "<5"), (4, "<5"), (5, 5), (120, 120)])
def test_counts_from_one_to_four_are_hidden(n, shown):
    assert suppress(n) == shown


def test_nothing_small_hides_nothing():
    assert suppress_row({"a": 5, "b": 0, "c": 9}) == ({"a": 5, "b": 0, "c": 9}, 14)


def test_one_hidden_cell_hides_the_smallest_other_non_zero_cell():
    cells, total = suppress_row({"a": 3, "b": 0, "c": 12, "d": 7, "e": 9})
    assert cells == {"a": SUPPRESSED, "b": 0, "c": 12, "d": SUPPRESSED, "e": 9}
    assert total == 31
    # No hidden cell can be recovered by subtracting the shown ones from the total.
    shown = sum(v for v in cells.values() if v != SUPPRESSED)
    assert total - shown == 3 + 7


def test_a_tie_takes_the_first_cell():
    cells, _total = suppress_row({"a": 6, "b": 2, "c": 6})
    assert cells == {"a": SUPPRESSED, "b": SUPPRESSED, "c": 6}


def test_two_hidden_cells_need_no_secondary_suppression():
    cells, total = suppress_row({"a": 2, "b": 3, "c": 10})
    assert cells == {"a": SUPPRESSED, "b": SUPPRESSED, "c": 10} and total == 15


def test_a_small_total_is_hidden():
    assert suppress_row({"a": 3, "b": 0}) == ({"a": SUPPRESSED, "b": 0}, SUPPRESSED)
    assert suppress_row({"a": 0, "b": 0}) == ({"a": 0, "b": 0}, 0)


def test_a_total_hidden_elsewhere_is_hidden_here():
    cells, total = suppress_row({"a": 6, "b": 7}, hide_total=True)
    assert cells == {"a": 6, "b": 7} and total == SUPPRESSED
    assert suppress_row({"a": 0}, hide_total=True) == ({"a": 0}, 0)
