import pytest

from passend.accounts.roles import Role
from passend.cases.codes import CaseState
from passend.core.tests.factories import OrganisationFactory
from passend.procesregie.tests.factories import case_at_work


def in_state(team, state=CaseState.IN_BEHANDELING, **fields):
    """A case of `team` in `state`, with complete consent (see case_at_work)."""
    return case_at_work(team, state, **fields)


@pytest.fixture
def casus(tenancy):
    """A case of team A in behandeling, registered by team A's aanmelder."""
    return in_state(tenancy.a.team, aanmelder=tenancy.a.users[Role.AANMELDER])


@pytest.fixture
def org(tenancy):
    """A care provider active in the teams' region."""
    return OrganisationFactory(name="Zandloper Jeugd-GGZ", regions=[tenancy.a.team.region])
