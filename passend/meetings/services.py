"""All writes of the overleg module. Views and API call these; nothing else writes.

Every change is logged (NEN 7513): a case discussion with subject type "casus" (the case is the
data subject), meeting-level changes (planning, attendance, guests) with subject type "overleg".

When is a case "discussed"? `Casusbespreking.discussed_at` is set to the meeting's start as soon
as participation is recorded for it (recording requires the meeting to have taken place: its day
is today or earlier and it is not cancelled). Recording the first discussion also marks a
planned meeting as held. Moving a held meeting moves `discussed_at` along.
"""

from datetime import datetime, time

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from passend.accounts.models import Membership
from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap, roles_with
from passend.audit.models import Action
from passend.audit.services import log_access
from passend.cases.codes import ACTIVE_STATES

from . import rules
from .codes import AttendanceStatus, GuestKind, MeetingStatus, Participation
from .models import Aanwezigheid, Casusbespreking, Gast, Overleg

MAX_SERIES = 26


class MeetingError(Exception):
    """A refused action with a Dutch message; `problems` maps fields to messages (bad input)."""

    def __init__(self, message: str, problems: dict[str, str] | None = None):
        super().__init__(message)
        self.problems = problems or {}


class MeetingPermissionError(MeetingError):
    """The user lacks the capability for this action."""


def _require(actor, capability: Cap, team, message: str) -> None:
    if actor is None or not has_capability(actor, capability, team):
        raise MeetingPermissionError(message)


def _may_plan(actor, team) -> None:
    _require(actor, Cap.PLAN_MEETINGS, team, "Alleen de voorzitter plant overleggen en de agenda.")


def _may_write(actor, team) -> None:
    _require(
        actor,
        Cap.WRITE_MINUTES,
        team,
        "Alleen notulist, voorzitter en teamleden leggen het verloop van een overleg vast.",
    )


def _log(request, action, subject_type, ids, purpose, team) -> None:
    if request is not None:
        log_access(
            request,
            action=action,
            subject_type=subject_type,
            subject_ids=list(ids) or [""],
            purpose=purpose,
            team=team,
        )


def team_members(team):
    """Users who sit in the team's meetings: active members with a case-work role."""
    from django.contrib.auth import get_user_model

    roles = roles_with(Cap.VIEW_CASE_DATA)
    ids = Membership.objects.filter(team=team, active=True, role__in=roles).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


def _check_chair(team, chair) -> None:
    if chair is not None and not team_members(team).filter(pk=chair.pk).exists():
        raise MeetingError(
            "De voorzitter van het overleg moet lid zijn van dit team.",
            {"chair": "Kies een lid van dit team."},
        )


def _recorded(overleg: Overleg) -> bool:
    return any(d.recorded for d in overleg.discussions.all())


@transaction.atomic
def plan_meeting(
    team,
    *,
    actor,
    starts_at: datetime,
    duration_minutes: int = 120,
    location: str = "",
    chair=None,
    notes: str = "",
    request=None,
) -> Overleg:
    _may_plan(actor, team)
    _check_chair(team, chair)
    overleg = Overleg.objects.create(
        team=team,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location.strip(),
        chair=chair,
        notes=notes.strip(),
        created_by=actor,
    )
    _log(request, Action.CREATE, "overleg", [overleg.pk], "overleg plannen", team)
    return overleg


@transaction.atomic
def plan_series(
    team,
    *,
    actor,
    count: int,
    at_time: time,
    duration_minutes: int = 120,
    location: str = "",
    chair=None,
    after=None,
    request=None,
) -> list[Overleg]:
    """Plan the next `count` meetings on the team's cadence (spec §2.4)."""
    from .selectors import last_meeting_day

    _may_plan(actor, team)
    if not 1 <= count <= MAX_SERIES:
        raise MeetingError(
            f"Plan 1 tot {MAX_SERIES} overleggen tegelijk.",
            {"count": f"Kies een aantal van 1 tot {MAX_SERIES}."},
        )
    _check_chair(team, chair)
    after = after or timezone.localdate()
    days = rules.cadence_dates(last_meeting_day(team), team.meeting_cadence_days, after, count)
    tz = timezone.get_current_timezone()
    meetings = [
        Overleg.objects.create(
            team=team,
            starts_at=timezone.make_aware(datetime.combine(day, at_time), tz),
            duration_minutes=duration_minutes,
            location=location.strip(),
            chair=chair,
            created_by=actor,
        )
        for day in days
    ]
    _log(request, Action.CREATE, "overleg", [m.pk for m in meetings], "overleggen plannen", team)
    return meetings


MEETING_FIELDS = ("starts_at", "duration_minutes", "location", "chair", "notes", "status")


