"""Code lists per region: the beheerder manages them in the app, with Dutch and English labels;
a list of region A is nothing of region B's beheerder; inactive items are no longer offered but
stay on the records that have them."""

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome
from passend.cases.forms.registration import QuestionForm
from passend.cases.models import LifeDomain, RegistrationReason
from passend.cases.tests.factories import CasusFactory
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict
from passend.core.tests.factories import (
    MembershipFactory,
    RegionFactory,
    TeamFactory,
    UserFactory,
)
from passend.regions.codelists import services
from passend.regions.codelists.defaults import DEFAULTS
from passend.regions.codelists.migration import scope_to_regions
from passend.regions.codelists.registry import CODE_LISTS
from passend.socialmap.forms.search import SearchForm
from passend.socialmap.models import Hulpvraag

pytestmark = pytest.mark.django_db

REDENEN = CODE_LISTS["redenen"]
HULPVRAGEN = CODE_LISTS["hulpvragen"]


@pytest.fixture
def other_region():
    """Region Heuvelland with one team and its beheerder."""
    region = RegionFactory(name="Testregio Heuvelland", slug="heuvelland")
    team = TeamFactory(region=region, name="Expertteam Gamma", slug="team-gamma")
    beheerder = UserFactory(username="beheerder.gamma")
    MembershipFactory(user=beheerder, team=team, role=Role.BEHEERDER)
    return team, beheerder


def url(team, *parts):
    return "/".join([f"/teams/{team.slug}/beheer/codelijsten", *map(str, parts)]) + "/"


def reason(team, code):
    return RegistrationReason.objects.get(region=team.region, code=code)


# --- model ---------------------------------------------------------------------------------


def test_a_new_region_gets_the_standard_lists_with_english_labels(tenancy):
    region = tenancy.a.team.region
    for name, rows in DEFAULTS.items():
        items = apps.get_model(name).objects.filter(region=region)
        assert items.count() == len(rows), name
        assert not items.filter(label_en="").exists(), name


def test_same_code_in_two_regions_but_not_twice_in_one(tenancy, other_region):
    a, b = tenancy.a.team.region, other_region[0].region
    assert reason(tenancy.a.team, "wachtlijst").pk != reason(other_region[0], "wachtlijst").pk
    RegistrationReason.objects.create(region=a, code="nieuw", label_nl="nieuw", label_en="new")
    RegistrationReason.objects.create(region=b, code="nieuw", label_nl="nieuw", label_en="new")
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationReason.objects.create(region=a, code="nieuw", label_nl="x", label_en="x")


def test_label_follows_the_active_language(tenancy):
    item = reason(tenancy.a.team, "wachtlijst")
    assert str(item) == "wachtlijst"
    with translation.override("en"):
        assert str(item) == "waiting list" and item.label == "waiting list"
    item.label_en = ""
    with translation.override("en"):
        assert item.label == "wachtlijst", "without an English label the Dutch one is shown"


# --- where the lists are used --------------------------------------------------------------


def test_registration_offers_the_active_reasons_of_the_teams_region(tenancy, other_region):
    team = tenancy.a.team
    wachtlijst = reason(team, "wachtlijst")
    services.set_active(
        REDENEN, wachtlijst, team=team, active=False, actor=tenancy.a.users[Role.BEHEERDER]
    )
    new_case = CasusFactory.build(team=team)
    offered = set(QuestionForm(instance=new_case).fields["reasons"].queryset)
    assert wachtlijst not in offered, "an inactive reason is not offered for a new choice"
    assert reason(team, "anders") in offered
    assert not {r for r in offered if r.region_id != team.region_id}, "only the team's region"

    kept = CasusFactory(team=team)
    kept.reasons.add(wachtlijst)
    form = QuestionForm(instance=kept)
    assert wachtlijst in set(form.fields["reasons"].queryset), "stays on the existing case"
    html = str(form["reasons"])
    assert "wachtlijst" in html and "checked" in html


def test_search_offers_the_vocabulary_of_the_searchers_region(tenancy, other_region):
    team, other = tenancy.a.team, other_region[0]
    theirs = Hulpvraag.objects.create(
        region=other.region, code="alleen-daar", label_nl="alleen daar", label_en="only there"
    )
    form = SearchForm({"hulpvragen": ["alleen-daar"]}, team=team)
    assert theirs not in set(form.fields["hulpvragen"].queryset)
    assert not form.is_valid() and form.errors["hulpvragen"] == ["Kies uit de lijst."]
    assert SearchForm({"hulpvragen": ["buddy"]}, team=team).is_valid()


