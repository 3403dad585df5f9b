"""Timeline flags: repeats, placements, moves and gaps. No database needed."""

from datetime import date, timedelta

from passend.analysis.timeline_rules import Episode, flags

TODAY = date(2026, 1, 1)


def ep(
    provider: str,
    start: date,
    end: date | None,
    *,
    form: str = "ambulant",
    stay: bool = False,
) -> Episode:
    return Episode(provider=provider, form_of_help=form, start=start, end=end, with_stay=stay)


def test_same_provider_three_times_flagged_with_first_spelling():
    episodes = [
        ep("Zandloper Jeugd-GGZ", date(2020, 1, 1), date(2020, 6, 1), form="a"),
        ep("zandloper  jeugd-ggz", date(2020, 6, 1), date(2021, 1, 1), form="b"),
        ep(" ZANDLOPER Jeugd-GGZ ", date(2021, 1, 1), date(2021, 6, 1), form="c"),
    ]
    result = flags(episodes, today=TODAY)
    assert result.repeated_providers == {"Zandloper Jeugd-GGZ": 3}
    assert result.repeated_forms == {}
    assert "Dezelfde aanbieder is 3 keer ingezet: Zandloper Jeugd-GGZ." in result.messages


def test_same_provider_twice_not_flagged():
    episodes = [
        ep("Zandloper", date(2020, 1, 1), date(2020, 6, 1), form="a"),
        ep("Zandloper", date(2020, 6, 1), date(2021, 1, 1), form="b"),
    ]
    result = flags(episodes, today=TODAY)
    assert result.repeated_providers == {}
    assert result.messages == []


def test_same_form_three_times_flagged():
    episodes = [
        ep("A", date(2020, 1, 1), date(2020, 6, 1), form="Gezinsbehandeling"),
        ep("B", date(2020, 6, 1), date(2021, 1, 1), form="gezinsbehandeling"),
        ep("C", date(2021, 1, 1), date(2021, 6, 1), form="Gezinsbehandeling"),
    ]
    result = flags(episodes, today=TODAY)
    assert result.repeated_forms == {"Gezinsbehandeling": 3}
    assert "Dezelfde vorm van hulp is 3 keer ingezet: Gezinsbehandeling." in result.messages


def test_placements_and_moves():
    episodes = [
        # given out of order: sorted by start
        ep("Huis C", date(2022, 1, 1), None, stay=True),
        ep("Huis A", date(2020, 1, 1), date(2020, 12, 31), stay=True),
        ep("Ambulant X", date(2020, 3, 1), date(2020, 5, 1)),
        ep("huis a", date(2021, 1, 1), date(2021, 6, 30), stay=True),  # same place: no move
        ep("Huis B", date(2021, 7, 1), date(2021, 12, 31), stay=True),
    ]
    result = flags(episodes, today=TODAY)
    assert result.placements == 4
    assert result.moves == 2  # A -> B, B -> C
    assert result.gaps == []
    assert "4 plaatsingen met verblijf, 2 keer van verblijfplek gewisseld." in result.messages


def test_overlapping_episodes_leave_no_gap():
    episodes = [
        ep("A", date(2020, 1, 1), date(2021, 1, 1)),
        ep("B", date(2020, 3, 1), date(2020, 4, 1)),  # ends early, A still covers
        ep("C", date(2020, 12, 1), date(2021, 3, 1)),
    ]
    assert flags(episodes, today=TODAY).gaps == []


def test_gap_of_31_days_found_30_not():
    end = date(2020, 1, 1)
    found = flags(
        [ep("A", date(2019, 1, 1), end), ep("B", end + timedelta(days=31), None)], today=TODAY
    )
    assert found.gaps == [(end, date(2020, 2, 1))]
    assert "Periode zonder hulp van 31 dagen: van 01-01-2020 tot 01-02-2020." in found.messages
    not_found = flags(
        [ep("A", date(2019, 1, 1), end), ep("B", end + timedelta(days=30), None)], today=TODAY
    )
    assert not_found.gaps == []


def test_gap_hidden_by_covering_episode_is_not_reported():
    episodes = [
        ep("A", date(2019, 1, 1), date(2019, 6, 1)),
        ep("Long", date(2019, 2, 1), date(2020, 1, 1)),
        ep("B", date(2019, 12, 1), date(2020, 3, 1)),
    ]
    assert flags(episodes, today=TODAY).gaps == []


def test_ongoing_episode_covers_until_today():
    episodes = [
        ep("Ongoing", date(2024, 1, 1), None),
        ep("Later", date(2025, 12, 1), date(2025, 12, 15)),
        ep("After today", date(2026, 3, 1), None),
    ]
    result = flags(episodes, today=TODAY)
    # Covered until today (2026-01-01); the next start is 59 days later.
    assert result.gaps == [(TODAY, date(2026, 3, 1))]
    assert flags(episodes, today=date(2026, 2, 1)).gaps == []


def test_empty_history():
    result = flags([], today=TODAY)
    assert (result.placements, result.moves, result.gaps, result.messages) == (0, 0, [], [])
