"""All writes of the overleg module. Views and API call these; nothing else writes.

Every change is logged (NEN 7513): a case discussion with subject type "casus" (the case is the
data subject), meeting-level changes (planning, attendance, guests) with subject type "overleg".

When is a case "discussed"? `Casusbespreking.discussed_at` is set to the meeting's start as soon
as participation is recorded for it (recording requires the meeting to have taken place: its day
is today or earlier and it is not cancelled). Recording the first discussion also marks a
planned meeting as held. Moving a held meeting moves `discussed_at` along.

Refusals are the shared family (passend.core.refusals): NotAllowed without the capability,
StateConflict when the meeting or the case does not allow it now (a case whose consent is
withdrawn or lapsed goes on no agenda and gets no minutes), InvalidInput on the fields.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap
from passend.analytics.services import refresh_case, refresh_cases
from passend.audit.models import Action
from passend.audit.services import log_access
from passend.cases.codes import ACTIVE_STATES
from passend.cases.workflow import case_work_refusal, require_consent_for_case_work
from passend.core.refusals import InvalidInput, NotAllowed, StateConflict

from . import rules
from .codes import AttendanceStatus, GuestKind, MeetingStatus, Participation
from .models import Aanwezigheid, Casusbespreking, Gast, Overleg
from .selectors import last_meeting_day, team_members

MAX_SERIES = 26
EARLIEST_MEETING = date(2000, 1, 1)
YEARS_AHEAD = 5  # a meeting further ahead than this is a typing error


def may_plan(actor, team) -> bool:
    return actor is not None and has_capability(actor, Cap.PLAN_MEETINGS, team)


def may_write(actor, team) -> bool:
    return actor is not None and has_capability(actor, Cap.WRITE_MINUTES, team)


def check_may_plan(team, *, actor) -> None:
    """NotAllowed unless `actor` plans this team's meetings (the voorzitter)."""
    if not may_plan(actor, team):
        raise NotAllowed(_("Alleen de voorzitter plant overleggen en de agenda."))


