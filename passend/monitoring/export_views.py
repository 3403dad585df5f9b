"""Downloads of an indicator table: teams/<team>/monitoring/indicatoren/<code>/export.<fmt>.

CSV, XLSX or PDF of the same table as the indicator page, for the same query string (parsed by
``query.parse``), suppressed by the one rule (the files are built from ``IndicatorTable`` only,
``exports``). VIEW_AGGREGATES; another team, an unknown indicator or format: 404. While the
team's DPIA is not recorded: 409 with the page "DPIA nog niet vastgelegd" (the landing page's
words; a file cannot be a page, so the status says it). A bad query: 400 with the Dutch reason.
"""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from passend.accounts.permissions import capabilities
from passend.accounts.roles import Cap
from passend.core.pdf import pdf_response
from passend.privacy.selectors import monitoring_allowed
from passend.regions.views import TeamMixin

from . import exports, selectors
from .query import InvalidQuery, parse

REFUSED_TEMPLATE = "monitoring/export_refused.html"


class IndicatorExportView(TeamMixin, View):
    personal_data = False  # counts from the anonymised analytics record only
    team_capability = Cap.VIEW_AGGREGATES
    team_purpose = "monitoring exporteren"
    http_method_names = ["get", "head", "options"]

    def refused(self, status: int, title: str, message: str, *, param: str = "", gate=False):
        context = {
            "team": self.team,
            "team_caps": capabilities(self.request.user, self.team),
            "title": title,
            "message": message,
            "param": param,
            "gate": gate,
        }
        return TemplateResponse(self.request, REFUSED_TEMPLATE, context, status=status)

    def get(self, request, *args, **kwargs):
        team = self.team  # 404 across a border, before anything else
        fmt = kwargs["fmt"]
        if fmt not in exports.FORMATS:
            raise Http404(_("Onbekend bestandsformaat."))
        definition = selectors.definition(team, kwargs["code"])
        if definition is None:
            raise Http404(_("Onbekende indicator."))
        if not monitoring_allowed(team):
            return self.refused(
                409,
                _("DPIA nog niet vastgelegd"),
                _(
                    "Monitoring, signalen en rapportages van dit team staan uit totdat de "
                    "beheerder vastlegt dat de DPIA is uitgevoerd en het convenant of "
                    "privacyprotocol is vastgesteld."
                ),
                gate=True,
            )
        today = timezone.localdate()
        try:
            query = parse(request.GET, today=today)
            table = selectors.table_for(request.user, team, definition, query, today=today)
        except InvalidQuery as problem:
            return self.refused(
                400, _("Deze export kan zo niet"), problem.message, param=problem.param
            )
        generated = timezone.now()
        name = exports.filename(table, fmt)
        if fmt == "pdf":
            return pdf_response(
                lambda: exports.to_pdf(table, team=team, generated=generated),
                filename=name,
                attachment=True,
            )
        make = exports.to_csv if fmt == "csv" else exports.to_xlsx
        response = HttpResponse(
            make(table, team=team, generated=generated), content_type=exports.CONTENT_TYPES[fmt]
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
