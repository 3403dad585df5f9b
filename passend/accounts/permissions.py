"""The one module that decides what a user may see and do.

Lists are scoped with `visible()`; details go through `get_visible_or_404()`, which answers 404
for anything outside the user's scope and logs that as a denied attempt. Views and API use only
these. A model joins the scheme by adding its path to its team in TEAM_PATHS.
"""

from __future__ import annotations

from typing import NoReturn

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from passend.audit.services import log_denied
from passend.regions.models import Team

from .memberships import active_memberships
from .roles import ROLE_CAPABILITIES, Cap

__all__ = ["active_memberships"]  # re-exported: callers ask the permission module

# model label -> lookup path from the model to its Team ("pk" for Team itself).
TEAM_PATHS: dict[str, str] = {
    "regions.team": "pk",
    "accounts.membership": "team",
    "accounts.uitnodiging": "team",
    "audit.accesslogentry": "team",
    "cases.casus": "team",
    "cases.bijlage": "casus__team",
    "cases.toestemming": "casus__team",
    # Case work (issue 4): everything hangs off a case or a team meeting.
    "analysis.tijdlijnepisode": "casus__team",
    "analysis.analysestap": "casus__team",
    "meetings.overleg": "team",
    "meetings.casusbespreking": "overleg__team",
    "meetings.gast": "overleg__team",
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
    "cases.bijlage": "casus__aanmelder",
    "cases.toestemming": "casus__aanmelder",
    "advice.advies": "casus__aanmelder",
    "advice.toelichtingsverzoek": "advies__casus__aanmelder",
    "advice.opvolging": "advies__casus__aanmelder",
}


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
    return Team.objects.filter(pk__in=team_ids_with(user, capability))


def _memberships_with(user, capability: Cap, team=None) -> list:
    team_id = getattr(team, "pk", team)
    return [
        m
        for m in active_memberships(user)
        if capability in ROLE_CAPABILITIES.get(m.role, frozenset())
        and (team_id is None or m.team_id == team_id)
    ]


def region_ids_with(user, capability: Cap, team=None) -> list[int]:
    """Regions in which the user holds `capability` in some team (the social map is regional);
    with `team`, only through that team."""
    return sorted({m.team.region_id for m in _memberships_with(user, capability, team)})


def organisation_ids_with(user, capability: Cap, team=None) -> list[int]:
    """Organisations the user acts for with `capability` (a provider's own organisation);
    with `team`, only through memberships of that team."""
    return sorted(
        {m.organisation_id for m in _memberships_with(user, capability, team) if m.organisation_id}
    )


# --- region and organisation scopes (the sociale kaart) --------------------------------------


def may_manage_organisation(user, organisation, team=None) -> bool:
    """A coordinator (MANAGE_SOCIAL_MAP) of a team in a region the organisation is active in;
    with `team`, only through that team."""
    regions = region_ids_with(user, Cap.MANAGE_SOCIAL_MAP, team)
    return bool(regions) and organisation.regions.filter(pk__in=regions).exists()


def own_organisation_ids(user, team=None) -> set[int]:
    """The organisations a provider's employee keeps the waiting times of."""
    return set(organisation_ids_with(user, Cap.UPDATE_OWN_WAITING_TIMES, team))


def may_update_waiting_times(user, offer, team=None) -> bool:
    """The coordinator of the offer's region, or the provider of the offer's organisation."""
    if offer.organisation_id in own_organisation_ids(user, team):
        return True
    return may_manage_organisation(user, offer.organisation, team)


def may_view_waiting_times(user, offer, team=None) -> bool:
    """Everyone who may search the map of the offer's region, and whoever may update it."""
    regions = region_ids_with(user, Cap.VIEW_SOCIAL_MAP, team)
    if regions and offer.organisation.regions.filter(pk__in=regions).exists():
        return True
    return may_update_waiting_times(user, offer, team)


def is_team_member(user, team) -> bool:
    """An active membership (any role) in the team."""
    team_id = getattr(team, "pk", team)
    return any(m.team_id == team_id for m in active_memberships(user))


