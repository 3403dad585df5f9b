"""Import and export pages of the sociale kaart.

Import (coördinator sociale kaart, MANAGE_SOCIAL_MAP in the team): upload -> dry run that lists
every problem (the row checks and the services' own refusals) and imports nothing -> confirm,
which runs the same upload again (kept in the session under a random, single-use token,
size-limited) and keeps it only when nothing is refused, in one transaction.
Export (VIEW_SOCIAL_MAP): the team region's map in the import format, CSV or XLSX.

The map is about organisations: these pages show no people's names (personal_data = False).
"""

from __future__ import annotations

import base64
import secrets

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from passend.accounts.roles import Cap
from passend.core.refusals import Refusal, add_message, add_to_form

from ..forms.io import ImportConfirmForm, ImportUploadForm
from ..io import exporter, importer
from ..io.format import COLUMNS
from .mixins import MapTeamMixin

SESSION_KEY = "socialmap-import-{team}"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class IoTeamMixin(MapTeamMixin):
    """Resolve the team (404 + one denied log entry) before anything else is read."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.team  # noqa: B018 -- refuses with 404 before the upload is looked at
        return super().dispatch(request, *args, **kwargs)


class _ImportPage(IoTeamMixin, TemplateView):
    """The import page, with the limits of a file (also after a confirm that finds errors)."""

    template_name = "socialmap/import.html"
    team_capability = Cap.MANAGE_SOCIAL_MAP
    team_purpose = "sociale kaart importeren"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportUploadForm())
        context["columns"] = COLUMNS
        context["max_kb"] = importer.MAX_BYTES // 1024
        context["max_rows"] = importer.MAX_ROWS
        return context


class ImportView(_ImportPage):
    """Upload a file: the dry run names every problem, or shows what would change."""

    def post(self, request, *args, **kwargs):
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        uploaded = form.cleaned_data["bestand"]
        try:
            plan = importer.dry_run(
                form.content, file_name=uploaded.name, team=self.team, actor=request.user
            )
        except Refusal as refusal:
            add_to_form(form, refusal)
            return self.render_to_response(self.get_context_data(form=form))
        context = {"plan": plan, "file_name": uploaded.name}
        if plan.clean:
            token = secrets.token_urlsafe(24)
            request.session[SESSION_KEY.format(team=self.team.pk)] = {
                "token": token,
                "name": uploaded.name,
                "content": base64.b64encode(form.content).decode("ascii"),
                "at": timezone.now().isoformat(),
            }
            context["confirm_form"] = ImportConfirmForm(initial={"token": token})
        return self.render_to_response(self.get_context_data(**context))


class ImportConfirmView(_ImportPage):
    """POST only: import the upload checked in the dry run, after checking it once more."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        key = SESSION_KEY.format(team=self.team.pk)
        stored = request.session.get(key) or {}
        form = ImportConfirmForm(request.POST)
        if not (
            form.is_valid()
            and stored.get("token")
            and secrets.compare_digest(stored["token"], form.cleaned_data["token"])
        ):
            messages.error(
                request, _("Deze controle is verlopen of al ingelezen. Upload het bestand opnieuw.")
            )
            return redirect("socialmap:import", team=self.team.slug)
        content = base64.b64decode(stored["content"])
        request.session.pop(key, None)
        try:
            plan = importer.run(
                content, file_name=stored["name"], team=self.team, actor=request.user
            )
        except Refusal as refusal:
            add_message(request, refusal)
            return redirect("socialmap:import", team=self.team.slug)
        if not plan.clean:  # the map changed since the dry run: show why, import nothing
            context = self.get_context_data(
                plan=plan, file_name=stored["name"], form=ImportUploadForm()
            )
            context["columns"] = COLUMNS
            return self.render_to_response(context)
        counts = plan.counts
        messages.success(
            request,
            _(
                "Het bestand is ingelezen: organisaties %(on)s nieuw en %(ou)s bijgewerkt, "
                "aanbod %(fn)s nieuw en %(fu)s bijgewerkt, wachttijden %(wn)s nieuw."
            )
            % {
                "on": counts["organisations_new"],
                "ou": counts["organisations_updated"],
                "fn": counts["offers_new"],
                "fu": counts["offers_updated"],
                "wn": counts["waiting_new"],
            },
        )
        return redirect("socialmap:import", team=self.team.slug)


class _DownloadView(IoTeamMixin, View):
    team_capability = Cap.VIEW_SOCIAL_MAP
    team_purpose = "sociale kaart exporteren"
    http_method_names = ["get", "head"]
    extension = "csv"

    def content(self) -> bytes:
        raise NotImplementedError

    def file_name(self) -> str:
        today = timezone.localdate().isoformat()
        return f"sociale-kaart-{self.team.region.slug}-{today}.{self.extension}"

    def get(self, request, *args, **kwargs):
        content_type = "text/csv; charset=utf-8" if self.extension == "csv" else XLSX_TYPE
        response = HttpResponse(self.content(), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.file_name()}"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store"
        return response


class ExportCsvView(_DownloadView):
    def content(self) -> bytes:
        return exporter.to_csv(exporter.rows(self.team))


class ExportXlsxView(_DownloadView):
    extension = "xlsx"

    def content(self) -> bytes:
        return exporter.to_xlsx(exporter.rows(self.team))


class TemplateCsvView(_DownloadView):
    team_purpose = "sociale kaart importeren"

    def file_name(self) -> str:
        return "sociale-kaart-sjabloon.csv"

    def content(self) -> bytes:
        return exporter.template_csv()


class TemplateXlsxView(TemplateCsvView):
    extension = "xlsx"

    def file_name(self) -> str:
        return "sociale-kaart-sjabloon.xlsx"

    def content(self) -> bytes:
        return exporter.template_xlsx(self.team.region)
