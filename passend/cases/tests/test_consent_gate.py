"""Consent gates case work: the rule (``workflow.case_work_refusal`` and
``require_consent_for_case_work``) at the age boundaries, with and without a compulsory
framework; and the cases writes that are case work (perspectief, casusregie, reopening) refuse
with the same message in UI and API, shown at the top of every case tab."""

import datetime as dt
from html import escape

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.cases.codes import CaseState, LegalFramework
from passend.cases.models import Casus
from passend.cases.services import close_case, save_perspective, transition
from passend.cases.tests.factories import CasusFactory, OuderFactory, ToestemmingFactory
from passend.cases.workflow import case_work_refusal, require_consent_for_case_work
from passend.core.refusals import StateConflict

pytestmark = pytest.mark.django_db

BIRTH = dt.date(2010, 3, 15)


def day_at(years: int, days_before: int = 0) -> dt.date:
    """The day the young person born on BIRTH turns `years`, minus `days_before` days."""
    return BIRTH.replace(year=BIRTH.year + years) - dt.timedelta(days=days_before)


AGES = {
    "11y364d": day_at(12, 1),
    "12y": day_at(12),
    "15y364d": day_at(16, 1),
    "16y": day_at(16),
}


def family(tenancy, *, consents: str, **fields) -> Casus:
    """A case of a young person born on BIRTH with two parents with gezag; `consents` says who
    consented at age 10: "parents", "parents+young", "young" or "" (nobody)."""
    casus = CasusFactory(team=tenancy.a.team, birth_date=BIRTH, **fields)
    given = day_at(10)
    for ouder in (OuderFactory(casus=casus), OuderFactory(casus=casus, relation="vader")):
        if "parents" in consents:
            ToestemmingFactory(casus=casus, ouder=ouder, given_on=given)
    OuderFactory(casus=casus, relation="stiefouder", has_gezag=False)  # never needed
    if "young" in consents:
        ToestemmingFactory(casus=casus, ouder=None, given_on=given)
    return casus


# Who consented -> at which ages case work may go on (True) or is refused (False).
TABLE = {
    "parents": {"11y364d": True, "12y": False, "15y364d": False, "16y": False},
    "parents+young": {"11y364d": True, "12y": True, "15y364d": True, "16y": True},
    "young": {"11y364d": False, "12y": False, "15y364d": False, "16y": True},
    "": {"11y364d": False, "12y": False, "15y364d": False, "16y": False},
}


@pytest.mark.parametrize(
    ("consents", "age"), [(c, a) for c, row in TABLE.items() for a in row], ids=str
)
def test_the_consent_the_age_requires(tenancy, consents, age):
    casus = family(tenancy, consents=consents)
    refusal = case_work_refusal(casus, AGES[age])
    assert (refusal is None) is TABLE[consents][age]
    if refusal is None:
        require_consent_for_case_work(casus, AGES[age])
    else:
        assert "Er is geen geldige toestemming (meer) voor deze casus." in refusal
        with pytest.raises(StateConflict) as refused:
            require_consent_for_case_work(casus, AGES[age])
        assert refused.value.message == refusal, "one message for UI and API"


def test_parents_consent_lapses_on_the_12th_birthday_and_names_who_is_missing(tenancy):
    casus = family(tenancy, consents="parents")
    assert case_work_refusal(casus, AGES["11y364d"]) is None
    refusal = case_work_refusal(casus, AGES["12y"])
    assert "ontbreekt nog van: de jeugdige" in refusal


def test_only_the_young_persons_own_consent_counts_from_the_16th_birthday(tenancy):
    casus = family(tenancy, consents="parents")
    ToestemmingFactory(casus=casus, ouder=None, given_on=AGES["15y364d"])
    assert case_work_refusal(casus, AGES["15y364d"]) is None
    casus.consents.filter(ouder__isnull=False).delete()
    assert case_work_refusal(casus, AGES["15y364d"]) is not None, "15: parents still needed"
    assert case_work_refusal(casus, AGES["16y"]) is None, "16: the young person alone"


def test_the_young_persons_consent_withdrawn_before_16_lapses_at_16_too(tenancy):
    casus = family(tenancy, consents="parents+young")
    casus.consents.filter(ouder__isnull=True).update(withdrawn_on=day_at(15))
    for age in ("15y364d", "16y"):
        assert "heeft de toestemming ingetrokken op" in case_work_refusal(casus, AGES[age])


@pytest.mark.parametrize("who", ["young", "parent"])
def test_withdrawn_consent_refuses_from_the_day_of_withdrawal(tenancy, who):
    casus = family(tenancy, consents="parents+young")
    consent = casus.consents.filter(ouder__isnull=(who == "young")).first()
    consent.withdrawn_on = day_at(13)
    consent.save()
    assert case_work_refusal(casus, day_at(13, 1)) is None
    assert "ingetrokken op" in case_work_refusal(casus, day_at(13))


@pytest.mark.parametrize("age", list(AGES))
@pytest.mark.parametrize("framework", [LegalFramework.OTS, LegalFramework.VOOGDIJ])
def test_a_compulsory_framework_with_a_reason_is_a_basis_without_consent(tenancy, age, framework):
    reason = "Ondertoezichtstelling sinds maart; de GI werkt met het team samen."
    with_reason = family(tenancy, consents="", legal_framework=framework, legal_basis_reason=reason)
    assert case_work_refusal(with_reason, AGES[age]) is None
    require_consent_for_case_work(with_reason, AGES[age])
    without = family(tenancy, consents="", legal_framework=framework, legal_basis_reason="  ")
    assert case_work_refusal(without, AGES[age]) is not None
    with pytest.raises(StateConflict):
        require_consent_for_case_work(without, AGES[age])


