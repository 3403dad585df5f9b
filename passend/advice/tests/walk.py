"""Hooks for the access-log walk and the tenancy matrix (passend/core/tests)."""

from django.utils import timezone

from passend.accounts.roles import Role
from passend.advice.models import Advies, Opvolging, Party, Toelichtingsverzoek


def sent_advice_for(casus, chair):
    """A sent advice with a follow-up and a clarification request, made directly (the walk's
    case is not in the workflow state that sending needs)."""
    now = timezone.now()
    advies = Advies.objects.create(
        casus=casus,
        status=casus.team.advice_status_default,
        most_fitting_care="Ambulante gezinsbehandeling met een vaste hulpverlener.",
        drafted_by=chair,
        approved_by=chair,
        approved_at=now,
        sent_by=chair,
        sent_at=now,
    )
    Opvolging.objects.create(advies=advies, due_on=timezone.localdate())
    verzoek = Toelichtingsverzoek.objects.create(
        advies=advies, party=Party.OUDER, question="Wat betekent plan B voor school?"
    )
    return advies, verzoek


def walk_values(tenancy, casus):
    advies, _verzoek = sent_advice_for(casus, tenancy.a.users[Role.VOORZITTER])
    slug, pk, a = tenancy.a.team.slug, casus.pk, advies.pk
    values = {"<int:advies>": str(a), "<int:adviceId>": str(a), "<int:caseId>": str(pk)}
    base = f"/teams/{slug}/casussen/{pk}/advies/"
    urls = {
        base,
        f"{base}nieuw/",
        f"{base}{a}/bewerken/",
        f"{base}{a}/follow-up/",
        f"{base}{a}/brief.pdf",
        f"/api/v1/cases/{pk}/advices",
        f"/api/v1/advices/{a}",
        f"/api/v1/advices/{a}/conflict-declarations",
        f"/api/v1/advices/{a}/clarification-requests",
        f"/api/v1/advices/{a}/follow-ups",
        f"/api/v1/advices/{a}/letter",
    }
    return values, urls


def other_team_urls(tenancy, casus):
    advies, verzoek = sent_advice_for(casus, tenancy.b.users[Role.VOORZITTER])
    slug, pk, a = tenancy.b.team.slug, casus.pk, advies.pk
    base = f"/teams/{slug}/casussen/{pk}/advies/"
    return [
        ("get", base),
        ("post", base),
        ("get", f"{base}nieuw/"),
        ("get", f"{base}{a}/bewerken/"),
        ("post", f"{base}{a}/follow-up/"),
        ("get", f"{base}{a}/brief.pdf"),
        ("get", f"/api/v1/cases/{pk}/advices"),
        ("post-json", f"/api/v1/cases/{pk}/advices"),
        ("get", f"/api/v1/advices/{a}"),
        ("patch", f"/api/v1/advices/{a}"),
        ("post-json", f"/api/v1/advices/{a}/approvals"),
        ("post-json", f"/api/v1/advices/{a}/dispatches"),
        ("get", f"/api/v1/advices/{a}/conflict-declarations"),
        ("post-json", f"/api/v1/advices/{a}/clarification-requests"),
        ("post-json", f"/api/v1/advices/{a}/follow-ups"),
        ("get", f"/api/v1/advices/{a}/letter"),
        ("patch", f"/api/v1/clarification-requests/{verzoek.pk}"),
    ]
