"""The demo's case work tells one consistent story per case, so the dashboards mean something."""

from collections import Counter

import pytest
from django.utils import timezone

from passend.advice.models import Advies
from passend.analysis.models import TijdlijnEpisode
from passend.cases.codes import CaseState
from passend.cases.models import Casus
from passend.conftest import kept_for_the_module
from passend.demo.cases import DEMO_TEAM_SLUGS, load_demo_cases
from passend.demo.casework_load import load_demo_casework
from passend.demo.region import load_demo_region
from passend.meetings.models import Casusbespreking, Overleg
from passend.procesregie.models import Actie

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-casework")]
S = CaseState


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo's cases and case work, loaded once for this module's tests."""
    with kept_for_the_module(django_db_blocker):
        load_demo_region()
        load_demo_cases()
        yield load_demo_casework()


@pytest.fixture
def demo(loaded, db):
    return loaded


def _cases(*states):
    return Casus.objects.filter(team__slug__in=DEMO_TEAM_SLUGS, state__in=states)


def test_every_advised_case_has_its_sent_advice_at_the_moment_of_the_transition(demo):
    assert demo["created"] and demo["advices"] > 0
    for casus in _cases(S.ADVIES_UITGEBRACHT, S.FOLLOW_UP, S.AFGESLOTEN, S.HEROPEND):
        moment = casus.transitions.get(to_state=S.ADVIES_UITGEBRACHT).at
        sent = Advies.objects.filter(casus=casus, sent_at__isnull=False)
        assert sent.filter(sent_at=moment).exists(), casus.reference
        assert all(a.approved_at and a.approved_at <= a.sent_at for a in sent)
    for casus in _cases(S.FOLLOW_UP, S.AFGESLOTEN):
        assert Advies.objects.filter(casus=casus, opvolgingen__done_on__isnull=False).exists()


def test_closed_cases_have_an_outcome_and_reopened_ones_keep_it_in_history(demo):
    closed = list(_cases(S.AFGESLOTEN))
    outcomes = Counter(c.closure_outcome for c in closed)
    assert all(outcomes) and outcomes["passende_plek"] > len(closed) / 3
    for casus in closed:
        if casus.closure_outcome == "passende_plek":
            assert casus.fitting_place_on <= timezone.localdate()
        if casus.closure_outcome == "overig":
            assert casus.closure_reason
    for casus in _cases(S.HEROPEND):
        assert casus.closure_outcome == ""
        assert casus.transitions.filter(to_state=S.AFGESLOTEN).exists()


def test_meetings_timelines_and_actions_in_both_teams(demo):
    for slug in DEMO_TEAM_SLUGS:
        assert Overleg.objects.filter(team__slug=slug, starts_at__gt=timezone.now()).exists()
        discussed = Casusbespreking.objects.filter(overleg__team__slug=slug).exclude(
            participation=""
        )
        assert discussed.filter(participation="aanwezig").exists()
        assert discussed.exclude(participation="aanwezig").exists()
        assert TijdlijnEpisode.objects.filter(casus__team__slug=slug).exists()
        assert Actie.objects.filter(casus__team__slug=slug).exists()
    for item in Casusbespreking.objects.exclude(discussed_at=None).select_related("casus"):
        started = item.casus.transitions.get(to_state=S.IN_BEHANDELING).at
        assert item.discussed_at >= started, item.casus.reference


def test_rerun_creates_nothing(demo):
    counts = (Overleg.objects.count(), Advies.objects.count(), Actie.objects.count())
    assert load_demo_casework() == {"created": False}
    assert (Overleg.objects.count(), Advies.objects.count(), Actie.objects.count()) == counts
