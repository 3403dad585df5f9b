"""Navigation per module, shown only where the user has the capability.

The main items of a role stay in one row; when a role has more than ``MAX_INLINE`` items, the
ones marked ``MORE`` (team overview, members, access log, organisations) move into a "Meer"
group, so the navigation never wraps to a second row at 1280 px.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from passend.accounts.permissions import any_team_with, capabilities, team_ids_with
from passend.accounts.roles import Cap

MAIN, MORE = "main", "more"
MAX_INLINE = 6  # up to this many items all stay in the row, without a "Meer" group


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    any_of: tuple[Cap, ...]  # shown when the user holds one of these in the team
    group: str = MAIN
    requires: Cap | None = Cap.VIEW_TEAM  # the team page itself (TeamMixin) needs this


# Later modules append their entries.
TEAM_NAVIGATION = [
    NavEntry(_("Team"), "regions:team-home", (Cap.VIEW_TEAM,), MORE),
    # the referrer's werkvoorraad holds the signals of the own cases (inbox.selectors)
    NavEntry(_("Werkvoorraad"), "inbox:home", (Cap.VIEW_CASE_DATA, Cap.VIEW_OWN_CASES)),
    NavEntry(_("Casussen"), "cases:list", (Cap.VIEW_CASE_DATA,)),
    NavEntry(_("Mijn aanmeldingen"), "cases:list", (Cap.VIEW_OWN_CASES,)),
    NavEntry(_("Overleggen"), "meetings:list", (Cap.VIEW_CASE_DATA,)),
    NavEntry(_("Mijn acties"), "procesregie:my-actions", (Cap.WORK_ON_CASES,)),
    NavEntry(_("Sociale kaart"), "socialmap:search", (Cap.VIEW_SOCIAL_MAP,)),
    NavEntry(_("Beheer sociale kaart"), "socialmap:beheer", (Cap.MANAGE_SOCIAL_MAP,)),
    NavEntry(
        _("Wachttijden"), "socialmap:provider", (Cap.UPDATE_OWN_WAITING_TIMES,), requires=None
    ),
    NavEntry(_("Beheer"), "regions:beheer", (Cap.MANAGE_TEAM,)),
    NavEntry(_("Monitoring"), "monitoring:home", (Cap.VIEW_AGGREGATES,), MORE),
    NavEntry(_("Teamleden"), "regions:team-members", (Cap.VIEW_MEMBERS,), MORE),
    NavEntry(_("Toegangslog"), "audit:access-log", (Cap.VIEW_ACCESS_LOG,), MORE),
]


def _team_slug(request, user) -> str | None:
    """The team of the URL; on a page outside a team, the user's only team."""
    slug = request.resolver_match.kwargs.get("team")
    if slug:
        return slug
    ids = set(team_ids_with(user, Cap.VIEW_TEAM)) | set(
        team_ids_with(user, Cap.UPDATE_OWN_WAITING_TIMES)
    )
    if len(ids) == 1:
        from passend.regions.models import Team

        return Team.objects.filter(pk__in=ids).values_list("slug", flat=True).first()
    return None


def _is_current(request, url: str, home: str) -> bool:
    return request.path == url or (url != home and request.path.startswith(url))


def navigation(request):
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    if not match or user is None or not user.is_authenticated:
        return {}
    slug = _team_slug(request, user)
    items = []
    if slug:
        from passend.regions.models import Team

        team = Team.objects.filter(slug=slug).first()
        caps = capabilities(user, team) if team else frozenset()
        home = reverse("regions:team-home", kwargs={"team": slug})
        for entry in TEAM_NAVIGATION:
            if entry.requires is not None and entry.requires not in caps:
                continue
            if not caps.intersection(entry.any_of):
                continue
            url = reverse(entry.url_name, kwargs={"team": slug})
            if url not in {item["url"] for item in items}:
                current = _is_current(request, url, home)
                items.append(
                    {"label": entry.label, "url": url, "current": current, "group": entry.group}
                )
    if any_team_with(user, Cap.VIEW_TEAM):
        url = reverse("regions:organisations")
        current = request.path.startswith(url)
        items.append({"label": _("Organisaties"), "url": url, "current": current, "group": MORE})
    if len(items) <= MAX_INLINE:
        main, more = items, []
    else:
        main = [item for item in items if item["group"] == MAIN]
        more = [item for item in items if item["group"] == MORE]
    return {
        "nav_items": items,
        "nav_main": main,
        "nav_more": more,
        "nav_more_current": any(item["current"] for item in more),
    }
