"""Hooks for the access-log walk and the tenancy matrix (passend/core/tests)."""

from passend.accounts.roles import Role

from .factories import (
    ActieFactory,
    DoelFactory,
    EscalatieFactory,
    RegiegesprekFactory,
    ToekomstplanFactory,
)


def _objects(casus, owner):
    goal = DoelFactory(casus=casus)
    return {
        "goal": goal,
        "action": ActieFactory(casus=casus, goal=goal, owner=owner),
        "escalation": EscalatieFactory(casus=casus),
        "gesprek": RegiegesprekFactory(casus=casus),
        "plan": ToekomstplanFactory(casus=casus),
    }


def walk_values(tenancy, casus) -> tuple[dict[str, str], set[str]]:
    walker = tenancy.a.users[Role.VOORZITTER]  # the walk's user: "Mijn acties" lists this one
    o = _objects(casus, walker)
    slug, pk = tenancy.a.team.slug, casus.pk
    values = {
        "procesregie/doelen/<int:goal>": f"procesregie/doelen/{o['goal'].pk}",
        "procesregie/acties/<int:action>": f"procesregie/acties/{o['action'].pk}",
        "procesregie/escalaties/<int:escalation>": f"procesregie/escalaties/{o['escalation'].pk}",
        "procesregie/regiegesprekken/<int:gesprek>": (
            f"procesregie/regiegesprekken/{o['gesprek'].pk}"
        ),
        "actions/<int:actionId>": f"actions/{o['action'].pk}",
        "escalations/<int:escalationId>": f"escalations/{o['escalation'].pk}",
        "future-plans/<int:futurePlanId>": f"future-plans/{o['plan'].pk}",
        "<int:caseId>": str(pk),
    }
    page = f"/teams/{slug}/casussen/{pk}/procesregie/"
    api = f"/api/v1/cases/{pk}/"
    urls = {
        page,
        f"{page}doelen/nieuw/",
        f"{page}doelen/{o['goal'].pk}/",
        f"{page}acties/nieuw/",
        f"{page}acties/{o['action'].pk}/",
        f"{page}escalaties/nieuw/",
        f"{page}escalaties/{o['escalation'].pk}/",
        f"{page}regiegesprekken/nieuw/",
        f"{page}regiegesprekken/{o['gesprek'].pk}/",
        f"{page}toekomstplan/",
        f"/teams/{slug}/mijn-acties/",
        f"{api}goals",
        f"{api}actions",
        f"{api}escalations",
        f"{api}escalations/{o['escalation'].pk}",
        f"{api}future-plans",
        f"{api}future-plans/{o['plan'].pk}",
        f"{api}direction-checks",
        "/api/v1/actions",
        f"/api/v1/actions/{o['action'].pk}",
    }
    return values, urls


def other_team_urls(tenancy, casus) -> list[tuple[str, str]]:
    """Team B's procesregie, reached by a team-A user: every one 404 + one denied entry."""
    o = _objects(casus, tenancy.b.users[Role.PROCESREGISSEUR])
    b, a = tenancy.b.team.slug, tenancy.a.team.slug
    page = f"/teams/{b}/casussen/{casus.pk}/procesregie/"
    api = f"/api/v1/cases/{casus.pk}/"
    return [
        ("get", page),
        ("get", f"/teams/{a}/casussen/{casus.pk}/procesregie/"),
        ("get", f"{page}doelen/nieuw/"),
        ("post", f"{page}doelen/nieuw/"),
        ("get", f"{page}doelen/{o['goal'].pk}/"),
        ("post", f"{page}acties/nieuw/"),
        ("get", f"{page}acties/{o['action'].pk}/"),
        ("post", f"{page}acties/{o['action'].pk}/gedaan/"),
        ("post", f"/teams/{a}/casussen/{casus.pk}/procesregie/acties/{o['action'].pk}/gedaan/"),
        ("get", f"{page}escalaties/{o['escalation'].pk}/"),
        ("post", f"{page}escalaties/nieuw/"),
        ("get", f"{page}regiegesprekken/{o['gesprek'].pk}/"),
        ("get", f"{page}toekomstplan/"),
        ("post", f"{page}toekomstplan/"),
        ("get", f"/teams/{b}/mijn-acties/"),
        ("get", f"{api}goals"),
        ("post-json", f"{api}goals"),
        ("get", f"{api}actions"),
        ("post-json", f"{api}actions"),
        ("get", f"/api/v1/actions/{o['action'].pk}"),
        ("patch", f"/api/v1/actions/{o['action'].pk}"),
        ("get", f"{api}escalations"),
        ("post-json", f"{api}escalations"),
        ("get", f"{api}escalations/{o['escalation'].pk}"),
        ("patch", f"{api}escalations/{o['escalation'].pk}"),
        ("get", f"{api}future-plans"),
        ("post-json", f"{api}future-plans"),
        ("patch", f"{api}future-plans/{o['plan'].pk}"),
        ("get", f"{api}direction-checks"),
    ]