def test_voluntary_framework_with_a_reason_is_no_basis(tenancy):
    casus = family(
        tenancy,
        consents="",
        legal_framework=LegalFramework.VRIJWILLIG,
        legal_basis_reason="Het gezin wil het graag.",
    )
    assert case_work_refusal(casus, AGES["12y"]) is not None


# -- the cases writes that are case work --------------------------------------------------


@pytest.fixture
def withdrawn(tenancy):
    """A 14-year-old in behandeling whose own consent was withdrawn yesterday."""
    today = timezone.localdate()
    casus = CasusFactory(
        team=tenancy.a.team,
        birth_date=today.replace(year=today.year - 14),
        registered_at=timezone.now() - dt.timedelta(days=90),
    )
    ToestemmingFactory(casus=casus, ouder=OuderFactory(casus=casus))
    ToestemmingFactory(casus=casus, ouder=None, withdrawn_on=today - dt.timedelta(days=1))
    Casus.objects.filter(pk=casus.pk).update(state=CaseState.IN_BEHANDELING)
    casus.refresh_from_db()
    return casus


def test_perspective_and_case_direction_refuse_with_the_same_message_ui_and_api(
    tenancy, as_user, withdrawn
):
    message = case_work_refusal(withdrawn)
    client = as_user(tenancy.a.users[Role.TEAMLID])
    api = f"/api/v1/cases/{withdrawn.pk}"
    for route, body in (("perspective", {"youthWish": "x"}), ("case-direction", {"placedBy": "x"})):
        response = client.patch(f"{api}/{route}", body, content_type="application/json")
        assert response.status_code == 409, route
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["detail"] == message
    page = f"/teams/{tenancy.a.team.slug}/casussen/{withdrawn.pk}/perspectief/"
    response = client.post(page, {"youth_wish": "Naar huis.", "family_wish": "Rust."})
    assert response.status_code == 200
    body = response.content.decode()
    assert escape(message) in body and "Naar huis." in body, "message shown, input kept"
    withdrawn.refresh_from_db()
    assert withdrawn.youth_wish in (None, "") and withdrawn.placed_by == ""


def test_reading_stays_possible_and_every_case_tab_shows_the_reason_at_the_top(
    tenancy, as_user, withdrawn
):
    message = escape(case_work_refusal(withdrawn))
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    base = f"/teams/{tenancy.a.team.slug}/casussen/{withdrawn.pk}"
    tabs = ["/", "/tijdlijn/", "/overleg/", "/advies/", "/procesregie/", "/perspectief/"]
    for tab in tabs:
        response = client.get(f"{base}{tab}")
        assert response.status_code == 200, tab
        body = response.content.decode()
        assert body.count(message) == 1, tab
        assert body.index(message) < body.index('class="passend-tabs"'), "at the top"
    assert client.get(f"/api/v1/cases/{withdrawn.pk}").status_code == 200


def test_the_referrer_does_not_see_the_team_warning(tenancy, as_user, withdrawn):
    Casus.objects.filter(pk=withdrawn.pk).update(aanmelder=tenancy.a.users[Role.AANMELDER])
    page = as_user(tenancy.a.users[Role.AANMELDER]).get(
        f"/teams/{tenancy.a.team.slug}/casussen/{withdrawn.pk}/"
    )
    assert page.status_code == 200
    assert escape(case_work_refusal(withdrawn)) not in page.content.decode()


def test_no_warning_with_valid_consent_or_before_case_work_starts(tenancy, as_user, withdrawn):
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    url = f"/teams/{tenancy.a.team.slug}/casussen/{withdrawn.pk}/"
    warning = "Er is geen geldige toestemming (meer) voor deze casus."
    Casus.objects.filter(pk=withdrawn.pk).update(state=CaseState.IN_SCREENING)
    assert warning not in client.get(url).content.decode(), "screening comes before consent"
    Casus.objects.filter(pk=withdrawn.pk).update(state=CaseState.IN_BEHANDELING)
    ToestemmingFactory(casus=withdrawn, ouder=None)
    assert warning not in client.get(url).content.decode()


def test_reopening_needs_consent_closing_does_not(tenancy, withdrawn):
    director = tenancy.a.users[Role.PROCESREGISSEUR]
    close_case(
        withdrawn,
        actor=director,
        outcome="overig",
        reason="Gezin wil niet verder.",
        living_situation_at_closure="thuis",
    )
    withdrawn.refresh_from_db()
    assert withdrawn.state == CaseState.AFGESLOTEN, "ending the work needs no consent"
    with pytest.raises(StateConflict) as refused:
        transition(withdrawn, to=CaseState.HEROPEND, actor=director, reason="Nieuwe vraag.")
    assert refused.value.message == case_work_refusal(withdrawn)
    ToestemmingFactory(casus=withdrawn, ouder=None)
    transition(withdrawn, to=CaseState.HEROPEND, actor=director, reason="Nieuwe vraag.")


def test_perspective_during_screening_needs_no_consent_yet(tenancy, withdrawn):
    Casus.objects.filter(pk=withdrawn.pk).update(state=CaseState.IN_SCREENING)
    withdrawn.refresh_from_db()
    save_perspective(
        withdrawn,
        actor=tenancy.a.users[Role.SCREENER],
        youth_wish="Weer naar school.",
        youth_struggle="",
        family_wish="",
    )
    withdrawn.refresh_from_db()
    assert withdrawn.youth_wish == "Weer naar school."
