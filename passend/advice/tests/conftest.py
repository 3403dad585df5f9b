import pytest

from passend.accounts.models import Membership
from passend.accounts.roles import Role
from passend.cases.codes import CaseState
from passend.cases.tests.factories import CasusFactory, OuderFactory, with_consent
from passend.core.tests.factories import OrganisationFactory

FULL = {
    "most_fitting_care": "Gezinsbehandeling thuis, twee keer per week, met één vaste hulpverlener.",
    "order_and_speed": "Eerst de gezinsbehandeling, binnen twee weken; daarna dagbehandeling.",
    "routes": "Via het wijkteam met een verwijzing naar de aanbieder.",
    "bridging_waiting_time": "Het wijkteam komt wekelijks langs tot de behandeling start.",
    "scenario_a": "Dagbehandeling bij de eigen aanbieder.",
    "scenario_b": "Logeeropvang in het weekend om het gezin te ontlasten.",
    "financing_who_pays": "De gemeente van de jeugdige betaalt uit de Jeugdwet.",
}


@pytest.fixture
def world(tenancy):
    """Team A with a case in behandeling, a provider in the region and roles at hand."""
    a = tenancy.a
    provider = OrganisationFactory(name="Zorggroep De Linde", regions=[a.team.region])
    other = OrganisationFactory(name="Jeugdhulp Zeewind", regions=[a.team.region])
    casus = CasusFactory(
        team=a.team, aanmelder=a.users[Role.AANMELDER], state=CaseState.IN_BEHANDELING
    )
    OuderFactory(casus=casus, first_name="Marloes", last_name="Fictief")
    with_consent(casus)
    casus.experts.add(a.users[Role.TEAMLID])
    a.provider, a.other, a.casus = provider, other, casus
    return tenancy


def works_for(user, team, organisation):
    Membership.objects.filter(user=user, team=team).update(organisation=organisation)
    if hasattr(user, "_passend_memberships"):
        del user._passend_memberships
