"""Navigation per module, shown only where the user has the capability."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from passend.accounts.permissions import any_team_with, capabilities
from passend.accounts.roles import Cap

# (label, url name, capability needed in the team); later modules append their entries.
TEAM_NAVIGATION = [
    (_("Team"), "regions:team-home", Cap.VIEW_TEAM),
    (_("Werkvoorraad"), "inbox:home", Cap.VIEW_CASE_DATA),
    (_("Casussen"), "cases:list", Cap.VIEW_CASE_DATA),
    (_("Overleggen"), "meetings:list", Cap.VIEW_CASE_DATA),
    (_("Mijn acties"), "procesregie:my-actions", Cap.WORK_ON_CASES),
    (_("Sociale kaart"), "socialmap:search", Cap.VIEW_SOCIAL_MAP),
    (_("Beheer sociale kaart"), "socialmap:beheer", Cap.MANAGE_SOCIAL_MAP),
    (_("Wachttijden"), "socialmap:provider", Cap.UPDATE_OWN_WAITING_TIMES),
    (_("Mijn aanmeldingen"), "cases:list", Cap.VIEW_OWN_CASES),
    (_("Teamleden"), "regions:team-members", Cap.VIEW_MEMBERS),
    (_("Toegangslog"), "audit:access-log", Cap.VIEW_ACCESS_LOG),
    (_("Beheer"), "regions:beheer", Cap.MANAGE_TEAM),
]


def navigation(request):
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    if not match or user is None or not user.is_authenticated:
        return {}
    slug = match.kwargs.get("team")
    items = []
    if slug:
        from passend.regions.models import Team

        team = Team.objects.filter(slug=slug).first()
        caps = capabilities(user, team) if team else frozenset()
        home = reverse("regions:team-home", kwargs={"team": slug})
        for label, name, cap in TEAM_NAVIGATION:
            url = reverse(name, kwargs={"team": slug})
            if cap in caps and url not in {item["url"] for item in items}:
                current = request.path == url or (url != home and request.path.startswith(url))
                items.append({"label": label, "url": url, "current": current})
    if any_team_with(user, Cap.VIEW_TEAM):
        url = reverse("regions:organisations")
        current = request.path.startswith(url)
        items.append({"label": _("Organisaties"), "url": url, "current": current})
    return {"nav_items": items}
