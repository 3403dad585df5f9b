"""Reads of the advice module, all scoped through passend.accounts.permissions.

The referrer (aanmelder) of a case reaches advices through OWNER_PATHS, but sees only advices
that have been sent: drafts and approvals are team business.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Max, OuterRef, Q, QuerySet, Subquery

from passend.accounts.models import Membership
from passend.accounts.permissions import team_ids_with, visible
from passend.accounts.roles import Cap
from passend.cases.codes import ACTIVE_STATES, CaseState
from passend.regions.models import Organisation

from . import rules
from .models import Advies, Belangenverklaring, Opvolging, Toelichtingsverzoek

# Drafting, approving and sending happen while the team works on the (reopened) case.
DRAFTING_STATES = frozenset({CaseState.IN_BEHANDELING, CaseState.HEROPEND})


def advice_scope(user) -> QuerySet:
    """Advices `user` may read: all of the own teams, and sent advices of own cases; never
    one of another user's unsent registration (draft)."""
    team_ids = team_ids_with(user, Cap.VIEW_CASE_DATA)
    return (
        visible(user, Advies.objects.all(), Cap.VIEW_CASE_DATA)
        .filter(Q(casus__team__in=team_ids) | Q(sent_at__isnull=False))
        .filter(Q(casus__is_draft=False) | Q(casus__aanmelder=user))
    )


def advices_of_case(user, casus) -> list[Advies]:
    """The versions `user` may see, newest first."""
    return list(
        advice_scope(user)
        .filter(casus=casus)
        .select_related("drafted_by", "approved_by", "sent_by")
        .prefetch_related("candidate_providers")
        .order_by("-version")
    )


def latest_advice(casus) -> Advies | None:
    return casus.adviezen.order_by("-version").first()


def sent_advice(casus) -> QuerySet:
    """The sent advices of a case, most recent first (the first is the one in force)."""
    return Advies.objects.filter(casus=casus, sent_at__isnull=False).order_by("-sent_at", "-id")


def is_latest(advies: Advies) -> bool:
    return not Advies.objects.filter(casus_id=advies.casus_id, version__gt=advies.version).exists()


# -- Conflict of interest ---------------------------------------------------------------------


def involved_experts(advies: Advies) -> list[tuple[int, int | None]]:
    """(user id, organisation id) of everyone who shapes the advice: the case's experts, the
    drafter and the procesregisseur, with the organisation they represent in this team."""
    casus = advies.casus
    user_ids = set(casus.experts.values_list("pk", flat=True))
    user_ids |= {uid for uid in (advies.drafted_by_id, casus.procesregisseur_id) if uid}
    pairs = set(
        Membership.objects.current()
        .filter(team_id=casus.team_id, user_id__in=user_ids)
        .values_list("user_id", "organisation_id")
    )
    with_org = {uid for uid, org in pairs if org is not None}
    return sorted(pairs | {(uid, None) for uid in user_ids - with_org}, key=str)


@dataclass
class Flag:
    user: object
    organisation: object
    declaration: Belangenverklaring | None

    @property
    def resolved(self) -> bool:
        return self.declaration is not None


def conflict_flags(advies: Advies) -> list[Flag]:
    """Every flagged expert with their recorded decision (any version of this case counts:
    a decision stays valid for the same organisation on a later version)."""
    if advies.pk is None:
        return []
    candidate_ids = list(advies.candidate_providers.values_list("pk", flat=True))
    found = rules.conflicts(involved_experts(advies), candidate_ids)
    if not found:
        return []
    users = get_user_model().objects.in_bulk([f.user_id for f in found])
    orgs = Organisation.objects.in_bulk([f.organisation_id for f in found])
    declarations = {}
    for d in Belangenverklaring.objects.filter(advies__casus_id=advies.casus_id).order_by("at"):
        declarations[(d.user_id, d.organisation_id)] = d
    return [
        Flag(
            users[f.user_id],
            orgs[f.organisation_id],
            declarations.get((f.user_id, f.organisation_id)),
        )
        for f in found
    ]


def unresolved_conflicts(advies: Advies) -> list[Flag]:
    return [flag for flag in conflict_flags(advies) if not flag.resolved]


# -- Work lists (werkvoorraad) ----------------------------------------------------------------


def _team_scope(user, queryset: QuerySet, team, capability=Cap.VIEW_CASE_DATA) -> QuerySet:
    queryset = visible(user, queryset, capability)
    path = "casus__team" if queryset.model is Advies else "advies__casus__team"
    return queryset.filter(**{path: team}) if team is not None else queryset


def follow_ups_due(user, team, today: dt.date, within_days: int = 0) -> QuerySet:
    """Planned follow-ups not yet done, due on or before today (+ `within_days`), of cases that
    are not closed."""
    return (
        _team_scope(user, Opvolging.objects.all(), team)
        .filter(done_on__isnull=True, due_on__lte=today + dt.timedelta(days=within_days))
        .filter(advies__casus__state__in=ACTIVE_STATES)
        .select_related("advies__casus")
        .order_by("due_on", "id")
    )


def short_term_solutions_ending(user, team, today: dt.date) -> QuerySet:
    """Sent advices whose short-term solution ends within the reminder window (from the
    reminder day up to a week after the end date), of cases still being worked on."""
    first, last = rules.reminder_window(today)
    return (
        _team_scope(user, advice_scope(user), team)
        .filter(
            sent_at__isnull=False,
            short_term_end_date__gte=first,
            short_term_end_date__lte=last,
            casus__state__in=ACTIVE_STATES,
        )
        .select_related("casus")
        .order_by("short_term_end_date", "id")
    )


def open_clarification_requests(user, team) -> QuerySet:
    return (
        _team_scope(user, Toelichtingsverzoek.objects.all(), team)
        .filter(answered_at__isnull=True, withdrawn_at__isnull=True)
        .select_related("advies__casus", "asked_by")
        .order_by("asked_at", "id")
    )


def awaiting_approval(user, team) -> QuerySet:
    """Unapproved newest versions on cases being worked on; only for who may approve."""
    newest = (
        Advies.objects.filter(casus=OuterRef("casus"))
        .values("casus")
        .annotate(top=Max("version"))
        .values("top")
    )
    return (
        _team_scope(user, Advies.objects.all(), team, Cap.APPROVE_ADVICE)
        .filter(approved_at__isnull=True, casus__state__in=DRAFTING_STATES)
        .filter(version=Subquery(newest))
        .select_related("casus", "drafted_by")
        .order_by("created_at", "id")
    )
