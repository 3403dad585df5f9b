"""One-line access logging for views: subclass, set the subject type and purpose, call audit().

    class MemberList(AuditedView, ListView):
        audit_subject_type = "medewerker"
        audit_purpose = "teamoverzicht"

Every object passed to `audit()` during a successful request is logged once, with the action
derived from the HTTP method. Views that show no personal data set `personal_data = False`;
the URL walk in the tests refuses views that declare neither.
"""

from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property

from passend.accounts.permissions import team_of
from passend.core.refusals import NotAllowed

from .models import Action
from .services import log_access, log_denied

METHOD_ACTIONS = {
    "GET": Action.READ,
    "HEAD": Action.READ,
    "POST": Action.CREATE,
    "PUT": Action.UPDATE,
    "PATCH": Action.UPDATE,
    "DELETE": Action.DELETE,
}


class _AuditBase:
    personal_data = True
    audit_subject_type: str = ""
    audit_purpose: str = ""
    audit_action: str | None = None

    def audit(self, *objects, action: str | None = None) -> None:
        """Queue objects shown or changed by this request; logged when it succeeds."""
        for obj in objects:
            self.audit_raw(self.audit_subject_id(obj), self.audit_team(obj), action=action)

    def audit_raw(
        self, subject_id: str, team, action: str | None = None, subject_type: str | None = None
    ) -> None:
        """Queue a subject that is not a model instance (a query, an export)."""
        if not hasattr(self, "_audit_queue"):
            self._audit_queue = []
        kind = subject_type or self.audit_subject_type
        self._audit_queue.append((kind, str(subject_id), team, action))

    def audit_subject_id(self, obj) -> str:
        return str(obj.pk)

    def audit_team(self, obj):
        return team_of(obj)

    def log_refusal(self, request) -> None:
        """One denied entry for a refused request: the case or record of the URL as far as it
        was resolved, on its team. Called once per refusal (see ``refuse`` and the API's
        exception handler)."""
        if getattr(self, "_refusal_logged", False):
            return
        self._refusal_logged = True
        resolved = self.__dict__
        casus, team = resolved.get("casus"), resolved.get("team")
        if casus is not None:
            subject_type, subject_id, team = "casus", casus.pk, casus.team
        else:
            subject_type = self.audit_subject_type or "pagina"
            kwargs = getattr(self, "kwargs", {}) or {}
            subject_id = next((v for k, v in kwargs.items() if k != "team"), "")
        log_denied(
            request,
            subject_type=subject_type,
            subject_id=str(subject_id)[:64],
            purpose=self.audit_purpose,
            team=team,
        )

    def refuse(self, reason: str = ""):
        """Refuse the request for lack of a right: 403 (the page or problem shows `reason`)
        with one denied entry. The case of the URL is resolved first, so a case out of reach
        stays 404 (with its own denied entry)."""
        if isinstance(getattr(type(self), "casus", None), cached_property):
            self.casus  # noqa: B018 - 404 + denied entry when the case is out of reach
        self.log_refusal(self.request)
        raise PermissionDenied(reason)

    def require(self, check, *args, **kwargs) -> None:
        """Run a service's ``check_may_*`` before anything else: its ``NotAllowed`` refuses
        the request with the service's own reason (the same words as the API)."""
        try:
            check(*args, **kwargs)
        except NotAllowed as refusal:
            self.refuse(refusal.message)

    def _flush_audit(self, request, status_code: int) -> None:
        queue = getattr(self, "_audit_queue", [])
        self._audit_queue = []
        if status_code >= 400 or not queue:
            return
        default_action = self.audit_action or METHOD_ACTIONS.get(request.method, Action.READ)
        groups: dict[tuple, list[str]] = defaultdict(list)
        teams = {}
        for kind, subject_id, team, action in queue:
            key = (kind, action or default_action, getattr(team, "pk", None))
            teams[key] = team
            if subject_id not in groups[key]:
                groups[key].append(subject_id)
        for key, ids in groups.items():
            log_access(
                request,
                action=key[1],
                subject_type=key[0],
                subject_ids=ids,
                purpose=self.audit_purpose,
                team=teams[key],
            )


class AuditedView(_AuditBase):
    """For Django class-based views."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        self._flush_audit(request, response.status_code)
        return response


class AuditedAPIView(_AuditBase):
    """For DRF generic views and viewsets: logs retrieved objects and list pages."""

    def get_object(self):
        obj = super().get_object()
        self.audit(obj)
        return obj

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            self.audit(*page)
        return page

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        self._flush_audit(request, response.status_code)
        return response
