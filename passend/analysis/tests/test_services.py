"""Rules for entering the care history and the analysis: who, when, and what is valid."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from passend.accounts.roles import Role
from passend.analysis import services
from passend.analysis.models import TijdlijnEpisode
from passend.audit.models import AccessLogEntry
from passend.cases.codes import CaseState, Hulpvorm
from passend.cases.models import LifeDomain
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict
from passend.core.tests.factories import OrganisationFactory, RegionFactory

from .conftest import in_state

pytestmark = pytest.mark.django_db

D = dt.date


def base(**overrides):
    data = {
        "organisation": None,
        "provider_name": "Jeugd-GGZ kliniek",
        "hulpvorm": Hulpvorm.AMBULANT_LOCATIE,
        "start": D(2022, 1, 10),
        "end": D(2022, 7, 1),
        "outcome": "Gestopt: wachtlijst voor vervolg.",
    }
    data.update(overrides)
    return data


def errors_for(casus, **overrides):
    data = dict.fromkeys(services.EPISODE_FIELDS)
    data.update(base(**overrides))
    return services.episode_errors(casus, data)


def test_a_valid_episode_has_no_errors(casus, org):
    assert errors_for(casus) == {}
    assert errors_for(casus, organisation=org, provider_name="") == {}


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"provider_name": ""}, "organisation", "Kies de aanbieder"),
        ({"hulpvorm": "", "description": ""}, "hulpvorm", "Vul een hulpvorm, productcategorie"),
        ({"start": None}, "start", "Vul de datum in"),
        ({"end": D(2021, 12, 31)}, "end", "De einddatum ligt vóór de begindatum."),
        ({"start": D(2011, 1, 1), "end": None}, "start", "vóór de geboortedatum"),
        ({"hulpvorm": Hulpvorm.PLEEGZORG, "with_stay": False}, "with_stay", "hoort verblijf"),
        ({"hulpvorm": Hulpvorm.WIJKTEAM, "with_stay": True}, "with_stay", "hoort geen verblijf"),
    ],
)
def test_invalid_episodes_get_a_dutch_message_on_the_field(casus, overrides, field, message):
    assert message in errors_for(casus, **overrides)[field]


def test_no_dates_in_the_future(casus):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert "toekomst" in errors_for(casus, start=tomorrow, end=None)["start"]
    assert "toekomst" in errors_for(casus, end=tomorrow)["end"]


def test_organisation_and_free_text_not_both_and_organisation_from_the_region(casus, org):
    assert "niet allebei" in errors_for(casus, organisation=org)["provider_name"]
    elsewhere = OrganisationFactory(name="Ver weg", regions=[RegionFactory(slug="elders")])
    errors = errors_for(casus, organisation=elsewhere, provider_name="")
    assert errors["organisation"] == "Deze organisatie is niet actief in de regio van het team."


def test_inactive_life_domain_is_refused(casus):
    domain = LifeDomain.objects.get(code="wonen")
    domain.active = False
    domain.save()
    assert "niet meer gebruikt" in errors_for(casus, life_domain=domain)["life_domain"]


def test_with_stay_follows_the_hulpvorm_unless_given(tenancy, casus):
    member = tenancy.a.users[Role.TEAMLID]
    foster = services.episode_add(
        casus, actor=member, **base(hulpvorm=Hulpvorm.PLEEGZORG, end=None)
    )
    assert foster.with_stay is True
    services.episode_update(foster, actor=member, hulpvorm=Hulpvorm.DAGHULP)
    assert foster.with_stay is False, "a new hulpvorm sets the stay again"
    crisis = services.episode_add(
        casus, actor=member, **base(hulpvorm="", productcategorie="46", with_stay=True)
    )
    assert crisis.with_stay is True, "without a hulpvorm the team says whether there was a stay"


def test_changes_are_logged_against_the_case(tenancy, casus, rf):
    member = tenancy.a.users[Role.TEAMLID]
    request = rf.post("/")
    request.user = member
    episode = services.episode_add(casus, actor=member, request=request, **base())
    services.episode_update(episode, actor=member, request=request, outcome="Afgerond.")
    services.episode_delete(episode, actor=member, request=request)
    services.step_write(casus, step=1, text="Gesprek thuis.", actor=member, request=request)
    entries = AccessLogEntry.objects.filter(subject_type="casus", subject_id=str(casus.pk))
    assert sorted(entries.values_list("action", flat=True)) == [
        "create",
        "delete",
        "update",
        "update",
    ]
    assert all(e.team == tenancy.a.team for e in entries)


@pytest.mark.parametrize("role", [Role.NOTULIST, Role.BELEIDSADVISEUR, Role.AANMELDER])
def test_only_case_workers_may_change_the_timeline_and_analysis(tenancy, casus, role):
    user = tenancy.a.users[role]
    with pytest.raises(NotAllowed) as refused:
        services.episode_add(casus, actor=user, **base())
    assert "niet wijzigen" in str(refused.value)
    with pytest.raises(NotAllowed):
        services.step_write(casus, step=1, text="x", actor=user)
    assert not TijdlijnEpisode.objects.exists()


def test_another_teams_member_may_not_write(tenancy, casus):
    with pytest.raises(NotAllowed):
        services.episode_add(casus, actor=tenancy.b.users[Role.TEAMLID], **base())


@pytest.mark.parametrize("state", [CaseState.AANGEMELD, CaseState.AFGESLOTEN])
def test_only_while_the_team_works_on_the_case(tenancy, state):
    casus = in_state(tenancy.a.team, state)
    with pytest.raises(StateConflict) as refused:
        services.episode_add(casus, actor=tenancy.a.users[Role.TEAMLID], **base())
    assert "zolang het team aan de casus werkt" in str(refused.value)


def test_step_needs_text_and_a_valid_step(tenancy, casus):
    member = tenancy.a.users[Role.TEAMLID]
    with pytest.raises(InvalidInput) as invalid:
        services.step_write(casus, step=4, text="  ", actor=member)
    assert set(invalid.value.errors) == {"step", "text"}


def test_outcome_text_and_free_text_provider_are_encrypted_at_rest(tenancy, casus):
    member = tenancy.a.users[Role.TEAMLID]
    episode = services.episode_add(
        casus, actor=member, **base(provider_name="Pleeggezin Oma Duinroos")
    )
    step = services.step_write(casus, step=2, text="Boos gedrag is angst.", actor=member)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT provider_name, outcome FROM analysis_tijdlijnepisode WHERE id = %s",
            [episode.pk],
        )
        provider, outcome = cursor.fetchone()
        cursor.execute("SELECT text FROM analysis_analysestap WHERE id = %s", [step.pk])
        (text,) = cursor.fetchone()
    assert "Duinroos" not in provider and "wachtlijst" not in outcome and "angst" not in text
    episode.refresh_from_db()
    assert episode.outcome == "Gestopt: wachtlijst voor vervolg."
