from collections import Counter
from itertools import pairwise

import pytest
from django.utils import timezone

from passend.cases.codes import COMPULSORY_FRAMEWORKS, CaseState, ReferrerType, ScreeningOutcome
from passend.cases.consent_rules import age_on
from passend.cases.models import Casus, Statuswijziging, Toestemming
from passend.cases.validators import is_valid_bsn
from passend.cases.workflow import consent_check
from passend.conftest import kept_for_the_module
from passend.demo.cases import DEMO_TEAM_SLUGS, load_demo_cases
from passend.demo.casework import LATER_STATES
from passend.demo.region import load_demo_region

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo-cases")]

S = CaseState
SCREENING_DECISIONS = (S.AFGEWEZEN, S.DOORVERWEZEN, S.CRISIS_DOORVERWEZEN, S.IN_BEHANDELING)
ACTORS = {
    S.ADVIES_UITGEBRACHT: "voorzitter.",
    S.FOLLOW_UP: "procesregisseur.",
    S.AFGESLOTEN: "procesregisseur.",
    S.HEROPEND: "procesregisseur.",
}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo's cases, loaded once for this module's tests (each test's changes undone)."""
    with kept_for_the_module(django_db_blocker):
        load_demo_region()
        yield load_demo_cases()


@pytest.fixture
def demo(loaded, db):
    return loaded


# On an empty database: before the first test that loads the demo (see ``loaded``).
def test_small_count_still_covers_every_state():
    load_demo_region()
    result = load_demo_cases(count=24, seed=1)
    assert result["created"] == 24
    for slug in DEMO_TEAM_SLUGS:
        assert all(result["per_team"][slug].values()), slug


def _cases():
    return Casus.objects.filter(team__slug__in=DEMO_TEAM_SLUGS).select_related("team")


def _entry_day(casus):
    entry = casus.transitions.get(to_state=S.IN_BEHANDELING)
    return timezone.localdate(entry.at)


def test_creates_300_cases_with_every_state_in_both_teams(demo):
    assert demo["created"] == demo["total"] == 300
    assert _cases().count() == 300
    for slug in DEMO_TEAM_SLUGS:
        states = Counter(_cases().filter(team__slug=slug).values_list("state", flat=True))
        assert set(states) == set(S.values), slug
        assert states == Counter({s: n for s, n in demo["per_team"][slug].items() if n})
        assert sum(states.values()) == 150
    assert demo["withdrawn"] > 0
    assert not _cases().filter(is_draft=True).exists()


def test_registrations_grow_over_two_years_with_small_cells_per_gemeente_and_month(demo):
    """A dashboard worth looking at: the registrations of the last year outnumber those of the
    year before, every quarter of the two years has some, and many gemeente x month cells
    hold 1 to 4 cases (the monitoring shows them as '<5')."""
    today = timezone.localdate()
    days = [(today - timezone.localdate(c.registered_at)).days for c in _cases()]
    assert max(days) > 700
    last_year = sum(1 for d in days if d < 365)
    year_before = sum(1 for d in days if 365 <= d < 730)
    assert last_year > 1.5 * year_before > 0
    assert {d // 91 for d in days} >= set(range(8))
    cells = Counter(
        (c.gemeente_id, timezone.localdate(c.registered_at).strftime("%Y-%m")) for c in _cases()
    )
    assert sum(1 for n in cells.values() if 1 <= n <= 4) >= 20
    assert any(n >= 5 for n in cells.values())


def test_synthetic_identities_and_registration_details(demo):
    cases = list(_cases().prefetch_related("ouders", "reasons", "life_domains"))
    with_bsn = [c for c in cases if c.bsn]
    assert 0.1 < len(with_bsn) / len(cases) < 0.3
    assert all(c.bsn.startswith("999") and is_valid_bsn(c.bsn) for c in with_bsn)
    assert len({c.bsn for c in with_bsn}) == len(with_bsn)
    self_registered = [c for c in cases if c.self_registration]
    assert self_registered
    assert {c.team.slug for c in self_registered} == {"duinland-noord"}
    assert all(c.referrer_type == ReferrerType.OUDERS_JEUGDIGE for c in self_registered)
    assert {c.referrer_type for c in cases} == set(ReferrerType.values)
    for casus in cases:
        assert casus.gemeente in casus.team.gemeenten.all()
        assert casus.reference.startswith(f"{casus.registered_at:%Y}-")
        assert casus.address.endswith(casus.gemeente.name)
        assert 1 <= casus.ouders.count() <= 2
        assert 1 <= casus.reasons.count() <= 3
        assert 1 <= casus.life_domains.count() <= 4
        assert casus.question and casus.care_history
        if casus.referrer_type not in (ReferrerType.ZELFVERWIJZER, ReferrerType.OUDERS_JEUGDIGE):
            assert casus.aanmelder.username == f"aanmelder.{casus.team.slug.split('-')[1]}"
        if casus.legal_framework in COMPULSORY_FRAMEWORKS:
            assert casus.legal_basis_reason


def test_ages_span_0_to_23_with_most_teenagers(demo):
    ages = Counter(age_on(c.birth_date, timezone.localdate(c.registered_at)) for c in _cases())
    assert set(ages) == set(range(24))
    teenagers = sum(n for age, n in ages.items() if 12 <= age <= 17)
    assert teenagers > max(sum(n for age, n in ages.items() if age < 12), 100)


def test_history_is_chronological_and_never_in_the_future(demo):
    now = timezone.now()
    today = timezone.localdate()
    oldest = now - timezone.timedelta(days=731)
    for casus in _cases().prefetch_related("transitions", "consents"):
        history = list(casus.transitions.all())
        assert oldest < casus.registered_at <= now
        assert history[0].to_state == S.AANGEMELD and history[0].from_state == ""
        assert history[0].at == casus.registered_at
        assert [t.to_state for t in history][-1] == casus.state
        for before, after in pairwise(history):
            assert before.at < after.at <= now
            assert after.from_state == before.to_state
            screening = after.to_state in (S.IN_SCREENING, *SCREENING_DECISIONS)
            role = "screener." if screening else ACTORS[after.to_state]
            assert after.actor.username.startswith(role), (after, after.actor)
        for consent in casus.consents.all():
            assert consent.given_on <= today and consent.recorded_at <= now
            assert consent.given_on >= timezone.localdate(casus.registered_at)
            assert consent.withdrawn_on is None or consent.withdrawn_on <= today


def test_screening_fields_match_the_final_state(demo):
    expected = {
        S.AANGEMELD: "",
        S.IN_SCREENING: "",
        S.AFGEWEZEN: ScreeningOutcome.NIET_GESCHIKT,
        S.DOORVERWEZEN: ScreeningOutcome.NIET_GESCHIKT,
        S.CRISIS_DOORVERWEZEN: ScreeningOutcome.CRISIS,
        S.IN_BEHANDELING: ScreeningOutcome.GESCHIKT,
    }
    expected |= dict.fromkeys(LATER_STATES, ScreeningOutcome.GESCHIKT)
    for casus in _cases().prefetch_related("experts"):
        assert casus.screening_outcome == expected[casus.state]
        assert bool(casus.redirected_to) == (casus.state in (S.DOORVERWEZEN, S.CRISIS_DOORVERWEZEN))
        in_treatment = casus.state in (S.IN_BEHANDELING, *LATER_STATES)
        assert (casus.casushouder is not None) == in_treatment
        assert (casus.procesregisseur is not None) == in_treatment
        assert (1 <= casus.experts.count() <= 2) if in_treatment else not casus.experts.exists()


def test_consent_complete_on_the_day_case_work_started(demo):
    in_treatment = _cases().filter(state__in=(S.IN_BEHANDELING, *LATER_STATES))
    checked = 0
    for casus in in_treatment.prefetch_related("consents", "ouders"):
        day = _entry_day(casus)
        if casus.legal_framework in COMPULSORY_FRAMEWORKS and casus.legal_basis_reason:
            continue
        check = consent_check(casus, on=day)
        assert check.valid, (casus.reference, check.message)
        assert any(c.given_on <= day for c in casus.consents.all())
        checked += 1
    assert checked > 50
    assert in_treatment.count() > checked  # some OTS / voogdij cases rely on the legal basis
    for consent in Toestemming.objects.filter(casus__in=in_treatment, withdrawn_on__isnull=False):
        assert consent.withdrawn_on > _entry_day(consent.casus)
        if consent.method == "mondeling":
            assert consent.witness


def _fingerprint():
    cases = list(_cases().order_by("pk").prefetch_related("transitions", "consents"))
    first = cases[0].pk
    return [
        (
            c.reference.split("-")[0],
            c.pk - first,
            c.team.slug,
            c.state,
            c.registered_at,
            c.first_name,
            c.last_name,
            c.birth_date,
            c.bsn,
            [(t.to_state, t.at) for t in c.transitions.all()],
            [(c2.given_on, c2.withdrawn_on, c2.method) for c2 in c.consents.all()],
        )
        for c in cases
    ]


def test_rerun_does_not_duplicate_and_same_seed_gives_same_cases(demo):
    before = _fingerprint()
    counts = (Statuswijziging.objects.count(), Toestemming.objects.count())
    again = load_demo_cases()
    assert again["created"] == 0 and again["total"] == 300
    assert again["per_team"] == demo["per_team"]
    assert _fingerprint() == before
    assert (Statuswijziging.objects.count(), Toestemming.objects.count()) == counts

    _cases().delete()
    assert load_demo_cases()["created"] == 300
    assert _fingerprint() == before  # same years, order, states, dates and names

    _cases().delete()
    load_demo_cases(count=30, seed=7)
    assert _fingerprint()[:30] != before[:30]
