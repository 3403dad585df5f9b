"""The one way a page or API route finds the case of its URL, and the case's records.

Every case-nested route (in every module) resolves its case through ``resolve_case``, built on
the one selector ``selectors.case_scope``: the user's teams (need-to-know), the referrer's own
cases where the route allows them, and a draft only for its author. Anything else answers 404
and leaves exactly one denied entry in the access log, on the team of the case asked for.
A record of the case (an attachment, an action, an episode) is found with ``resolve_child``:
not of this case is 404 with one denied entry naming the record, not the case.

    class CaseGoalsView(CaseScopeMixin, AuditedView, TemplateView): ...   # pages: <pk>
    class GoalViewSet(CaseScopeAPIMixin, viewsets.GenericViewSet): ...    # API: <caseId>
"""

from __future__ import annotations

from django.utils.functional import cached_property
from rest_framework.permissions import SAFE_METHODS

from passend.accounts.permissions import get_visible_or_404
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedAPIView
from passend.regions.views import TeamMixin

from .models import Casus
from .selectors import AUDIENCE_CAPABILITY, AUDIT, OWNER, PRIVACY, TEAM, case_scope

__all__ = [
    "AUDIT",
    "OWNER",
    "PRIVACY",
    "TEAM",
    "CaseScopeAPIMixin",
    "CaseScopeMixin",
    "resolve_case",
    "resolve_child",
]


def resolve_case(request, case_id, *, audience: str = TEAM, team=None, purpose: str) -> Casus:
    """The case `case_id` when the user may reach it on this route; else 404 + one denied
    entry. `team` (from a page URL) must be the case's own team."""
    queryset = case_scope(request.user, audience=audience)
    if team is not None:
        queryset = queryset.filter(team=team)
    return get_visible_or_404(
        request,
        queryset,
        capability=AUDIENCE_CAPABILITY[audience],
        subject_type="casus",
        purpose=purpose,
        pk=case_id,
    )


def resolve_child(request, queryset, *, casus: Casus, subject_type: str, purpose: str, pk):
    """The record `pk` of `queryset` (already limited to `casus`'s records), else 404 and one
    denied entry naming the record (`subject_type`, `pk`) on the case's team."""
    return get_visible_or_404(
        request,
        queryset,
        capability=Cap.VIEW_CASE_DATA,
        subject_type=subject_type,
        purpose=purpose,
        team=casus.team,
        pk=pk,
    )


class _CaseScope:
    case_audience = TEAM  # TEAM: the team's case workers; OWNER: also the referrer; AUDIT;
    # PRIVACY: who handles AVG requests
    case_url_kwarg = ""

    def case_purpose(self) -> str:
        return getattr(self, "audit_purpose", "") or "casus bekijken"

    def case_team(self):
        return None

    @cached_property
    def casus(self) -> Casus:
        return resolve_case(
            self.request,
            self.kwargs[self.case_url_kwarg],
            audience=self.case_audience,
            team=self.case_team(),
            purpose=self.case_purpose(),
        )

    def case_child(self, queryset, *, subject_type: str, kwarg: str, case_field: str = "casus"):
        """The record of this case named by URL kwarg `kwarg` (404 + denied entry else)."""
        return resolve_child(
            self.request,
            queryset.filter(**{case_field: self.casus}),
            casus=self.casus,
            subject_type=subject_type,
            purpose=self.case_purpose(),
            pk=self.kwargs[kwarg],
        )


class CaseScopeMixin(_CaseScope, TeamMixin):
    """Pages under /teams/<team>/casussen/<pk>/: the team from the URL, then the case in it."""

    case_url_kwarg = "pk"

    def case_team(self):
        return self.team


class CaseScopeAPIMixin(_CaseScope, AuditedAPIView):
    """API routes under /cases/{caseId}: the case, and every record shown or changed is
    logged as the case (the person behind a case's records is the case's young person)."""

    case_url_kwarg = "caseId"
    audit_subject_type = "casus"
    # The service's own check for writing here, ``(casus, *, actor)`` raising NotAllowed:
    # asked before the body is read, so a role without the right gets 403 with the service's
    # explanation (and one denied entry), not a 400 about the input. The service asks the
    # same check again when it writes.
    check_write = None

    def audit_subject_id(self, obj) -> str:
        return str(getattr(obj, "casus_id", obj.pk))

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method in SAFE_METHODS or getattr(self, "swagger_fake_view", False):
            return
        casus = self.casus  # the case first: out of scope is 404, whatever the body
        if self.check_write is not None:
            self.check_write(casus, actor=request.user)