def check_may_write(team, *, actor) -> None:
    """NotAllowed unless `actor` records the course of this team's meetings."""
    if not may_write(actor, team):
        raise NotAllowed(
            _("Alleen notulist, voorzitter en teamleden leggen het verloop van een overleg vast.")
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


def _check_chair(team, chair) -> None:
    if chair is not None and not team_members(team).filter(pk=chair.pk).exists():
        raise InvalidInput(
            _("De voorzitter van het overleg moet lid zijn van dit team."),
            errors={"chair": _("Kies een lid van dit team.")},
        )


def check_start(starts_at: datetime, *, field: str = "starts_at") -> None:
    """A meeting day the domain can have: not before 2000, at most five years ahead."""
    day = timezone.localdate(starts_at)
    latest = timezone.localdate() + timedelta(days=365 * YEARS_AHEAD)
    if not EARLIEST_MEETING <= day <= latest:
        raise InvalidInput(
            errors={
                field: _("Kies een datum tussen %(first)s en %(last)s.")
                % {"first": f"{EARLIEST_MEETING:%d-%m-%Y}", "last": f"{latest:%d-%m-%Y}"}
            }
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
    check_may_plan(team, actor=actor)
    check_start(starts_at)
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
    check_may_plan(team, actor=actor)
    if not 1 <= count <= MAX_SERIES:
        raise InvalidInput(
            _("Plan 1 tot %(max)d overleggen tegelijk.") % {"max": MAX_SERIES},
            errors={"count": _("Kies een aantal van 1 tot %(max)d.") % {"max": MAX_SERIES}},
        )
    _check_chair(team, chair)
    after = after or timezone.localdate()
    days = rules.cadence_dates(last_meeting_day(team), team.meeting_cadence_days, after, count)
    tz = timezone.get_current_timezone()
    starts = [timezone.make_aware(datetime.combine(day, at_time), tz) for day in days]
    check_start(starts[-1], field="count")
    meetings = [
        Overleg.objects.create(
            team=team,
            starts_at=start,
            duration_minutes=duration_minutes,
            location=location.strip(),
            chair=chair,
            created_by=actor,
        )
        for start in starts
    ]
    _log(request, Action.CREATE, "overleg", [m.pk for m in meetings], "overleggen plannen", team)
    return meetings


MEETING_FIELDS = ("starts_at", "duration_minutes", "location", "chair", "notes", "status")


def _unknown(given, known) -> None:
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise InvalidInput(errors={name: _("Onbekend veld.") for name in unknown})


@transaction.atomic
def update_meeting(overleg: Overleg, *, actor, request=None, **changes) -> Overleg:
    """Change time, place, chair, notes or status. Held needs the day to have come; a meeting
    with recorded discussions cannot be cancelled or set back to planned."""
    check_may_plan(overleg.team, actor=actor)
    _unknown(changes, MEETING_FIELDS)
    overleg = Overleg.objects.select_for_update().get(pk=overleg.pk)
    if "starts_at" in changes:
        check_start(changes["starts_at"])
    if "chair" in changes:
        _check_chair(overleg.team, changes["chair"])
    if "status" in changes and changes["status"] not in MeetingStatus.values:
        raise InvalidInput(errors={"status": _("Kies een geldige status.")})
    for name, value in changes.items():
        setattr(overleg, name, value.strip() if isinstance(value, str) else value)
    recorded = _recorded(overleg)
    if overleg.status == MeetingStatus.GEHOUDEN and overleg.local_date > timezone.localdate():
        raise InvalidInput(
            _("Een overleg dat nog moet komen kan niet als gehouden worden vastgelegd."),
            errors={"status": _("Dit overleg is nog niet geweest.")},
        )
    if overleg.status != MeetingStatus.GEHOUDEN and recorded:
        raise InvalidInput(
            _("Van dit overleg zijn al besprekingen vastgelegd; het blijft 'gehouden'."),
            errors={"status": _("Er zijn al besprekingen vastgelegd.")},
        )
    overleg.save()
    overleg.discussions.filter(discussed_at__isnull=False).update(discussed_at=overleg.starts_at)
    _log(request, Action.UPDATE, "overleg", [overleg.pk], "overleg wijzigen", overleg.team)
    refresh_cases(overleg.discussions.values("casus"))
    return overleg


def agenda_problem_for_case(casus) -> str:
    """Why `casus` cannot go on any agenda now, or '': the team is not working on it, or the
    consent its young person's age requires is missing (spec §2.1: no meetings without it)."""
    if casus.is_draft or casus.state not in ACTIVE_STATES:
        return _(
            "Alleen casussen die het team in behandeling heeft, kunnen op de agenda "
            "(deze casus is '%(state)s')."
        ) % {"state": casus.get_state_display()}
    return case_work_refusal(casus) or ""


def check_agenda(overleg: Overleg, casus) -> None:
    """Refuse putting `casus` on this agenda: another team's case is bad input (400); a
    cancelled meeting, a case the team cannot work on now or a double entry is a state
    conflict (409)."""
    if casus.team_id != overleg.team_id:
        raise InvalidInput(
            errors={"casus": _("Alleen casussen van het eigen team kunnen op de agenda.")}
        )
    if overleg.status == MeetingStatus.GEANNULEERD:
        raise StateConflict(_("Dit overleg is geannuleerd; zet de casus op een ander overleg."))
    problem = agenda_problem_for_case(casus)
    if problem:
        raise StateConflict(problem)
    if overleg.discussions.filter(casus=casus).exists():
        raise StateConflict(_("Deze casus staat al op de agenda van dit overleg."))


@transaction.atomic
def add_to_agenda(overleg: Overleg, *, casus, actor, question: str = "", request=None):
    check_may_plan(overleg.team, actor=actor)
    check_agenda(overleg, casus)
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


def _team(discussion):
    return discussion.overleg.team


@transaction.atomic
def update_question(discussion: Casusbespreking, *, actor, question: str, request=None):
    check_may_plan(_team(discussion), actor=actor)
    require_consent_for_case_work(discussion.casus)
    discussion.question = question.strip()
    discussion.save(update_fields=["question"])
    _log(
        request, Action.UPDATE, "casus", [discussion.casus_id], "agenda wijzigen", _team(discussion)
    )
    return discussion


@transaction.atomic
def remove_from_agenda(discussion: Casusbespreking, *, actor, request=None) -> None:
    check_may_plan(_team(discussion), actor=actor)
    if discussion.recorded:
        raise StateConflict(
            _("Van deze bespreking is al iets vastgelegd; die blijft op de agenda staan.")
        )
    team, casus_id = _team(discussion), discussion.casus_id
    discussion.delete()
    _log(request, Action.DELETE, "casus", [casus_id], "casus van de agenda halen", team)


@transaction.atomic
def move_agenda_item(discussion: Casusbespreking, *, actor, up: bool, request=None) -> None:
    """Swap the item with its neighbour above (up) or below; numbers the agenda 1..n."""
    check_may_plan(_team(discussion), actor=actor)
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


def recording_refusal(overleg: Overleg) -> str:
    """Why nothing can be recorded for this meeting yet (or any more), or ''."""
    if overleg.status == MeetingStatus.GEANNULEERD:
        return _("Dit overleg is geannuleerd; er valt niets vast te leggen.")
    if overleg.local_date > timezone.localdate():
        return _(
            "Dit overleg moet nog plaatsvinden. Leg deelname en verslag vast op of na %(day)s."
        ) % {"day": f"{overleg.local_date:%d-%m-%Y}"}
    return ""


def _may_record(overleg: Overleg) -> None:
    refusal = recording_refusal(overleg)
    if refusal:
        raise StateConflict(refusal)


@transaction.atomic
def record_attendance(overleg: Overleg, *, actor, statuses: dict, request=None) -> None:
    """statuses: user (or user id) -> AttendanceStatus; members not named are left as they are.
    Only active case-work members of the team count."""
    check_may_write(overleg.team, actor=actor)
    _may_record(overleg)
    members = {u.pk: u for u in team_members(overleg.team)}
    for who, status in statuses.items():
        user_id = getattr(who, "pk", who)
        if user_id not in members:
            raise InvalidInput(
                _("Aanwezigheid gaat alleen over leden van dit team."),
                errors={"user": _("Deze persoon is geen lid van dit team.")},
            )
        if status not in AttendanceStatus.values:
            raise InvalidInput(errors={"status": _("Kies een geldige aanwezigheid.")})
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
    """A guest or on-call expert; one at a case's discussion hears about the case, so that
    needs the consent case work needs."""
    check_may_write(overleg.team, actor=actor)
    if overleg.status == MeetingStatus.GEANNULEERD:
        raise StateConflict(_("Dit overleg is geannuleerd."))
    if not (name or "").strip():
        raise InvalidInput(errors={"name": _("Vul de naam van de gast in.")})
    if kind not in GuestKind.values:
        raise InvalidInput(errors={"kind": _("Kies gast of oproepbare expert.")})
    if discussion is not None:
        if discussion.overleg_id != overleg.pk:
            raise InvalidInput(
                _("Deze bespreking hoort niet bij dit overleg."),
                errors={"discussion": _("Kies een casus van deze agenda.")},
            )
        require_consent_for_case_work(discussion.casus)
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
    check_may_write(overleg.team, actor=actor)
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

    Fields not given keep their value. Refused (409) while the case lacks the consent case
    work needs; InvalidInput on the fields when the participation policy of the team is not
    met (rules.discussion_problems).
    """
    overleg = discussion.overleg
    check_may_write(overleg.team, actor=actor)
    _unknown(values, DISCUSSION_FIELDS)
    require_consent_for_case_work(discussion.casus)
    data = {**current_values(discussion), **{k: (v or "").strip() for k, v in values.items()}}
    if data["participation"] != Participation.WOORDVOERDER:
        data["spokesperson_name"] = data["spokesperson_relation"] = ""
    if data["participation"] != Participation.AFWEZIG:
        data["absence_reason"] = ""
    problems = rules.discussion_problems(required=overleg.team.participation_required, **data)
    if problems:
        raise InvalidInput(next(iter(problems.values())), errors=problems)
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
    refresh_case(discussion.casus)
    return discussion


@transaction.atomic
def update_discussion(
    discussion: Casusbespreking, *, actor, question: str | None = None, request=None, **values
):
    """One change of an agenda item: its question (who plans) and/or its record (who writes
    minutes), all of it or nothing."""
    team = _team(discussion)
    if question is None and not values and not (may_plan(actor, team) or may_write(actor, team)):
        check_may_write(team, actor=actor)
    if question is not None:
        update_question(discussion, actor=actor, question=question, request=request)
    if values:
        record_discussion(discussion, actor=actor, request=request, **values)
    return discussion


def default_start(day, team) -> datetime:
    """The usual start time of the team's meetings on `day` (that of the last one, or 09:30)."""
    last = Overleg.objects.filter(team=team).exclude(status=MeetingStatus.GEANNULEERD).last()
    at = timezone.localtime(last.starts_at).time() if last else time(9, 30)
    return timezone.make_aware(datetime.combine(day, at), timezone.get_current_timezone())