@transaction.atomic
def update_meeting(overleg: Overleg, *, actor, request=None, **changes) -> Overleg:
    """Change time, place, chair, notes or status. Held needs the day to have come; a meeting
    with recorded discussions cannot be cancelled or set back to planned."""
    _may_plan(actor, overleg.team)
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise MeetingError(f"Onbekende velden: {', '.join(sorted(unknown))}.")
    overleg = Overleg.objects.select_for_update().get(pk=overleg.pk)
    if "chair" in changes:
        _check_chair(overleg.team, changes["chair"])
    for name, value in changes.items():
        setattr(overleg, name, value.strip() if isinstance(value, str) else value)
    recorded = _recorded(overleg)
    if overleg.status == MeetingStatus.GEHOUDEN and overleg.local_date > timezone.localdate():
        raise MeetingError(
            "Een overleg dat nog moet komen kan niet als gehouden worden vastgelegd.",
            {"status": "Dit overleg is nog niet geweest."},
        )
    if overleg.status != MeetingStatus.GEHOUDEN and recorded:
        raise MeetingError(
            "Van dit overleg zijn al besprekingen vastgelegd; het blijft 'gehouden'.",
            {"status": "Er zijn al besprekingen vastgelegd."},
        )
    overleg.save()
    overleg.discussions.filter(discussed_at__isnull=False).update(discussed_at=overleg.starts_at)
    _log(request, Action.UPDATE, "overleg", [overleg.pk], "overleg wijzigen", overleg.team)
    return overleg


def agenda_problem_for_case(casus) -> str:
    """Why `casus` cannot go on any agenda now, or ''."""
    if casus.is_draft or casus.state not in ACTIVE_STATES:
        return (
            "Alleen casussen die het team in behandeling heeft, kunnen op de agenda "
            f"(deze casus is '{casus.get_state_display()}')."
        )
    return ""


def agenda_problem(overleg: Overleg, casus) -> str:
    """Why `casus` cannot go on this agenda, or ''."""
    if overleg.status == MeetingStatus.GEANNULEERD:
        return "Dit overleg is geannuleerd; zet de casus op een ander overleg."
    if casus.team_id != overleg.team_id:
        return "Alleen casussen van het eigen team kunnen op de agenda."
    if agenda_problem_for_case(casus):
        return agenda_problem_for_case(casus)
    if overleg.discussions.filter(casus=casus).exists():
        return "Deze casus staat al op de agenda van dit overleg."
    return ""


@transaction.atomic
def add_to_agenda(overleg: Overleg, casus, *, actor, question: str = "", request=None):
    _may_plan(actor, overleg.team)
    problem = agenda_problem(overleg, casus)
    if problem:
        raise MeetingError(problem, {"casus": problem})
    last = overleg.discussions.aggregate(m=Max("order"))["m"]
    discussion = Casusbespreking.objects.create(
        overleg=overleg,
        casus=casus,
        order=(last or 0) + 1,
        question=question.strip(),
        added_by=actor,
    )
    _log(request, Action.CREATE, "casus", [casus.pk], "casus agenderen", overleg.team)
    return discussion


@transaction.atomic
def update_question(discussion: Casusbespreking, *, actor, question: str, request=None):
    _may_plan(actor, discussion.overleg.team)
    discussion.question = question.strip()
    discussion.save(update_fields=["question"])
    _log(
        request, Action.UPDATE, "casus", [discussion.casus_id], "agenda wijzigen", _team(discussion)
    )
    return discussion


def _team(discussion):
    return discussion.overleg.team


@transaction.atomic
def remove_from_agenda(discussion: Casusbespreking, *, actor, request=None) -> None:
    _may_plan(actor, _team(discussion))
    if discussion.recorded:
        raise MeetingError(
            "Van deze bespreking is al iets vastgelegd; die blijft op de agenda staan."
        )
    team, casus_id = _team(discussion), discussion.casus_id
    discussion.delete()
    _log(request, Action.DELETE, "casus", [casus_id], "casus van de agenda halen", team)


