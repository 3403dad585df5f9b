"""Reads of the access log, scoped to the teams whose log the user may query."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passend.accounts.models import Membership, User
from passend.accounts.permissions import capabilities, visible
from passend.accounts.roles import Cap, Role
from passend.regions.models import Team

from .models import AccessLogEntry
from .services import NO_ROLE

# What the subject types written by the views mean, for the reader of the log.
SUBJECT_TYPES = {
    "aanbod": gettext_lazy("aanbod"),
    "actie": gettext_lazy("actie"),
    "advies": gettext_lazy("advies"),
    "bewaartermijnrun": gettext_lazy("bewaartermijnrun"),
    "bijlage": gettext_lazy("bijlage"),
    "casus": gettext_lazy("casus"),
    "casusbespreking": gettext_lazy("casusbespreking"),
    "escalatie": gettext_lazy("escalatie"),
    "gast": gettext_lazy("gast"),
    "medewerker": gettext_lazy("medewerker"),
    "overleg": gettext_lazy("overleg"),
    "team": gettext_lazy("team"),
    "tijdlijnepisode": gettext_lazy("tijdlijnepisode"),
    "toegangslog": gettext_lazy("toegangslog"),
    "toegangslog-ijkpunt": gettext_lazy("ijkpunt na opschonen toegangslog"),
    "toekomstplan": gettext_lazy("toekomstplan"),
    "toelichtingsverzoek": gettext_lazy("toelichtingsverzoek"),
    "toestemming": gettext_lazy("toestemming"),
}


def access_log(
    user,
    *,
    team=None,
    subject_type: str = "",
    subject_id: str = "",
    username: str = "",
    user_id: int | None = None,
    date_from=None,
    date_until=None,
    outcome: str = "",
) -> QuerySet[AccessLogEntry]:
    qs = visible(user, AccessLogEntry.objects.all(), Cap.VIEW_ACCESS_LOG).select_related(
        "team", "user"
    )
    if team is not None:
        qs = qs.filter(team=team)
    if subject_type:
        qs = qs.filter(subject_type=subject_type)
    if subject_id:
        qs = qs.filter(subject_id=subject_id)
    if username:
        qs = qs.filter(username__iexact=username)
    if user_id:
        qs = qs.filter(user_id=user_id)
    if outcome:
        qs = qs.filter(outcome=outcome)
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(
            timestamp__gte=timezone.make_aware(datetime.combine(date_from, time.min), tz)
        )
    if date_until:
        qs = qs.filter(
            timestamp__lte=timezone.make_aware(datetime.combine(date_until, time.max), tz)
        )
    return qs.order_by("-timestamp", "-id")


def describe_query(**filters) -> str:
    """A short, stable description of a log query, stored as the subject of the log read."""
    parts = [f"{key}={value}" for key, value in sorted(filters.items()) if value]
    return ";".join(parts)[:64] or "alles"


@dataclass(frozen=True)
class EntryDisplay:
    """How one log entry reads on the page: names and Dutch labels instead of codes."""

    actor: str
    roles: str
    subject: str


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def with_display(viewer, entries: Iterable[AccessLogEntry]) -> list[AccessLogEntry]:
    """The entries, each with ``.display`` (an :class:`EntryDisplay`).

    Team names and role labels are shown to everyone who may read the log. Names of people
    (the actor, a "medewerker" subject) are team-member data: shown only where the viewer may
    see the team's members (Cap.VIEW_MEMBERS) and the person is or was a member of the entry's
    team; otherwise the username or the id stays. A fixed number of queries per page."""
    entries = list(entries)
    team_ids = {e.team_id for e in entries if e.team_id}
    members_visible = {t for t in team_ids if Cap.VIEW_MEMBERS in capabilities(viewer, t)}
    colleague_ids = {int(e.subject_id) for e in entries if _is_colleague_subject(e)}
    user_ids = colleague_ids | {e.user_id for e in entries if e.user_id}
    members = set(
        Membership.objects.filter(team_id__in=members_visible, user_id__in=user_ids).values_list(
            "team_id", "user_id"
        )
    )
    colleagues = {u.pk: u for u in User.objects.filter(pk__in=colleague_ids)}
    team_subjects = {int(e.subject_id) for e in entries if _is_id(e, "team")}
    slugs = {part.split("@", 1)[1] for e in entries for part in _role_parts(e) if "@" in part}
    # A refused team URL is logged with the team's slug.
    slugs |= {e.subject_id for e in entries if e.subject_type == "team" and e.subject_id}
    teams = list(Team.objects.filter(pk__in=team_subjects) | Team.objects.filter(slug__in=slugs))
    team_names = {t.pk: t.name for t in teams}
    team_names_by_slug = {t.slug: t.name for t in teams}

    def person(team_id, user) -> str | None:
        return _name(user) if user is not None and (team_id, user.pk) in members else None

    for e in entries:
        actor = person(e.team_id, e.user) if e.user_id else None
        subject = None
        if _is_colleague_subject(e):
            subject = person(e.team_id, colleagues.get(int(e.subject_id)))
        elif _is_id(e, "team"):
            subject = team_names.get(int(e.subject_id))
        elif e.subject_type == "team":
            subject = team_names_by_slug.get(e.subject_id)
        if subject is None:
            label = SUBJECT_TYPES.get(e.subject_type, e.subject_type)
            subject = f"{label} {e.subject_id}".strip()
        e.display = EntryDisplay(
            # The username stays next to the name: it is what the filter above the table takes.
            actor=f"{actor} ({e.username})" if actor and actor != e.username else e.username,
            roles=", ".join(_role_label(p, team_names_by_slug) for p in _role_parts(e)) or "–",
            subject=subject,
        )
    return entries


def _is_id(entry, subject_type: str) -> bool:
    subject_id = entry.subject_id
    return entry.subject_type == subject_type and subject_id.isascii() and subject_id.isdigit()


def _is_colleague_subject(entry) -> bool:
    return _is_id(entry, "medewerker") and entry.team_id is not None


def _role_parts(entry) -> list[str]:
    return [part for part in entry.roles.split(",") if part]


def _role_label(part: str, team_names_by_slug: dict[str, str]) -> str:
    if part == NO_ROLE:
        return _("geen rol")
    code, _at, slug = part.partition("@")
    label = str(Role(code).label) if code in Role.values else code
    if slug:
        return _("%(role)s (%(team)s)") % {
            "role": label,
            "team": team_names_by_slug.get(slug, slug),
        }
    return label
