"""The transition table: one service owns every state change, with actor, time and reason."""

import datetime as dt

import pytest
from django.utils import timezone

from passend.accounts.roles import Role
from passend.cases.codes import CaseState, LegalFramework
from passend.cases.services import (
    record_consent,
    submit_registration,
    transition,
    withdraw_consent,
)
from passend.cases.tests.factories import CasusFactory, OuderFactory
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict

pytestmark = pytest.mark.django_db


@pytest.fixture
def screening_case(tenancy):
    """A 13-year-old with one parent with gezag, in screening."""
    today = timezone.localdate()
    casus = CasusFactory(
        team=tenancy.a.team,
        is_draft=True,
        aanmelder=tenancy.a.users[Role.AANMELDER],
        birth_date=today.replace(year=today.year - 13) - dt.timedelta(days=3),
        youth_informed=True,
        parents_informed=True,
    )
    submit_registration(casus, actor=tenancy.a.users[Role.AANMELDER])
    ouder = OuderFactory(casus=casus)
    transition(casus, to=CaseState.IN_SCREENING, actor=tenancy.a.users[Role.SCREENER])
    casus.refresh_from_db()
    return casus, ouder


def test_registration_and_transitions_record_who_when_why(tenancy, screening_case):
    casus, _ouder = screening_case
    history = list(casus.transitions.values_list("from_state", "to_state", "actor__username"))
    assert history == [
        ("", "aangemeld", "aanmelder.alfa"),
        ("aangemeld", "in_screening", "screener.alfa"),
    ]
    assert all(t.at <= timezone.now() for t in casus.transitions.all())


def test_invalid_transition_is_refused_with_a_clear_message(tenancy, screening_case):
    casus, _ = screening_case
    with pytest.raises(StateConflict, match="naar 'aangemeld' kan niet"):
        transition(casus, to=CaseState.AANGEMELD, actor=tenancy.a.users[Role.SCREENER])
    with pytest.raises(InvalidInput, match="Onbekende status"):
        transition(casus, to="gesloten", actor=tenancy.a.users[Role.SCREENER])


def test_rejection_needs_a_reason_and_the_right_role(tenancy, screening_case):
    casus, _ = screening_case
    with pytest.raises(NotAllowed, match="niet zetten"):
        transition(casus, to=CaseState.AFGEWEZEN, actor=tenancy.a.users[Role.TEAMLID], reason="x")
    with pytest.raises(InvalidInput, match="Geef een reden") as refused:
        transition(casus, to=CaseState.AFGEWEZEN, actor=tenancy.a.users[Role.SCREENER])
    assert set(refused.value.errors) == {"reason"}
    other_team = tenancy.b.users[Role.SCREENER]
    with pytest.raises(NotAllowed, match="niet zetten"):
        transition(casus, to=CaseState.AFGEWEZEN, actor=other_team, reason="x")


def test_no_treatment_without_complete_consent(tenancy, screening_case):
    casus, ouder = screening_case
    screener = tenancy.a.users[Role.SCREENER]
    today = timezone.localdate()
    with pytest.raises(StateConflict, match="toestemming is niet compleet"):
        transition(casus, to=CaseState.IN_BEHANDELING, actor=screener)
    # 13 years old: the parent alone is not enough, the young person must consent too.
    record_consent(casus, actor=screener, ouder=ouder, method="digitaal", given_on=today)
    with pytest.raises(StateConflict, match="toestemming is niet compleet"):
        transition(casus, to=CaseState.IN_BEHANDELING, actor=screener)
    own = record_consent(
        casus, actor=screener, ouder=None, method="mondeling", witness="Getuige", given_on=today
    )
    entry = transition(casus, to=CaseState.IN_BEHANDELING, actor=screener, reason="geschikt")
    assert entry.to_state == CaseState.IN_BEHANDELING
    assert own.withdrawn_on is None


def test_withdrawn_consent_blocks_again(tenancy, screening_case):
    casus, ouder = screening_case
    today = timezone.localdate()
    screener = tenancy.a.users[Role.SCREENER]
    record_consent(casus, actor=screener, ouder=ouder, method="digitaal", given_on=today)
    own = record_consent(casus, actor=screener, ouder=None, method="digitaal", given_on=today)
    withdraw_consent(own, actor=screener, withdrawn_on=today)
    with pytest.raises(StateConflict, match="ingetrokken"):
        transition(casus, to=CaseState.IN_BEHANDELING, actor=screener)
    with pytest.raises(StateConflict, match="al ingetrokken"):
        withdraw_consent(own, actor=screener, withdrawn_on=today)


def test_ots_with_reason_is_a_basis_without_consent(tenancy, screening_case):
    casus, _ = screening_case
    screener = tenancy.a.users[Role.SCREENER]
    casus.legal_framework = LegalFramework.OTS
    casus.save()
    with pytest.raises(StateConflict):
        transition(casus, to=CaseState.IN_BEHANDELING, actor=screener)  # no reason recorded yet
    casus.legal_basis_reason = "OTS uitgesproken; de GI heeft de aanmelding gedaan."
    casus.save()
    entry = transition(casus, to=CaseState.IN_BEHANDELING, actor=screener)
    assert entry.to_state == "in_behandeling"
