"""Beheer pages of the code lists of the team's region (teams/<team>/beheer/codelijsten/).

The team comes from the URL (TeamMixin: a team the user is not in is 404); the list and the
item are resolved in selectors (a list the user does not manage, or an item of another region,
is 404 with one denied entry). Code lists are not personal data; the services log changes."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from passend.accounts.permissions import deny_404
from passend.accounts.roles import Cap
from passend.core.refusals import Refusal, add_message, add_to_form

from ..views import TeamMixin
from . import selectors, services
from .forms import CodeItemForm
from .registry import CODE_LISTS


class CodeListMixin(TeamMixin):
    personal_data = False
    team_capability = Cap.VIEW_TEAM  # then: manages this list (registry), else 404
    team_purpose = "codelijsten beheren"

    @cached_property
    def code_list(self):
        return selectors.code_list_or_404(self.request, self.team, self.kwargs["lijst"])

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.code_list  # noqa: B018 - refuse before anything else happens
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["code_list"] = self.code_list
        return context

    def back(self):
        return redirect("regions:codelist", team=self.team.slug, lijst=self.code_list.slug)


class ItemMixin(CodeListMixin):
    @cached_property
    def item(self):
        return selectors.item_or_404(self.request, self.team, self.code_list, self.kwargs["item"])


class CodeListsView(TeamMixin, TemplateView):
    """The lists the user manages in the team's region, with their numbers of items."""

    personal_data = False
    template_name = "regions/codelists.html"
    team_capability = Cap.VIEW_TEAM
    team_purpose = "codelijsten beheren"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = selectors.overview(self.request.user, self.team)
        if not rows:
            deny_404(
                self.request,
                subject_type="codelijst",
                subject_id="",
                purpose=self.team_purpose,
                team=self.team,
            )
        context["rows"] = rows
        context["all_lists"] = CODE_LISTS.values()
        return context


class CodeListView(CodeListMixin, TemplateView):
    template_name = "regions/codelist.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = selectors.items(self.team, self.code_list)
        return context


class CodeItemFormView(CodeListMixin, TemplateView):
    """Add (no item in the URL) or change an item; nothing entered is lost on an error."""

    template_name = "regions/codelist_item_form.html"
    item = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        return context

    def build_form(self, data=None):
        gemeenten = None
        if self.code_list.per_gemeente:
            gemeenten = self.team.region.gemeenten.order_by("name")
        return CodeItemForm(data, item=self.item, gemeenten=gemeenten)

    def get(self, request, *args, **kwargs):
        form = self.build_form()
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = self.build_form(request.POST)
        if form.is_valid():
            try:
                item = self.save(form.cleaned_data)
            except Refusal as refusal:
                add_to_form(form, refusal)
            else:
                messages.success(request, _("'%(label)s' is opgeslagen.") % {"label": item.label})
                return self.back()
        return self.render_to_response(self.get_context_data(form=form))

    def save(self, data):
        return services.add_item(
            self.code_list, team=self.team, actor=self.request.user, request=self.request, **data
        )


class CodeItemUpdateView(ItemMixin, CodeItemFormView):
    def save(self, data):
        return services.update_item(
            self.code_list,
            self.item,
            team=self.team,
            changes=data,
            actor=self.request.user,
            request=self.request,
        )


class CodeItemActiveView(ItemMixin, View):
    """POST actief=ja|nee from the list's table."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        active = {"ja": True, "nee": False}.get(request.POST.get("actief", ""))
        if active is None:
            messages.error(request, _("Kies of het item actief of inactief wordt."))
            return self.back()
        try:
            item = services.set_active(
                self.code_list,
                self.item,
                team=self.team,
                active=active,
                actor=request.user,
                request=request,
            )
        except Refusal as refusal:
            add_message(request, refusal)
        else:
            text = (
                _("'%(label)s' is weer actief en wordt aangeboden.")
                if active
                else _(
                    "'%(label)s' is inactief: het wordt niet meer aangeboden, maar blijft "
                    "zichtbaar waar het al is gekozen."
                )
            )
            messages.success(request, text % {"label": item.label})
        return self.back()


class CodeItemDeleteView(ItemMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        label = self.item.label
        try:
            services.delete_item(
                self.code_list, self.item, team=self.team, actor=request.user, request=request
            )
        except Refusal as refusal:
            add_message(request, refusal)
        else:
            messages.success(request, _("'%(label)s' is verwijderd.") % {"label": label})
        return self.back()
