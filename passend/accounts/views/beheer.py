"""The beheerder manages the people of the own team: invite by e-mail, memberships (add,
change, end), deactivate in the team. Pages under teams/<team>/beheer/gebruikers/. The team
comes from the URL through TeamMixin (MANAGE_TEAM); a person or membership outside the team is
404 with one denied access-log entry. The services write and log the changes."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from passend.accounts.models import Membership
from passend.accounts.permissions import get_visible_or_404
from passend.accounts.roles import Cap
from passend.audit.mixins import AuditedView
from passend.audit.models import Action
from passend.core.refusals import Refusal, RefusalFormMixin, add_message
from passend.regions.views import TeamMixin

from .. import selectors
from ..forms import InviteForm, MembershipForm
from ..services import beheer as services

SUBJECT = "medewerker"


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


class BeheerMixin(TeamMixin):
    team_capability = Cap.MANAGE_TEAM
    team_purpose = "gebruikers beheren"

    def _membership(self, **lookup) -> Membership:
        return get_visible_or_404(
            self.request,
            Membership.objects.filter(team=self.team).select_related("user", "organisation"),
            capability=Cap.MANAGE_TEAM,
            subject_type=SUBJECT,
            purpose=self.team_purpose,
            subject_id=self.kwargs["user_id"],
            team=self.team,
            **lookup,
        )

    @cached_property
    def member(self):
        """The person of the URL: someone with a membership (of any state) in the team."""
        return self._membership(user_id=self.kwargs["user_id"]).user

    def user_url(self, user=None):
        user = user or self.member
        return redirect("accounts:beheer-user", team=self.team.slug, user_id=user.pk)


class UsersView(BeheerMixin, AuditedView, TemplateView):
    template_name = "accounts/beheer_users.html"
    audit_subject_type = SUBJECT
    audit_purpose = "gebruikers beheren"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.team_people(self.request.user, self.team), 50).get_page(
            self.request.GET.get("pagina")
        )
        for person in page.object_list:
            self.audit_raw(person.user.pk, self.team)
        context["page"] = page
        return context


class UserView(BeheerMixin, AuditedView, TemplateView):
    template_name = "accounts/beheer_user.html"
    audit_subject_type = SUBJECT
    audit_purpose = "gebruiker beheren"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["person"] = selectors.team_people(self.request.user, self.team, user=self.member)[0]
        context.update(subject_type=SUBJECT, subject_id=self.member.pk)
        self.audit_raw(self.member.pk, self.team)
        return context


class _FormPage(BeheerMixin, AuditedView, RefusalFormMixin, FormView):
    """A beheer form; `submit` calls the service, and a refusal lands on the form with what was
    entered (RefusalFormMixin)."""

    template_name = "accounts/beheer_form.html"
    audit_subject_type = SUBJECT
    submit_label = ""
    intro = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "team": self.team}

    def form_valid(self, form):
        return self.submit(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page_title=self.page_title(), submit_label=self.submit_label)
        context["intro"] = self.intro
        return context


class InviteView(_FormPage):
    personal_data = False  # an empty form; the service logs the new account
    form_class = InviteForm
    audit_purpose = "gebruiker uitnodigen"

    def page_title(self):
        return _("Gebruiker uitnodigen")

    @property
    def submit_label(self):
        return _("Uitnodiging versturen")

    @property
    def intro(self):
        return _(
            "De nieuwe gebruiker krijgt een e-mail met een link om een wachtwoord te kiezen en, "
            "als de rol dat vraagt, de tweede factor in te stellen. Heeft het e-mailadres al "
            "een account, dan krijgt dat account de rol erbij."
        )

    def submit(self, form):
        data = form.cleaned_data
        result = services.invite(
            self.team,
            actor=self.request.user,
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            username=data["username"],
            role=data["role"],
            organisation=data["organisation"],
            expertise=data["expertise"],
            start=data["start"],
            request=self.request,
        )
        name = _name(result.user)
        if not result.existing_account:
            messages.success(
                self.request,
                _("%(name)s is uitgenodigd; de uitnodiging is gestuurd naar %(email)s.")
                % {"name": name, "email": result.user.email},
            )
        elif result.invitation is not None:
            messages.info(
                self.request,
                _(
                    "Er bestond al een account met dit e-mailadres (%(username)s). De rol is aan "
                    "dat account toegevoegd en de uitnodiging is opnieuw verstuurd, omdat nog geen "
                    "wachtwoord is gekozen."
                )
                % {"username": result.user.get_username()},
            )
        else:
            messages.info(
                self.request,
                _(
                    "Er bestond al een account met dit e-mailadres (%(username)s). De rol is aan "
                    "dat account toegevoegd; %(name)s logt in met het bestaande wachtwoord en "
                    "krijgt hierover een e-mail."
                )
                % {"username": result.user.get_username(), "name": name},
            )
        return self.user_url(result.user)


class _MemberFormPage(_FormPage):
    """A form about one member: showing who it is about is a logged read."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.audit_raw(self.member.pk, self.team, action=Action.READ)
        context["member"] = self.member
        return context


