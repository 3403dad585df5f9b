"""The base of every case page (in every module): the case of the URL through the one case
scope, the case header with the perspectief first, the tabs, and at the top the reason why
the team cannot record case work now (withdrawn or lapsed consent)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedView

from ..codes import ACTIVE_STATES
from ..scoping import OWNER, TEAM, CaseScopeMixin
from ..workflow import case_work_refusal


class CaseMixin(CaseScopeMixin):
    """A case page of the team or, where `case_audience` is OWNER, also of its referrer."""

    team_capability = Cap.VIEW_TEAM
    case_audience = OWNER


# The tabs of a case: (key, label, url name, who sees it: "team" or "owner" = also the referrer;
# "privacy" = who handles AVG requests, the voorzitter and the beheerder).
CASE_TABS = [
    ("overzicht", _("Overzicht"), "cases:detail", "owner"),
    ("analyse", _("Tijdlijn en analyse"), "analysis:case", "team"),
    ("overleg", _("Overleg"), "meetings:case", "team"),
    ("advies", _("Advies"), "advice:case", "owner"),
    ("procesregie", _("Procesregie"), "procesregie:case", "team"),
    ("avg", _("AVG-verzoeken"), "privacy:avg-case", "privacy"),
]


def case_tabs(team, casus, caps, current: str) -> list[dict]:
    team_member = Cap.VIEW_CASE_DATA in caps
    shown = {"owner", *(["team"] if team_member else [])}
    if Cap.HANDLE_PRIVACY_REQUESTS in caps:
        shown.add("privacy")
    return [
        {
            "key": key,
            "label": label,
            "url": reverse(name, kwargs={"team": team.slug, "pk": casus.pk}),
            "current": key == current,
        }
        for key, label, name, audience in CASE_TABS
        if audience in shown
    ]


def team_case_work_refusal(casus, caps) -> str | None:
    """For the team, on a case being worked on: why no case work can be recorded now (the
    same explanation the API gives with its 409), or None."""
    if Cap.VIEW_CASE_DATA not in caps or casus.is_draft or casus.state not in ACTIVE_STATES:
        return None
    return case_work_refusal(casus)


class CaseSectionView(CaseMixin, AuditedView, TemplateView):
    """Base of a case tab: the case header (with the perspectief first) and the tabs."""

    case_tab = ""
    case_audience = TEAM
    audit_subject_type = "casus"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        casus = self.casus
        self.audit(casus)
        caps = context["team_caps"]
        context.update(
            casus=casus,
            case_tabs=case_tabs(self.team, casus, caps, self.case_tab),
            perspective_editable=Cap.WORK_ON_CASES in caps,
            case_work_refusal=team_case_work_refusal(casus, caps),
            subject_type="casus",
            subject_id=casus.pk,
        )
        return context