# --- services ------------------------------------------------------------------------------


def test_adding_needs_both_labels_and_a_unique_code_per_region(tenancy):
    team, beheerder = tenancy.a.team, tenancy.a.users[Role.BEHEERDER]
    with pytest.raises(InvalidInput) as missing:
        services.add_item(
            REDENEN, team=team, code="school", label_nl="school", label_en=" ", actor=beheerder
        )
    assert missing.value.errors == {"label_en": ["Vul de Engelse omschrijving in."]}
    with pytest.raises(InvalidInput) as twice:
        services.add_item(
            REDENEN, team=team, code="anders", label_nl="iets", label_en="x", actor=beheerder
        )
    assert twice.value.errors == {"code": ["Deze code staat al in de lijst van deze jeugdregio."]}
    item = services.add_item(
        REDENEN, team=team, code="School", label_nl="school", label_en="school", actor=beheerder
    )
    assert item.code == "school" and item.region_id == team.region_id


def test_an_item_without_english_label_can_still_be_deactivated(tenancy):
    team, beheerder = tenancy.a.team, tenancy.a.users[Role.BEHEERDER]
    old = reason(team, "wachtlijst")
    RegistrationReason.objects.filter(pk=old.pk).update(label_en="")  # from before
    services.set_active(REDENEN, old, team=team, active=False, actor=beheerder)
    old.refresh_from_db()
    assert old.active is False
    with pytest.raises(InvalidInput):
        services.update_item(
            REDENEN, old, team=team, changes={"label_nl": "wachtlijst"}, actor=beheerder
        )


def test_delete_only_when_unused(tenancy):
    team, beheerder = tenancy.a.team, tenancy.a.users[Role.BEHEERDER]
    used, unused = reason(team, "wachtlijst"), reason(team, "onenigheid")
    CasusFactory(team=team).reasons.add(used)
    with pytest.raises(StateConflict) as refused:
        services.delete_item(REDENEN, used, team=team, actor=beheerder)
    assert "is in gebruik" in refused.value.message and "inactief" in refused.value.message
    assert RegistrationReason.objects.filter(pk=used.pk).exists()
    services.delete_item(REDENEN, unused, team=team, actor=beheerder)
    assert not RegistrationReason.objects.filter(pk=unused.pk).exists()


def test_a_life_domain_on_a_timeline_episode_is_in_use(tenancy):
    from passend.analysis.models import TijdlijnEpisode

    team, beheerder = tenancy.a.team, tenancy.a.users[Role.BEHEERDER]
    domain = LifeDomain.objects.get(region=team.region, code="wonen")
    TijdlijnEpisode.objects.create(
        casus=CasusFactory(team=team), provider_name="X", start="2020-01-01", life_domain=domain
    )
    with pytest.raises(StateConflict):
        services.delete_item(CODE_LISTS["leefgebieden"], domain, team=team, actor=beheerder)


def test_coordinator_manages_the_search_vocabularies_but_not_the_case_lists(tenancy):
    team, coordinator = tenancy.a.team, tenancy.a.users[Role.COORDINATOR_SK]
    item = services.add_item(
        HULPVRAGEN, team=team, code="slaap", label_nl="slapen", label_en="sleep", actor=coordinator
    )
    assert item.region_id == team.region_id
    with pytest.raises(NotAllowed):
        services.add_item(
            REDENEN, team=team, code="x", label_nl="x", label_en="x", actor=coordinator
        )


# --- pages ---------------------------------------------------------------------------------


def test_beheerder_adds_edits_deactivates_and_the_change_is_traced(tenancy, as_user):
    team, beheerder = tenancy.a.team, tenancy.a.users[Role.BEHEERDER]
    client = as_user(beheerder)
    overview = client.get(url(team)).content.decode()
    assert "Redenen van aanmelding" in overview and "Aandachtspunten" in overview
    assert url(team) in client.get(f"/teams/{team.slug}/beheer/").content.decode()

    response = client.post(
        url(team, "redenen", "nieuw"),
        {"code": "school", "label_nl": "school", "label_en": "school", "order": "20"},
    )
    assert response.status_code == 302
    item = reason(team, "school")
    response = client.post(
        url(team, "redenen", item.pk),
        {"label_nl": "schoolzaken", "label_en": "school matters", "order": "5"},
    )
    assert response.status_code == 302
    client.post(url(team, "redenen", item.pk, "actief"), {"actief": "nee"})
    item.refresh_from_db()
    assert (item.label_nl, item.label_en, item.order, item.active) == (
        "schoolzaken",
        "school matters",
        5,
        False,
    )
    table = client.get(url(team, "redenen")).content.decode()
    assert "schoolzaken" in table and "school matters" in table and "Activeren" in table
    traces = AccessLogEntry.objects.filter(subject_type="codelijst", user=beheerder)
    assert traces.count() == 3