class MembershipAddView(_MemberFormPage):
    form_class = MembershipForm
    audit_purpose = "lidmaatschap toevoegen"

    def page_title(self):
        return _("Rol toevoegen voor %(name)s") % {"name": _name(self.member)}

    @property
    def submit_label(self):
        return _("Rol toevoegen")

    def submit(self, form):
        services.add_membership(
            self.member,
            team=self.team,
            actor=self.request.user,
            request=self.request,
            **form.cleaned_data,
        )
        messages.success(self.request, _("De rol is toegevoegd."))
        return self.user_url()


class MembershipEditView(_MemberFormPage):
    form_class = MembershipForm
    audit_purpose = "lidmaatschap wijzigen"

    @cached_property
    def membership(self) -> Membership:
        return self._membership(user_id=self.kwargs["user_id"], pk=self.kwargs["membership"])

    @cached_property
    def member(self):
        return self.membership.user

    def page_title(self):
        return _("Rol wijzigen: %(role)s van %(name)s") % {
            "role": self.membership.get_role_display(),
            "name": _name(self.member),
        }

    @property
    def submit_label(self):
        return _("Opslaan")

    def get_initial(self):
        m = self.membership
        return {
            "role": m.role,
            "organisation": m.organisation_id,
            "expertise": m.expertise,
            "start": m.start,
            "end": m.end,
            "aggregate_whole_area": m.aggregate_whole_area,
        }

    def submit(self, form):
        services.update_membership(
            self.membership,
            actor=self.request.user,
            changes=form.cleaned_data,
            request=self.request,
        )
        messages.success(self.request, _("De rol is gewijzigd."))
        return self.user_url()


class _Button(BeheerMixin, View):
    """A button on the person's page: POST, a message, back to the page."""

    personal_data = True  # an account change; the service writes the access-log entry
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            message = self.act()
        except Refusal as refusal:
            add_message(request, refusal)
        else:
            messages.success(request, message)
        return self.user_url()


class MembershipEndView(_Button):
    team_purpose = "lidmaatschap beëindigen"

    def act(self):
        membership = self._membership(user_id=self.kwargs["user_id"], pk=self.kwargs["membership"])
        services.end_membership(membership, actor=self.request.user, request=self.request)
        return _("De rol %(role)s van %(name)s is beëindigd.") % {
            "role": membership.get_role_display(),
            "name": _name(membership.user),
        }


class DeactivateView(_Button):
    team_purpose = "medewerker deactiveren"

    def act(self):
        services.deactivate_member(
            self.member, team=self.team, actor=self.request.user, request=self.request
        )
        return _("%(name)s heeft geen toegang meer tot %(team)s.") % {
            "name": _name(self.member),
            "team": self.team.name,
        }


class ResendInvitationView(_Button):
    team_purpose = "uitnodiging opnieuw versturen"

    def act(self):
        services.resend_invitation(
            self.member, team=self.team, actor=self.request.user, request=self.request
        )
        return _(
            "De uitnodiging is opnieuw verstuurd naar %(email)s; de vorige link werkt niet meer."
        ) % {"email": self.member.email}
