"""Pages of the overleg module; thin: reads via selectors, writes via services."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView, View

from passend.accounts.permissions import get_visible_or_404, has_capability
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedView
from passend.cases.views import CaseSectionView
from passend.cases.workflow import case_work_refusal
from passend.core.refusals import Refusal, add_message, add_to_form
from passend.regions.views import TeamMixin

from . import selectors, services
from .forms import (
    AgendaForCaseForm,
    AgendaForm,
    AttendanceForm,
    DiscussionForm,
    GuestForm,
    MeetingForm,
    QuestionForm,
    SeriesForm,
)
from .models import Casusbespreking, Gast, Overleg

# The service's check for the right a page needs (its NotAllowed carries the reason).
RIGHT_CHECKS = {
    Cap.PLAN_MEETINGS: services.check_may_plan,
    Cap.WRITE_MINUTES: services.check_may_write,
}


class MeetingTeamMixin(TeamMixin, AuditedView):
    """Team pages of meetings: only the team itself (VIEW_CASE_DATA), 404 + denied log else."""

    team_capability = Cap.VIEW_CASE_DATA
    team_purpose = "overleggen bekijken"
    audit_subject_type = "overleg"
    capability: Cap | None = None  # needed for this page (GET and POST)

    def require_page_right(self) -> None:
        """403 with the service's reason when the page needs a right the user lacks."""
        if self.capability is not None:
            self.require(RIGHT_CHECKS[self.capability], self.team, actor=self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.require_page_right()
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def members(self):
        return selectors.team_members(self.team).order_by("last_name", "first_name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class MeetingMixin(MeetingTeamMixin):
    @cached_property
    def overleg(self) -> Overleg:
        return get_visible_or_404(
            self.request,
            Overleg.objects.filter(team=self.team).select_related("chair", "team"),
            capability=Cap.VIEW_CASE_DATA,
            subject_type="overleg",
            purpose=self.audit_purpose,
            pk=self.kwargs["meeting"],
        )

    @cached_property
    def discussion(self) -> Casusbespreking:
        return get_visible_or_404(
            self.request,
            Casusbespreking.objects.filter(overleg=self.overleg).select_related("casus"),
            capability=Cap.VIEW_CASE_DATA,
            subject_type="casusbespreking",
            purpose=self.audit_purpose,
            pk=self.kwargs["discussion"],
        )

    def to_meeting(self):
        return redirect("meetings:detail", team=self.team.slug, meeting=self.overleg.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.audit(self.overleg)
        context["overleg"] = self.overleg
        return context


class MeetingListView(MeetingTeamMixin, TemplateView):
    template_name = "meetings/meeting_list.html"
    audit_purpose = "overleggen bekijken"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today, user = context["today"], self.request.user
        upcoming = list(selectors.upcoming_meetings(user, self.team, today)[:12])
        past = Paginator(selectors.past_meetings(user, self.team, today), 20).get_page(
            self.request.GET.get("pagina")
        )
        self.audit(*upcoming, *past.object_list)
        context.update(
            upcoming=upcoming,
            past=past,
            suggestion=selectors.next_meeting_date(self.team, today),
            cadence=self.team.meeting_cadence_days,
            needing_minutes=selectors.discussions_needing_minutes(user, self.team, today).count(),
        )
        return context


class MeetingPlanView(MeetingTeamMixin, TemplateView):
    """Plan one meeting (date suggested by the cadence). Shows no personal data."""

    personal_data = False
    template_name = "meetings/meeting_form.html"
    capability = Cap.PLAN_MEETINGS

    def get(self, request, *args, **kwargs):
        day = selectors.next_meeting_date(self.team, timezone.localdate())
        start = timezone.localtime(services.default_start(day, self.team))
        form = MeetingForm(
            members=self.members, initial={"day": day, "start": start.time().strftime("%H:%M")}
        )
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = MeetingForm(request.POST, members=self.members)
        if form.is_valid():
            data = form.cleaned_data
            try:
                overleg = services.plan_meeting(
                    self.team,
                    actor=request.user,
                    starts_at=form.starts_at(),
                    duration_minutes=data["duration_minutes"],
                    location=data["location"],
                    chair=data["chair"],
                    notes=data["notes"],
                    request=request,
                )
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(request, _("Het overleg is gepland."))
                return redirect("meetings:detail", team=self.team.slug, meeting=overleg.pk)
        return self.render_to_response(self.get_context_data(form=form))


class SeriesPlanView(MeetingTeamMixin, TemplateView):
    """'Plan de volgende overleggen' on the team's cadence. Shows no personal data."""

    personal_data = False
    template_name = "meetings/series_form.html"
    capability = Cap.PLAN_MEETINGS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["first_day"] = selectors.next_meeting_date(self.team, context["today"])
        return context

    def get(self, request, *args, **kwargs):
        start = timezone.localtime(services.default_start(timezone.localdate(), self.team))
        form = SeriesForm(members=self.members, initial={"start": start.strftime("%H:%M")})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = SeriesForm(request.POST, members=self.members)
        if form.is_valid():
            data = form.cleaned_data
            try:
                planned = services.plan_series(
                    self.team,
                    actor=request.user,
                    count=data["count"],
                    at_time=data["start"],
                    duration_minutes=data["duration_minutes"],
                    location=data["location"],
                    chair=data["chair"],
                    request=request,
                )
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d overleg gepland volgens de cadans.",
                        "%(count)d overleggen gepland volgens de cadans.",
                        len(planned),
                    )
                    % {"count": len(planned)},
                )
                return redirect("meetings:list", team=self.team.slug)
        return self.render_to_response(self.get_context_data(form=form))


class MeetingDetailView(MeetingMixin, TemplateView):
    template_name = "meetings/meeting_detail.html"
    audit_purpose = "overleg bekijken"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = list(selectors.agenda(self.overleg))
        self.audit_raw_cases(items)
        blocked = selectors.blocked_cases([item.casus for item in items])
        for item in items:
            item.blocked = blocked.get(item.casus_id, "")
        attendance = {a.user_id: a for a in self.overleg.attendance.select_related("user")}
        context.update(
            items=items,
            attendance=[(user, attendance.get(user.pk)) for user in self.members],
            guests=self.overleg.guests.select_related("discussion__casus"),
            perspective_editable=Cap.WORK_ON_CASES in context["team_caps"],
            may_record=not services.recording_refusal(self.overleg),
        )
        return context

    def audit_raw_cases(self, items):
        for item in items:
            self.audit_raw(str(item.casus_id), self.team, subject_type="casus")


class MeetingEditView(MeetingMixin, TemplateView):
    template_name = "meetings/meeting_form.html"
    audit_purpose = "overleg wijzigen"
    capability = Cap.PLAN_MEETINGS

    def get(self, request, *args, **kwargs):
        o = self.overleg
        start = timezone.localtime(o.starts_at)
        form = MeetingForm(
            members=self.members,
            with_status=True,
            initial={
                "day": start.date(),
                "start": start.strftime("%H:%M"),
                "duration_minutes": o.duration_minutes,
                "location": o.location,
                "chair": o.chair,
                "notes": o.notes,
                "status": o.status,
            },
        )
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = MeetingForm(request.POST, members=self.members, with_status=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_meeting(
                    self.overleg,
                    actor=request.user,
                    request=request,
                    starts_at=form.starts_at(),
                    duration_minutes=data["duration_minutes"],
                    location=data["location"],
                    chair=data["chair"],
                    notes=data["notes"],
                    status=data["status"],
                )
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(request, _("Het overleg is gewijzigd."))
                return self.to_meeting()
        return self.render_to_response(self.get_context_data(form=form))


class AgendaAddView(MeetingMixin, TemplateView):
    template_name = "meetings/agenda_form.html"
    audit_purpose = "agenda samenstellen"
    capability = Cap.PLAN_MEETINGS

    @cached_property
    def candidates(self):
        return selectors.agenda_candidates(self.team, self.overleg)

    @cached_property
    def blocked(self) -> dict[int, str]:
        return selectors.blocked_cases(self.candidates)

    def form(self, data=None):
        return AgendaForm(data, cases=self.candidates, blocked=self.blocked)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cases = list(self.candidates)
        for casus in cases:
            self.audit_raw(str(casus.pk), self.team, subject_type="casus")
        context["blocked"] = [(c, self.blocked[c.pk]) for c in cases if c.pk in self.blocked]
        context["offered"] = len(cases) - len(self.blocked)
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.add_to_agenda(
                    self.overleg,
                    casus=form.cleaned_data["casus"],
                    actor=request.user,
                    question=form.cleaned_data["question"],
                    request=request,
                )
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(request, _("De casus staat op de agenda."))
                return self.to_meeting()
        return self.render_to_response(self.get_context_data(form=form))


class AgendaItemActionView(MeetingMixin, View):
    """POST: move an agenda item up or down, or take it off the agenda."""

    http_method_names = ["post"]
    audit_purpose = "agenda ordenen"
    capability = Cap.PLAN_MEETINGS

    def post(self, request, *args, **kwargs):
        discussion, action = self.discussion, request.POST.get("actie")
        try:
            if action in ("omhoog", "omlaag"):
                services.move_agenda_item(
                    discussion, actor=request.user, up=action == "omhoog", request=request
                )
            elif action == "verwijderen":
                services.remove_from_agenda(discussion, actor=request.user, request=request)
                messages.success(request, _("De casus is van de agenda gehaald."))
        except Refusal as refusal:
            add_message(request, refusal)
        return self.to_meeting()


class AttendanceView(MeetingMixin, TemplateView):
    template_name = "meetings/attendance_form.html"
    audit_purpose = "aanwezigheid vastleggen"
    capability = Cap.WRITE_MINUTES

    def form(self, data=None):
        current = dict(self.overleg.attendance.values_list("user_id", "status"))
        return AttendanceForm(data, members=self.members, current=current)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.record_attendance(
                    self.overleg, actor=request.user, statuses=form.statuses(), request=request
                )
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(request, _("De aanwezigheid is vastgelegd."))
                return self.to_meeting()
        return self.render_to_response(self.get_context_data(form=form))


class GuestsView(MeetingMixin, TemplateView):
    template_name = "meetings/guests.html"
    audit_purpose = "gasten vastleggen"
    capability = Cap.WRITE_MINUTES

    def form(self, data=None):
        return GuestForm(data, discussions=selectors.agenda(self.overleg))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["guests"] = self.overleg.guests.select_related("discussion__casus")
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        if "verwijder" in request.POST:
            guest = get_visible_or_404(
                request,
                Gast.objects.filter(overleg=self.overleg),
                capability=Cap.VIEW_CASE_DATA,
                subject_type="gast",
                purpose="gast verwijderen",
                pk=request.POST["verwijder"],
            )
            try:
                services.remove_guest(guest, actor=request.user, request=request)
            except Refusal as refusal:
                add_message(request, refusal)
            else:
                messages.success(request, _("De gast is verwijderd."))
            return redirect("meetings:guests", team=self.team.slug, meeting=self.overleg.pk)
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.add_guest(
                    self.overleg, actor=request.user, request=request, **form.cleaned_data
                )
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(request, _("De gast is toegevoegd."))
                return redirect("meetings:guests", team=self.team.slug, meeting=self.overleg.pk)
        return self.render_to_response(self.get_context_data(form=form))


class DiscussionView(MeetingMixin, TemplateView):
    """Record one case discussion: participation, minutes in two parts, evaluation."""

    template_name = "meetings/discussion_form.html"
    audit_purpose = "bespreking vastleggen"

    def require_page_right(self) -> None:
        """The page serves the voorzitter (the question) and who records the minutes."""
        if not services.may_plan(self.request.user, self.team):
            self.require(services.check_may_write, self.team, actor=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        d = self.discussion
        self.audit_raw(str(d.casus_id), self.team, subject_type="casus")
        caps = context["team_caps"]
        context.update(
            item=d,
            casus=d.casus,
            blocked=case_work_refusal(d.casus) or "",
            may_write=Cap.WRITE_MINUTES in caps,
            may_plan=Cap.PLAN_MEETINGS in caps,
            perspective_editable=Cap.WORK_ON_CASES in caps,
            required=self.team.participation_required,
        )
        context.setdefault(
            "form",
            DiscussionForm(
                initial=services.current_values(d), required=self.team.participation_required
            ),
        )
        context.setdefault("question_form", QuestionForm(initial={"question": d.question}))
        return context

    def post(self, request, *args, **kwargs):
        if request.POST.get("formulier") == "vraag":
            self.require(services.check_may_plan, self.team, actor=request.user)
            form = QuestionForm(request.POST)
            if form.is_valid():
                try:
                    services.update_question(
                        self.discussion, actor=request.user, request=request, **form.cleaned_data
                    )
                except Refusal as refusal:
                    add_to_form(form, refusal)
                else:
                    messages.success(request, _("De vraag aan het overleg is gewijzigd."))
                    return self.to_meeting()
            return self.render_to_response(self.get_context_data(question_form=form))
        self.require(services.check_may_write, self.team, actor=request.user)
        required = self.team.participation_required
        form = DiscussionForm(request.POST, required=required)
        if form.is_valid():
            try:
                services.record_discussion(
                    self.discussion, actor=request.user, request=request, **form.cleaned_data
                )
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(request, _("De bespreking is vastgelegd."))
                return self.to_meeting()
        return self.render_to_response(self.get_context_data(form=form))


class CaseOverlegView(CaseSectionView):
    """The 'Overleg' tab of a case: its discussions, and putting it on an upcoming meeting."""

    template_name = "meetings/case.html"
    case_tab = "overleg"
    audit_purpose = "overleggen van de casus bekijken"

    def may_plan(self) -> bool:
        return has_capability(self.request.user, Cap.PLAN_MEETINGS, self.team)

    def agenda_form(self, data=None):
        meetings = selectors.open_meetings_for_case(
            self.request.user, self.casus, timezone.localdate()
        )
        return AgendaForCaseForm(data, meetings=meetings)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["discussions"] = selectors.case_discussions(self.request.user, self.casus)
        context["first_discussed"] = selectors.first_discussion_at(self.casus)
        if self.may_plan():
            context.setdefault("agenda_form", self.agenda_form())
            problem = services.agenda_problem_for_case(self.casus)
            if problem and problem == context.get("case_work_refusal"):  # shown at the top
                problem = _(
                    "Zolang de toestemming ontbreekt (zie bovenaan), kan de casus niet op "
                    "de agenda."
                )
            context["agenda_problem"] = problem
        return context

    def post(self, request, *args, **kwargs):
        self.require(services.check_may_plan, self.team, actor=request.user)
        form = self.agenda_form(request.POST)
        if form.is_valid():
            try:
                services.add_to_agenda(
                    form.cleaned_data["overleg"],
                    casus=self.casus,
                    actor=request.user,
                    question=form.cleaned_data["question"],
                    request=request,
                )
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(request, _("De casus staat op de agenda."))
                return redirect("meetings:case", team=self.team.slug, pk=self.casus.pk)
        return self.render_to_response(self.get_context_data(agenda_form=form))