def organisation_in_team(user, team):
    """The organisation the user acts for in this team (first active membership with one)."""
    team_id = getattr(team, "pk", team)
    return next(
        (
            m.organisation
            for m in active_memberships(user)
            if m.team_id == team_id and m.organisation_id
        ),
        None,
    )


# Roles that see the figures of a team's whole working area; every other role with
# VIEW_AGGREGATES (the beleidsadviseur) sees only the municipalities granted to it.
_WHOLE_AREA_ROLES = frozenset(
    role
    for role, caps in ROLE_CAPABILITIES.items()
    if Cap.VIEW_AGGREGATES in caps and Cap.VIEW_CASE_DATA in caps
) | {"beheerder"}


def aggregate_gemeente_ids(user, team) -> set[int]:
    """The municipalities whose figures `user` may see in `team` (monitoring reads only the
    analytics record, and only for these): the team's members and beheerder see the team's
    whole working area; a beleidsadviseur the own municipality (the gemeente of the
    organisation it acts for), or the whole area when the beheerder granted it on the
    membership (``Membership.aggregate_whole_area``)."""
    team_id = getattr(team, "pk", team)
    memberships = _memberships_with(user, Cap.VIEW_AGGREGATES, team_id)
    if not memberships:
        return set()
    area = set(Team.objects.get(pk=team_id).gemeenten.values_list("pk", flat=True))
    if any(m.role in _WHOLE_AREA_ROLES or m.aggregate_whole_area for m in memberships):
        return area
    own = {
        m.organisation.gemeente_id
        for m in memberships
        if m.organisation_id and m.organisation.gemeente_id
    }
    return own & area


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
    request,
    queryset: QuerySet,
    *,
    capability: Cap,
    subject_type: str,
    purpose: str,
    subject_id=None,
    team=None,
    **lookup,
):
    """Return the object when it is in scope; otherwise log one denied attempt and raise 404.

    The denied entry names `subject_type` with `subject_id` (default: the id of the row that
    was asked for, or the looked-up value when there is none) and the team the row belongs to
    (or `team`, when the refusal is about a row outside it, such as another case's child)."""
    try:
        found = visible(request.user, queryset, capability).filter(**lookup).first()
    except (ValueError, TypeError, OverflowError):
        found = None
    if found is not None:
        return found
    try:
        target = queryset.model._base_manager.filter(**lookup).first()
    except (ValueError, TypeError, OverflowError):
        target = None
    if subject_id is None:
        subject_id = target.pk if target is not None else next(iter(lookup.values()), "")
    deny_404(
        request,
        subject_type=subject_type,
        subject_id=subject_id,
        purpose=purpose,
        team=team if team is not None else (team_of(target) if target is not None else None),
    )


def deny_404(request, *, subject_type: str, subject_id, purpose: str, team=None) -> NoReturn:
    """The one way to refuse a record as not found: one denied entry and 404. Used by
    `get_visible_or_404`, and directly where `visible()` does not express the scope (the
    regional sociale kaart: an offer of another region, a provider's other organisation; a
    registration that may no longer be edited)."""
    log_denied(
        request,
        subject_type=subject_type,
        subject_id=str(subject_id)[:64],
        purpose=purpose,
        team=team,
    )
    raise Http404


def require_team_or_404(request, *, capability: Cap, purpose: str, slug=None, pk=None):
    """The team of a URL (slug) or a query parameter (id), when the user holds `capability`
    there; otherwise one denied entry (on that team, when it exists) and 404."""
    lookup = {"slug": slug} if slug is not None else {"pk": pk}
    return get_visible_or_404(
        request,
        Team.objects.select_related("region"),
        capability=capability,
        subject_type="team",
        purpose=purpose,
        **lookup,
    )


# --- the privacy lifecycle -------------------------------------------------------------------


def may_view_dpia(user, team) -> bool:
    """The team's DPIA check and processing register: the beheerder (who records them) and
    whoever handles the team's AVG requests (the voorzitter) may read them."""
    caps = capabilities(user, team)
    return Cap.MANAGE_TEAM in caps or Cap.HANDLE_PRIVACY_REQUESTS in caps
