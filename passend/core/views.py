from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from passend.accounts.roles import Cap
from passend.regions.selectors import teams_for

from .api.problems import problem_response


def home(request):
    """Landing page: the user's team home, or a choice when there are several."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    teams = list(teams_for(request.user))
    if not teams:  # a provider's employee: straight to the own waiting times
        provider_teams = list(teams_for(request.user, Cap.UPDATE_OWN_WAITING_TIMES)[:1])
        if provider_teams:
            return redirect("socialmap:provider", team=provider_teams[0].slug)
    if len(teams) == 1:
        return redirect("regions:team-home", team=teams[0].slug)
    return render(request, "core/choose_team.html", {"teams": teams})


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # the database is down or unreachable: report, never crash
        return JsonResponse({"status": "fout", "database": "onbereikbaar"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return problem_response(404, _("Deze bron bestaat niet, of u heeft er geen toegang toe."))
    return render(request, "404.html", status=404)


def server_error(request):
    if request.path.startswith("/api/"):
        return problem_response(
            500, _("Er ging iets mis aan onze kant. Probeer het later opnieuw.")
        )
    return render(request, "500.html", status=500)


def permission_denied(request, exception=None):
    reason = str(exception) if exception is not None and str(exception) else ""
    if request.path.startswith("/api/"):
        return problem_response(403, reason or _("U heeft geen recht op deze handeling."))
    return render(request, "403.html", {"reason": reason}, status=403)


def bad_request(request, exception=None):
    if request.path.startswith("/api/"):
        return problem_response(400, _("Het verzoek is niet geldig."))
    return render(request, "400.html", status=400)


for view in (home, healthz, not_found, server_error, permission_denied, bad_request):
    view.personal_data = False
