from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, View

from passend.accounts import services as accounts_services
from passend.accounts.models import Membership
from passend.accounts.permissions import capabilities, get_visible_or_404, require_team_or_404
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedView
from passend.core.refusals import Refusal, RefusalFormMixin, add_message

from . import selectors, services
from .forms import TeamSettingsForm
from .models import OrganisationType, Team


class TeamMixin(LoginRequiredMixin):
    """Resolves the team from the URL through the permission module (404 + denied log)."""

    team_capability = Cap.VIEW_TEAM
    team_purpose = "expertteam openen"

    @cached_property
    def team(self) -> Team:
        return require_team_or_404(
            self.request,
            capability=self.team_capability,
            purpose=self.team_purpose,
            slug=self.kwargs["team"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["team"] = self.team
        context["team_caps"] = capabilities(self.request.user, self.team)
        return context


class TeamHomeView(TeamMixin, TemplateView):
    personal_data = False
    template_name = "regions/team_home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["gemeenten"] = self.team.gemeenten.order_by("name")
        context["my_roles"] = [
            m.get_role_display()
            for m in self.request.user.memberships.current().filter(team=self.team)
        ]
        return context


class TeamMembersView(TeamMixin, AuditedView, TemplateView):
    template_name = "regions/team_members.html"
    team_capability = Cap.VIEW_MEMBERS
    team_purpose = "teamleden bekijken"
    audit_subject_type = "medewerker"
    audit_purpose = "teamleden bekijken"

    def audit_subject_id(self, obj):
        return str(obj.user_id)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(
            selectors.group_members(selectors.team_memberships(self.request.user, self.team)), 50
        ).get_page(self.request.GET.get("pagina"))
        for member in page.object_list:
            self.audit(member.memberships[0])
        context["page"] = page
        return context


class TeamMemberDetailView(TeamMixin, AuditedView, TemplateView):
    template_name = "regions/team_member_detail.html"
    team_capability = Cap.VIEW_MEMBERS
    team_purpose = "medewerker bekijken"
    audit_subject_type = "medewerker"
    audit_purpose = "medewerker bekijken"

    def audit_subject_id(self, obj):
        return str(obj.user_id)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        first = get_visible_or_404(
            self.request,
            Membership.objects.current().filter(team=self.team).select_related("user"),
            capability=Cap.VIEW_MEMBERS,
            subject_type="medewerker",
            purpose=self.audit_purpose,
            subject_id=self.kwargs["user_id"],
            user_id=self.kwargs["user_id"],
        )
        self.audit(first)
        memberships = selectors.team_memberships(self.request.user, self.team)
        context["member"] = selectors.group_members(memberships.filter(user=first.user))[0]
        context["subject_type"] = "medewerker"
        context["subject_id"] = first.user_id
        return context


class TeamMemberSecondFactorResetView(TeamMixin, View):
    """A beheerder removes a member's authenticator (lost phone); POST from the member page."""

    personal_data = True  # an account change; the service writes the access-log entry
    http_method_names = ["post"]
    team_capability = Cap.MANAGE_TEAM
    team_purpose = "tweede factor resetten"

    def post(self, request, *args, **kwargs):
        membership = get_visible_or_404(
            request,
            Membership.objects.current().filter(team=self.team).select_related("user"),
            capability=Cap.VIEW_MEMBERS,
            subject_type="medewerker",
            purpose=self.team_purpose,
            subject_id=self.kwargs["user_id"],
            user_id=self.kwargs["user_id"],
        )
        user = membership.user
        try:
            accounts_services.second_factor_reset(
                user, actor=request.user, team=self.team, request=request
            )
        except Refusal as refusal:
            add_message(request, refusal)
        else:
            messages.success(
                request,
                _(
                    "De tweede factor van %(name)s is gereset; bij de volgende login koppelt "
                    "%(name)s een nieuwe authenticator."
                )
                % {"name": user.get_full_name() or user.username},
            )
        return redirect("regions:team-member", team=self.team.slug, user_id=user.pk)


class BeheerView(TeamMixin, TemplateView):
    """The beheerder's start page: users and memberships, team settings, code lists, log."""

    personal_data = False
    template_name = "regions/beheer.html"
    team_capability = Cap.MANAGE_TEAM
    team_purpose = "beheer openen"


class TeamSettingsView(TeamMixin, RefusalFormMixin, FormView):
    personal_data = False
    template_name = "regions/team_settings.html"
    form_class = TeamSettingsForm
    team_capability = Cap.MANAGE_TEAM
    team_purpose = "teaminstellingen beheren"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Team.objects.get(pk=self.team.pk)
        return kwargs

    def form_valid(self, form):
        services.update_team_settings(
            self.team, changes=form.cleaned_data, actor=self.request.user, request=self.request
        )
        messages.success(self.request, _("De teaminstellingen zijn opgeslagen."))
        return redirect("regions:team-settings", team=self.team.slug)


class OrganisationListView(LoginRequiredMixin, ListView):
    personal_data = False
    template_name = "regions/organisation_list.html"
    paginate_by = 25
    page_kwarg = "pagina"

    def get_queryset(self):
        return selectors.organisations_for(
            self.request.user,
            query=self.request.GET.get("zoek", "").strip()[:100],
            type=self.request.GET.get("soort", ""),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["types"] = OrganisationType.choices
        context["zoek"] = self.request.GET.get("zoek", "")
        context["soort"] = self.request.GET.get("soort", "")
        return context


class OrganisationDetailView(LoginRequiredMixin, DetailView):
    personal_data = False
    template_name = "regions/organisation_detail.html"
    context_object_name = "organisation"

    def get_object(self, queryset=None):
        return get_object_or_404(
            selectors.organisations_for(self.request.user), pk=self.kwargs["pk"]
        )
