"""The timeline as the team sees it: stored episodes mapped onto the timeline rules (repeat
flags, placements and moves, gaps), the bar geometry, and the analysis steps with history."""

import datetime as dt

import pytest

from passend.accounts.roles import Role
from passend.analysis import selectors, services
from passend.analysis.models import AnalyseStap, TijdlijnEpisode
from passend.cases.codes import Hulpvorm, Productcategorie

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 1)
D = dt.date


def add(casus, **fields):
    """Store an episode directly (the rules under test are the selector's, not the form's)."""
    fields.setdefault("hulpvorm", Hulpvorm.AMBULANT_LOCATIE)
    fields.setdefault("with_stay", services.default_with_stay(fields["hulpvorm"]))
    return TijdlijnEpisode.objects.create(casus=casus, **fields)


def test_same_organisation_three_times_is_flagged_also_when_once_typed_as_free_text(casus, org):
    add(casus, organisation=org, start=D(2019, 1, 1), end=D(2019, 6, 1))
    add(casus, organisation=org, start=D(2020, 1, 1), end=D(2020, 3, 1))
    add(casus, provider_name="  zandloper   JEUGD-GGZ ", start=D(2021, 1, 1), end=D(2021, 5, 1))
    add(casus, provider_name="Wijkteam Duinwijk", start=D(2021, 5, 1), end=None)

    result = selectors.timeline(casus, TODAY)

    assert result.flags.repeated_providers == {"Zandloper Jeugd-GGZ": 3}
    assert "Dezelfde aanbieder is 3 keer ingezet: Zandloper Jeugd-GGZ." in result.flags.messages
    flagged = [row.repeated_provider for row in result.rows]
    assert flagged == [True, True, True, False]


def test_two_times_the_same_provider_is_not_a_repeat(casus, org):
    add(casus, organisation=org, start=D(2020, 1, 1), end=D(2020, 3, 1))
    add(casus, organisation=org, start=D(2020, 3, 1), end=D(2020, 9, 1))
    flags = selectors.timeline(casus, TODAY).flags
    assert flags.repeated_providers == {} and flags.messages == []


def test_same_form_of_help_three_times_at_different_providers_is_flagged(casus):
    for year, provider in ((2019, "Praktijk A"), (2020, "Praktijk B"), (2021, "Praktijk C")):
        add(
            casus,
            provider_name=provider,
            hulpvorm=Hulpvorm.AMBULANT_LOCATIE,
            start=D(year, 1, 1),
            end=D(year, 12, 1),
        )
    result = selectors.timeline(casus, TODAY)
    assert result.flags.repeated_forms == {"ambulant op locatie aanbieder": 3}
    assert result.flags.repeated_providers == {}
    assert all(row.repeated_form for row in result.rows)
    assert (
        "Dezelfde vorm van hulp is 3 keer ingezet: ambulant op locatie aanbieder."
        in result.flags.messages
    )


def test_form_of_help_falls_back_to_productcategorie_then_description(casus):
    first = add(
        casus,
        provider_name="X",
        hulpvorm="",
        productcategorie=Productcategorie.SPECIALISTISCHE_GGZ,
        start=D(2020, 1, 1),
    )
    second = add(casus, provider_name="Y", hulpvorm="", description="EMDR", start=D(2020, 2, 1))
    assert selectors.to_rule_episode(first).form_of_help == "specialistische ggz"
    assert selectors.to_rule_episode(second).form_of_help == "EMDR"


def test_placements_and_moves_are_counted_from_stays(casus):
    add(casus, provider_name="Pleegzorg Duinland", hulpvorm=Hulpvorm.PLEEGZORG,
        start=D(2018, 1, 1), end=D(2019, 1, 1))  # fmt: skip
    add(casus, provider_name="Gezinshuis Helmerzand", hulpvorm=Hulpvorm.GEZINSGERICHT,
        start=D(2019, 1, 1), end=D(2020, 6, 1))  # fmt: skip
    add(casus, provider_name="Ambulant team", hulpvorm=Hulpvorm.AMBULANT_LOCATIE,
        start=D(2019, 3, 1), end=D(2019, 9, 1))  # fmt: skip
    add(casus, provider_name="De Kwelderhoeve", hulpvorm=Hulpvorm.GESLOTEN,
        start=D(2020, 6, 1), end=None)  # fmt: skip

    flags = selectors.timeline(casus, TODAY).flags

    assert (flags.placements, flags.moves) == (3, 2)
    assert "3 plaatsingen met verblijf, 2 keer van verblijfplek gewisseld." in flags.messages


def test_gaps_without_help_are_reported_with_dates_and_an_ongoing_episode_covers(casus):
    add(casus, provider_name="A", start=D(2021, 1, 1), end=D(2021, 3, 1))
    add(casus, provider_name="B", start=D(2021, 9, 1), end=D(2021, 10, 1))
    add(casus, provider_name="C", start=D(2021, 10, 15), end=None)  # 14 days: no gap
    result = selectors.timeline(casus, TODAY)
    assert result.flags.gaps == [(D(2021, 3, 1), D(2021, 9, 1))]
    assert (
        "Periode zonder hulp van 184 dagen: van 01-03-2021 tot 01-09-2021." in result.flags.messages
    )
    assert len(result.gaps) == 1 and 0 < result.gaps[0].left < 100


def test_bars_are_placed_between_the_first_start_and_today(casus):
    add(casus, provider_name="A", start=D(2023, 6, 1), end=D(2024, 6, 1))
    add(casus, provider_name="B", start=D(2024, 6, 1), end=None)
    result = selectors.timeline(casus, TODAY)
    first, ongoing = result.rows
    assert first.bar.left == 0 and first.bar.width == pytest.approx(50.0, abs=0.2)
    assert ongoing.ongoing and ongoing.bar.left + ongoing.bar.width == pytest.approx(100)
    assert first.bar.x == "0.00%", "SVG attribute without a locale's decimal comma"
    assert [t.label for t in result.ticks] == ["2024", "2025"]
    assert result.first_day == D(2023, 6, 1)


def test_a_one_day_episode_stays_visible_and_inside_the_track(casus):
    add(casus, provider_name="A", start=D(2020, 1, 1), end=D(2020, 1, 1))
    add(casus, provider_name="B", start=TODAY, end=TODAY)
    rows = selectors.timeline(casus, TODAY).rows
    assert all(r.bar.width >= selectors.MIN_BAR_PERCENT for r in rows)
    assert all(r.bar.left + r.bar.width <= 100 for r in rows)


def test_empty_timeline_has_no_flags(casus):
    result = selectors.timeline(casus, TODAY)
    assert result.rows == [] and result.flags.messages == []


def test_latest_steps_show_the_newest_version_per_step_and_keep_history(tenancy, casus):
    author = tenancy.a.users[Role.TEAMLID]
    services.step_write(casus, step=2, text="Eerste duiding.", actor=author)
    services.step_write(casus, step=2, text="Tweede duiding.", actor=author)
    services.step_write(casus, step=1, text="Informatie van het gezin.", actor=author)
    steps = selectors.latest_steps(casus)
    assert [s.step for s in steps] == [1, 2, 3]
    assert steps[1].current.text == "Tweede duiding."
    assert [v.text for v in steps[1].earlier] == ["Eerste duiding."]
    assert steps[2].current is None and steps[2].earlier == []
    assert steps[1].label.startswith("2. Verbanden en verklaringen")
    assert AnalyseStap.objects.filter(casus=casus).count() == 3
