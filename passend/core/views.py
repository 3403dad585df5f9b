from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from passend.accounts.permissions import capabilities
from passend.accounts.roles import Cap
from passend.regions.selectors import teams_for

from . import health
from .api.problems import problem_response

# Where a role lands in a team: the first capability the user holds decides (one table, by
# capability, so a combination of roles lands on the most hands-on page).
LANDINGS = [
    (Cap.VIEW_CASE_DATA, "inbox:home"),  # screener, voorzitter, teamlid, procesregisseur, notulist
    (Cap.REGISTER_CASES, "cases:list"),  # aanmelder: own cases, "Casus aanmelden" on top
    (Cap.VIEW_OWN_CASES, "cases:list"),
    (Cap.MANAGE_SOCIAL_MAP, "socialmap:beheer"),  # coördinator sociale kaart
    (Cap.UPDATE_OWN_WAITING_TIMES, "socialmap:provider"),  # aanbieder: own waiting times
    (Cap.MANAGE_TEAM, "regions:beheer"),  # beheerder
    (Cap.VIEW_TEAM, "regions:team-home"),  # beleidsadviseur (for now)
]


def landing_url(user, team) -> str:
    """The page `user` works on first in `team`."""
    caps = capabilities(user, team)
    for capability, name in LANDINGS:
        if capability in caps:
            return reverse(name, kwargs={"team": team.slug})
    return reverse("regions:team-home", kwargs={"team": team.slug})


def home(request):
    """Landing: the page the user works on in their team, or a choice when there are several."""
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    # a provider's employee holds no team capability other than the own waiting times
    found = [*teams_for(request.user), *teams_for(request.user, Cap.UPDATE_OWN_WAITING_TIMES)]
    teams = sorted({team.pk: team for team in found}.values(), key=lambda t: (t.name, t.pk))
    if len(teams) == 1:
        return redirect(landing_url(request.user, teams[0]))
    choices = [(team, landing_url(request.user, team)) for team in teams]
    return render(request, "core/choose_team.html", {"teams": choices})


@never_cache
def healthz(request):
    """Alive: the process answers. No database, cache or worker (that is /readyz)."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Ready for traffic: database, cache, migrations applied, a job worker seen recently.
    503 names the checks that failed."""
    checks = health.readiness()
    failed = [name for name, ok in checks.items() if not ok]
    body = {
        "status": "fail" if failed else "ok",
        "checks": {name: "ok" if ok else "fail" for name, ok in checks.items()},
        "failed": failed,
    }
    return JsonResponse(body, status=503 if failed else 200)


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return problem_response(404, _("Deze bron bestaat niet, of u heeft er geen toegang toe."))
    return render(request, "404.html", status=404)


def server_error(request):
    if request.path.startswith("/api/"):
        return problem_response(
            500, _("Er ging iets mis aan onze kant. Probeer het later opnieuw.")
        )
    # No request context: context processors read the session, the user and the database,
    # and any of those may be what failed.
    html = loader.get_template("500.html").render({})
    return HttpResponseServerError(html)


def permission_denied(request, exception=None):
    reason = str(exception) if exception is not None and str(exception) else ""
    if request.path.startswith("/api/"):
        return problem_response(403, reason or _("U heeft geen recht op deze handeling."))
    return render(request, "403.html", {"reason": reason}, status=403)


def bad_request(request, exception=None):
    if request.path.startswith("/api/"):
        return problem_response(400, _("Het verzoek is niet geldig."))
    return render(request, "400.html", status=400)


for view in (home, healthz, readyz, not_found, server_error, permission_denied, bad_request):
    view.personal_data = False