def test_invalid_input_shows_dutch_messages_and_keeps_what_was_entered(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    response = client.post(
        url(team, "redenen", "nieuw"),
        {"code": "Geen Slug!", "label_nl": "iets nieuws", "label_en": "", "order": "1000"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Een code bestaat uit kleine letters, cijfers en streepjes" in body
    assert "Vul de Engelse omschrijving in." in body
    assert "Vul een volgorde in van 0 tot en met 999." in body
    assert 'value="iets nieuws"' in body and 'value="Geen Slug!"' in body
    duplicate = client.post(
        url(team, "redenen", "nieuw"),
        {"code": "anders", "label_nl": "nog eens", "label_en": "again", "order": "0"},
    )
    assert "Deze code staat al in de lijst van deze jeugdregio." in duplicate.content.decode()
    assert RegistrationReason.objects.filter(region=team.region, code="anders").count() == 1


def test_deleting_an_item_in_use_is_refused_with_an_explanation(tenancy, as_user):
    team = tenancy.a.team
    used = reason(team, "wachtlijst")
    CasusFactory(team=team).reasons.add(used)
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    response = client.post(url(team, "redenen", used.pk, "verwijderen"), follow=True)
    assert "is in gebruik en kan niet worden verwijderd" in response.content.decode()
    assert RegistrationReason.objects.filter(pk=used.pk).exists()


def test_coordinator_sees_only_the_social_map_lists(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.COORDINATOR_SK])
    overview = client.get(url(team)).content.decode()
    assert url(team, "hulpvragen") in overview and url(team, "redenen") not in overview
    assert client.get(url(team, "hulpvragen")).status_code == 200
    assert client.get(url(team, "redenen")).status_code == 404
    beheer = client.get(reverse("socialmap:beheer", kwargs={"team": team.slug}))
    assert url(team) in beheer.content.decode(), "linked from the coordinator's beheer page"


def test_other_roles_get_404(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    assert client.get(url(team)).status_code == 404
    assert client.get(url(team, "hulpvragen")).status_code == 404


# --- region isolation ----------------------------------------------------------------------


def test_beheerder_of_region_a_sees_nothing_of_region_b(tenancy, other_region, as_user):
    team = tenancy.a.team
    other_team, _other_beheerder = other_region
    theirs = reason(other_team, "wachtlijst")
    client = as_user(tenancy.a.users[Role.BEHEERDER])

    assert client.get(url(other_team)).status_code == 404
    assert client.get(url(other_team, "redenen")).status_code == 404
    # Their item through the own team's URL: not found, and the attempt is logged as denied.
    assert client.get(url(team, "redenen", theirs.pk)).status_code == 404
    response = client.post(
        url(team, "redenen", theirs.pk), {"label_nl": "x", "label_en": "x", "order": "0"}
    )
    assert response.status_code == 404
    assert client.post(url(team, "redenen", theirs.pk, "verwijderen")).status_code == 404
    assert (
        client.post(url(team, "redenen", theirs.pk, "actief"), {"actief": "nee"}).status_code == 404
    )
    theirs.refresh_from_db()
    assert theirs.label_nl == "wachtlijst" and theirs.active
    denied = AccessLogEntry.objects.filter(
        outcome=Outcome.DENIED, subject_type="codelijst-item", subject_id=str(theirs.pk)
    )
    assert denied.count() == 4
    # Their own table shows their region's items only.
    table = client.get(url(team, "redenen")).content.decode()
    assert f"/{theirs.pk}/" not in table

    api = client.get(f"/api/v1/teams/{team.pk}/code-lists/redenen/{theirs.pk}")
    assert api.status_code == 404
    api = client.get(f"/api/v1/teams/{other_team.pk}/code-lists/redenen")
    assert api.status_code == 404 and api["Content-Type"] == "application/problem+json"
    ids = {i["id"] for i in client.get(f"/api/v1/teams/{team.pk}/code-lists/redenen").json()}
    assert theirs.pk not in ids and reason(team, "wachtlijst").pk in ids


# --- API -----------------------------------------------------------------------------------


def test_api_creates_and_updates_items(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    base = f"/api/v1/teams/{team.pk}/code-lists/hulpvragen"
    created = client.post(
        base,
        {"code": "slaap", "labelNl": "slapen", "labelEn": "sleep", "order": 3},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["code"], body["labelNl"], body["labelEn"], body["active"]) == (
        "slaap",
        "slapen",
        "sleep",
        True,
    )
    changed = client.patch(
        f"{base}/{body['id']}",
        {"active": False, "labelEn": "sleeping"},
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["active"] is False
    assert Hulpvraag.objects.get(pk=body["id"]).label_en == "sleeping"


def test_api_bad_input_is_problem_json(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    base = f"/api/v1/teams/{team.pk}/code-lists/redenen"
    duplicate = client.post(
        base,
        {"code": "anders", "labelNl": "anders", "labelEn": "other"},
        content_type="application/json",
    )
    assert duplicate.status_code == 400
    assert duplicate["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in duplicate.json()["invalidParams"]}
    assert names == {"code"}
    missing = client.post(base, {"code": "x y"}, content_type="application/json")
    assert missing.status_code == 400
    assert {p["name"] for p in missing.json()["invalidParams"]} >= {"code", "labelNl", "labelEn"}
    item = reason(team, "anders")
    empty = client.patch(f"{base}/{item.pk}", {"labelEn": ""}, content_type="application/json")
    assert empty.status_code == 400 and empty["Content-Type"] == "application/problem+json"
    assert client.get(f"/api/v1/teams/{team.pk}/code-lists/onbekend").status_code == 404


# --- data migration ------------------------------------------------------------------------


def _only(code, region):
    """Leave one RegistrationReason, `code`, in `region` (the seeded ones are removed)."""
    RegistrationReason.objects.all().delete()
    return RegistrationReason.objects.create(
        region=region, code=code, label_nl="oude reden", label_en=""
    )


def test_migration_copies_rows_into_every_region_and_repoints_cases(tenancy, other_region):
    a, other_team = tenancy.a.team, other_region[0]
    old = _only("wachtlijst", a.region)
    here, there = CasusFactory(team=a), CasusFactory(team=other_team)
    here.reasons.add(old)
    there.reasons.add(old)

    scope_to_regions(
        apps, "cases.RegistrationReason", [("cases", "Casus", "reasons", "team__region")]
    )

    copy = RegistrationReason.objects.get(region=other_team.region, code="wachtlijst")
    old.refresh_from_db()
    assert old.region_id == a.region_id and copy.pk != old.pk
    assert (copy.label_nl, copy.label_en) == ("oude reden", "waiting list"), "English filled in"
    assert list(here.reasons.all()) == [old]
    assert list(there.reasons.all()) == [copy], "the case points at its own region's copy"


def test_migration_with_one_region_assigns_every_row_to_it(tenancy):
    old = _only("eigen-reden", tenancy.a.team.region)
    scope_to_regions(apps, "cases.RegistrationReason", [])
    assert list(RegistrationReason.objects.all()) == [old]
    old.refresh_from_db()
    assert old.region_id == tenancy.a.team.region_id and old.label_en == ""


def test_case_api_takes_codes_of_the_teams_region_and_keeps_inactive_ones(
    tenancy, other_region, as_user
):
    from passend.cases.tests.test_api import registration

    team = tenancy.a.team
    RegistrationReason.objects.create(
        region=other_region[0].region, code="elders", label_nl="elders", label_en="elsewhere"
    )
    client = as_user(tenancy.a.users[Role.AANMELDER])
    refused = client.post(
        "/api/v1/cases",
        registration(tenancy, reasons=["elders"]),
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert [p["name"] for p in refused.json()["invalidParams"]] == ["reasons"]
    assert "Onbekende code: elders." in refused.json()["invalidParams"][0]["reason"]

    created = client.post(
        "/api/v1/cases", registration(tenancy), content_type="application/json"
    ).json()
    wachtlijst = reason(team, "wachtlijst")
    services.set_active(
        REDENEN, wachtlijst, team=team, active=False, actor=tenancy.a.users[Role.BEHEERDER]
    )
    url = f"/api/v1/cases/{created['id']}"
    screener = as_user(tenancy.a.users[Role.SCREENER])
    kept = screener.patch(
        url, {"reasons": ["wachtlijst", "onenigheid"]}, content_type="application/json"
    )
    assert kept.status_code == 200, kept.content
    kept_codes = set(kept.json()["reasons"])
    assert kept_codes == {"wachtlijst", "onenigheid"}, "inactive but already chosen"
    screener.patch(url, {"reasons": ["onenigheid"]}, content_type="application/json")
    again = screener.patch(url, {"reasons": ["wachtlijst"]}, content_type="application/json")
    assert again.status_code == 400, "an inactive code is not a new choice"
