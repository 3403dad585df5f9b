import pytest

from passend.accounts.roles import Role
from passend.cases.codes import CaseState
from passend.cases.models import Casus
from passend.cases.tests.factories import CasusFactory
from passend.core.tests.factories import OrganisationFactory


def in_state(team, state=CaseState.IN_BEHANDELING, **fields):
    casus = CasusFactory(team=team, **fields)
    Casus.objects.filter(pk=casus.pk).update(state=state)
    casus.refresh_from_db()
    return casus


@pytest.fixture
def casus(tenancy):
    """A case of team A in behandeling, registered by team A's aanmelder."""
    return in_state(tenancy.a.team, aanmelder=tenancy.a.users[Role.AANMELDER])


@pytest.fixture
def org(tenancy):
    """A care provider active in the teams' region."""
    return OrganisationFactory(name="Zandloper Jeugd-GGZ", regions=[tenancy.a.team.region])
