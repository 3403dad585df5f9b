"""The one module that decides what a user may see and do.

Lists are scoped with `visible()`; details go through `get_visible_or_404()`, which answers 404
for anything outside the user's scope and logs that as a denied attempt. Views and API use only
these. A model joins the scheme by adding its path to its team in TEAM_PATHS.
"""

from __future__ import annotations

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from passend.audit.services import log_denied

from .roles import ROLE_CAPABILITIES, Cap

# model label -> lookup path from the model to its Team ("pk" for Team itself).
TEAM_PATHS: dict[str, str] = {
    "regions.team": "pk",
    "accounts.membership": "team",
    "audit.accesslogentry": "team",
    "cases.casus": "team",
    # Case work (issue 4): everything hangs off a case or a team meeting.
    "analysis.tijdlijnepisode": "casus__team",
    "analysis.analysestap": "casus__team",
    "meetings.overleg": "team",
    "meetings.casusbespreking": "overleg__team",
    "advice.advies": "casus__team",
    "advice.toelichtingsverzoek": "advies__casus__team",
    "advice.belangenverklaring": "advies__casus__team",
    "advice.opvolging": "advies__casus__team",
    "procesregie.doel": "casus__team",
    "procesregie.actie": "casus__team",
    "procesregie.escalatie": "casus__team",
    "procesregie.toekomstplan": "casus__team",
    "procesregie.regiegesprek": "casus__team",
    "procesregie.toekomstplanregel": "toekomstplan__casus__team",
}

# model label -> lookup path to the user who registered it: an aanmelder sees own records
# (VIEW_OWN_CASES) wherever the team's roles would need VIEW_CASE_DATA.
OWNER_PATHS: dict[str, str] = {
    "cases.casus": "aanmelder",
    "advice.advies": "casus__aanmelder",
    "advice.toelichtingsverzoek": "advies__casus__aanmelder",
    "advice.opvolging": "advies__casus__aanmelder",
}


def active_memberships(user) -> list:
    """The user's active memberships, loaded once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_passend_memberships", None)
    if cached is None:
        cached = list(user.memberships.filter(active=True).select_related("team", "organisation"))
        user._passend_memberships = cached
    return cached


def capabilities(user, team) -> frozenset[Cap]:
    team_id = getattr(team, "pk", team)
    caps: set[Cap] = set()
    for membership in active_memberships(user):
        if membership.team_id == team_id:
            caps |= ROLE_CAPABILITIES.get(membership.role, frozenset())
    return frozenset(caps)


def has_capability(user, capability: Cap, team) -> bool:
    return capability in capabilities(user, team)


def team_ids_with(user, capability: Cap) -> list[int]:
    return sorted(
        {
            m.team_id
            for m in active_memberships(user)
            if capability in ROLE_CAPABILITIES.get(m.role, frozenset())
        }
    )


def teams_with(user, capability: Cap) -> QuerySet:
    from passend.regions.models import Team

    return Team.objects.filter(pk__in=team_ids_with(user, capability))


def region_ids_with(user, capability: Cap) -> list[int]:
    """Regions in which the user holds `capability` in some team (the social map is regional)."""
    return sorted(
        {
            m.team.region_id
            for m in active_memberships(user)
            if capability in ROLE_CAPABILITIES.get(m.role, frozenset())
        }
    )


def organisation_ids_with(user, capability: Cap) -> list[int]:
    """Organisations the user acts for with `capability` (a provider's own organisation)."""
    return sorted(
        {
            m.organisation_id
            for m in active_memberships(user)
            if m.organisation_id and capability in ROLE_CAPABILITIES.get(m.role, frozenset())
        }
    )


def any_team_with(user, capability: Cap) -> bool:
    return bool(team_ids_with(user, capability))


def team_of(obj: Model):
    path = TEAM_PATHS[obj._meta.label_lower]
    if path == "pk":
        return obj
    for part in path.split("__"):
        obj = getattr(obj, part)
        if obj is None:
            return None
    return obj


def visible(user, queryset: QuerySet, capability: Cap) -> QuerySet:
    """Scope a queryset to what `user` may see with `capability`."""
    label = queryset.model._meta.label_lower
    path = TEAM_PATHS[label]
    scope = Q(**{f"{path}__in": team_ids_with(user, capability)})
    owner = OWNER_PATHS.get(label)
    if owner and capability == Cap.VIEW_CASE_DATA and getattr(user, "is_authenticated", False):
        own_teams = team_ids_with(user, Cap.VIEW_OWN_CASES)
        scope |= Q(**{owner: user, f"{path}__in": own_teams})
    return queryset.filter(scope)


def get_visible_or_404(
    request, queryset: QuerySet, *, capability: Cap, subject_type: str, purpose: str, **lookup
):
    """Return the object when it is in scope; otherwise log a denied attempt and raise 404."""
    try:
        found = visible(request.user, queryset, capability).filter(**lookup).first()
    except (ValueError, TypeError):
        found = None
    if found is not None:
        return found
    try:
        target = queryset.model._base_manager.filter(**lookup).first()
    except (ValueError, TypeError):
        target = None
    subject_id = target.pk if target is not None else next(iter(lookup.values()), "")
    log_denied(
        request,
        subject_type=subject_type,
        subject_id=str(subject_id)[:64],
        purpose=purpose,
        team=team_of(target) if target is not None else None,
    )
    raise Http404
