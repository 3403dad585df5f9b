"""Periods of whole months: calendar keys, custom ranges, comparisons, blocks."""

import datetime as dt

import pytest

from passend.monitoring import periods as P
from passend.monitoring.query import InvalidQuery, parse


@pytest.mark.parametrize(
    ("key", "start", "end", "kind"),
    [
        ("2026-03", dt.date(2026, 3, 1), dt.date(2026, 3, 31), P.MONTH),
        ("2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31), P.QUARTER),
        ("2026-H2", dt.date(2026, 7, 1), dt.date(2026, 12, 31), P.HALF),
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), P.YEAR),
        ("2025-11..2026-02", dt.date(2025, 11, 1), dt.date(2026, 2, 28), P.CUSTOM),
    ],
)
def test_keys_round_trip(key, start, end, kind):
    period = P.Period.parse(key)
    assert (period.start, period.end, period.kind, period.key) == (start, end, kind, key)


@pytest.mark.parametrize("key", ["2026-13", "2026-Q5", "26", "2026-03..2026-01", "", "x" * 100])
def test_bad_keys_are_refused_in_dutch(key):
    with pytest.raises(P.PeriodError):
        P.Period.parse(key)


def test_comparisons():
    q1 = P.Period.parse("2026-Q1")
    assert q1.previous().key == "2025-Q4"
    assert q1.year_before().key == "2025-Q1"
    custom = P.Period.parse("2026-02..2026-04")
    assert custom.previous().key == "2025-11..2026-01"


def test_a_range_is_its_fewest_calendar_blocks():
    blocks = P.Period.parse("2025-11..2027-02").blocks()
    assert [b.key for b in blocks] == ["2025-11", "2025-12", "2026", "2027-01", "2027-02"]
    assert [b.key for b in P.Period.parse("2026-04..2026-09").blocks()] == [
        "2026-Q2",
        "2026-Q3",
    ]


def test_buckets_are_clipped_to_the_range():
    buckets = P.Period.parse("2026-02..2026-07").buckets(P.QUARTER)
    assert [b.key for b in buckets] == ["2026-02..2026-03", "2026-Q2", "2026-07"]


def test_the_query_takes_months_or_dates_but_only_whole_months():
    today = dt.date(2026, 12, 3)
    assert parse({"from": "2026-01", "to": "2026-03"}, today=today).period.key == "2026-Q1"
    assert parse({"from": "2026-01-01", "to": "2026-06-30"}, today=today).period.key == "2026-H1"
    assert parse({}, today=today).period.key == "2026"
    for bad in (
        {"from": "2026-01-02", "to": "2026-03-31"},
        {"from": "2026-01", "to": "2026-03-30"},
    ):
        with pytest.raises(InvalidQuery):
            parse(bad, today=today)
    with pytest.raises(InvalidQuery) as error:
        parse({"from": "2026-05", "to": "2026-01"}, today=today)
    assert error.value.param == "to"
    with pytest.raises(InvalidQuery) as error:
        parse({"period": "week"}, today=today)
    assert error.value.param == "period"
    with pytest.raises(InvalidQuery) as error:
        parse({"nonsense": "1"}, today=today)
    assert error.value.param == "nonsense"
