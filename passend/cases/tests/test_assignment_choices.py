"""The screening form offers as casushouder, procesregisseur and experts only people who work
on the team's cases, each labelled with name, role and organisation."""

import pytest

from passend.accounts.models import Membership
from passend.accounts.roles import Role
from passend.cases.forms.case import ScreeningForm
from passend.cases.services import assign
from passend.cases.tests.factories import CasusFactory
from passend.core.refusals import InvalidInput

pytestmark = pytest.mark.django_db
NOT_CASE_WORK = (
    Role.JEUGDIGE_OUDER,
    Role.BELEIDSADVISEUR,
    Role.AANBIEDER,
    Role.NOTULIST,
    Role.COORDINATOR_SK,
    Role.BEHEERDER,
)


@pytest.fixture
def casus(tenancy):
    return CasusFactory(team=tenancy.a.team, aanmelder=tenancy.a.users[Role.AANMELDER])


def labels(form, name) -> dict[int, str]:
    return {int(value.value): str(label) for value, label in form.fields[name].choices if value}


def test_only_case_workers_and_the_referrer_are_offered_as_casushouder(tenancy, casus):
    a = tenancy.a.users
    offered = labels(ScreeningForm(casus=casus), "casushouder")
    expected = {Role.SCREENER, Role.VOORZITTER, Role.TEAMLID, Role.PROCESREGISSEUR}
    assert set(offered) == {a[role].pk for role in (*expected, Role.AANMELDER)}
    assert not set(offered) & {a[role].pk for role in NOT_CASE_WORK}


def test_each_person_is_labelled_with_name_role_and_organisation(tenancy, casus):
    a = tenancy.a.users
    teamlid = a[Role.TEAMLID]
    Membership.objects.filter(user=teamlid).update(
        organisation=tenancy.a.users[Role.AANBIEDER].memberships.get().organisation
    )
    form = ScreeningForm(casus=casus)
    offered = labels(form, "casushouder")
    name = teamlid.get_full_name()
    assert offered[teamlid.pk] == f"{name} – teamlid / expert (Zorgaanbieder Alfa)"
    screener = a[Role.SCREENER]
    assert offered[screener.pk] == f"{screener.get_full_name()} – screener", "no organisation"
    referrer = a[Role.AANMELDER]
    assert offered[referrer.pk] == (
        f"{referrer.get_full_name()} – aanmelder / verwijzer (Wijkteam Test)"
    )
    assert labels(form, "experts")[teamlid.pk] == offered[teamlid.pk]


@pytest.mark.parametrize("role", [Role.JEUGDIGE_OUDER, Role.BELEIDSADVISEUR, Role.AANBIEDER])
def test_the_service_refuses_someone_who_does_not_work_on_cases(tenancy, casus, role):
    with pytest.raises(InvalidInput) as refused:
        assign(casus, actor=tenancy.a.users[Role.SCREENER], casushouder=tenancy.a.users[role])
    assert "casushouder" in refused.value.errors
    casus.refresh_from_db()
    assert casus.casushouder is None


def test_a_membership_that_ended_or_has_not_started_offers_nobody(tenancy, casus):
    """Boundaries of the membership period: the end day counts, the day after does not; a
    membership starting tomorrow does not count yet."""
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    a = tenancy.a.users
    Membership.objects.filter(user=a[Role.TEAMLID]).update(end=today)
    Membership.objects.filter(user=a[Role.PROCESREGISSEUR]).update(end=today - dt.timedelta(1))
    Membership.objects.filter(user=a[Role.SCREENER]).update(start=today + dt.timedelta(1))
    for field in ("casushouder", "experts"):
        offered = labels(ScreeningForm(casus=casus), field)
        assert a[Role.TEAMLID].pk in offered, "the last day still counts"
        assert a[Role.PROCESREGISSEUR].pk not in offered, "ended yesterday"
        assert a[Role.SCREENER].pk not in offered, "starts tomorrow"