@transaction.atomic
def move_agenda_item(discussion: Casusbespreking, *, actor, up: bool, request=None) -> None:
    """Swap the item with its neighbour above (up) or below; numbers the agenda 1..n."""
    _may_plan(actor, _team(discussion))
    items = list(discussion.overleg.discussions.order_by("order", "pk"))
    index = next(i for i, d in enumerate(items) if d.pk == discussion.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for number, item in enumerate(items, start=1):
        if item.order != number:
            Casusbespreking.objects.filter(pk=item.pk).update(order=number)
    _log(
        request,
        Action.UPDATE,
        "overleg",
        [discussion.overleg_id],
        "agenda ordenen",
        _team(discussion),
    )


def _may_record(overleg: Overleg) -> None:
    if overleg.status == MeetingStatus.GEANNULEERD:
        raise MeetingError("Dit overleg is geannuleerd; er valt niets vast te leggen.")
    if overleg.local_date > timezone.localdate():
        raise MeetingError(
            "Dit overleg moet nog plaatsvinden. Leg deelname en verslag vast op of na "
            f"{overleg.local_date:%d-%m-%Y}."
        )


@transaction.atomic
def record_attendance(overleg: Overleg, statuses: dict, *, actor, request=None) -> None:
    """statuses: user (or user id) -> AttendanceStatus; members not named are left as they are."""
    _may_write(actor, overleg.team)
    _may_record(overleg)
    members = {u.pk: u for u in team_members(overleg.team)}
    for who, status in statuses.items():
        user_id = getattr(who, "pk", who)
        if user_id not in members:
            raise MeetingError(
                "Aanwezigheid gaat alleen over leden van dit team.",
                {"user": "Deze persoon is geen lid van dit team."},
            )
        if status not in AttendanceStatus.values:
            raise MeetingError("Onbekende aanwezigheid.", {"status": "Kies een geldige waarde."})
        Aanwezigheid.objects.update_or_create(
            overleg=overleg, user_id=user_id, defaults={"status": status}
        )
    _log(request, Action.UPDATE, "overleg", [overleg.pk], "aanwezigheid vastleggen", overleg.team)


@transaction.atomic
def add_guest(
    overleg: Overleg,
    *,
    actor,
    name: str,
    organisation: str = "",
    function: str = "",
    kind: str = GuestKind.GAST,
    discussion: Casusbespreking | None = None,
    request=None,
) -> Gast:
    _may_write(actor, overleg.team)
    if overleg.status == MeetingStatus.GEANNULEERD:
        raise MeetingError("Dit overleg is geannuleerd.")
    if not (name or "").strip():
        raise MeetingError("Vul de naam van de gast in.", {"name": "Vul de naam in."})
    if discussion is not None and discussion.overleg_id != overleg.pk:
        raise MeetingError(
            "Deze bespreking hoort niet bij dit overleg.",
            {"discussion": "Kies een casus van deze agenda."},
        )
    guest = Gast.objects.create(
        overleg=overleg,
        name=name.strip(),
        organisation=organisation.strip(),
        function=function.strip(),
        kind=kind,
        discussion=discussion,
    )
    _log(request, Action.CREATE, "overleg", [overleg.pk], "gast toevoegen", overleg.team)
    return guest


@transaction.atomic
def remove_guest(guest: Gast, *, actor, request=None) -> None:
    overleg = guest.overleg
    _may_write(actor, overleg.team)
    guest.delete()
    _log(request, Action.DELETE, "overleg", [overleg.pk], "gast verwijderen", overleg.team)


DISCUSSION_FIELDS = (
    "participation",
    "spokesperson_name",
    "spokesperson_relation",
    "absence_reason",
    "minutes_part1",
    "minutes_part2",
    "what_helped",
    "could_be_better",
    "family_view",
)
EVALUATION_FIELDS = ("what_helped", "could_be_better", "family_view")


def current_values(discussion: Casusbespreking) -> dict[str, str]:
    return {name: getattr(discussion, name) or "" for name in DISCUSSION_FIELDS}


@transaction.atomic
def record_discussion(discussion: Casusbespreking, *, actor, request=None, **values):
    """Participation, two-part minutes and process evaluation of one case discussion.

    Fields not given keep their value. Raises MeetingError with `problems` when the
    participation policy of the team is not met (rules.discussion_problems).
    """
    overleg = discussion.overleg
    _may_write(actor, overleg.team)
    unknown = set(values) - set(DISCUSSION_FIELDS)
    if unknown:
        raise MeetingError(f"Onbekende velden: {', '.join(sorted(unknown))}.")
    data = {**current_values(discussion), **{k: (v or "").strip() for k, v in values.items()}}
    if data["participation"] != Participation.WOORDVOERDER:
        data["spokesperson_name"] = data["spokesperson_relation"] = ""
    if data["participation"] != Participation.AFWEZIG:
        data["absence_reason"] = ""
    problems = rules.discussion_problems(required=overleg.team.participation_required, **data)
    if problems:
        raise MeetingError(next(iter(problems.values())), problems)
    if any(data.values()):
        _may_record(overleg)
    now = timezone.now()
    before = current_values(discussion)
    for name, value in data.items():
        setattr(discussion, name, value)
    if data["minutes_part1"] or data["minutes_part2"]:
        if discussion.minutes_recorded_at is None or any(
            before[f] != data[f] for f in ("minutes_part1", "minutes_part2")
        ):
            discussion.minutes_recorded_at = now
            discussion.recorded_by = actor
    else:
        discussion.minutes_recorded_at = None
    if any(before[f] != data[f] for f in EVALUATION_FIELDS):
        filled = any(data[f] for f in EVALUATION_FIELDS)
        discussion.evaluated_at = now if filled else None
        discussion.evaluated_by = actor if filled else None
    discussion.discussed_at = overleg.starts_at if data["participation"] else None
    discussion.save()
    if data["participation"] and overleg.status == MeetingStatus.GEPLAND:
        Overleg.objects.filter(pk=overleg.pk).update(status=MeetingStatus.GEHOUDEN)
        overleg.status = MeetingStatus.GEHOUDEN
    _log(
        request,
        Action.UPDATE,
        "casus",
        [discussion.casus_id],
        "bespreking vastleggen",
        overleg.team,
    )
    return discussion


def default_start(day, team) -> datetime:
    """The usual start time of the team's meetings on `day` (that of the last one, or 09:30)."""
    last = Overleg.objects.filter(team=team).exclude(status=MeetingStatus.GEANNULEERD).last()
    at = timezone.localtime(last.starts_at).time() if last else time(9, 30)
    return timezone.make_aware(datetime.combine(day, at), timezone.get_current_timezone())
