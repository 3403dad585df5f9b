"""Synthetic team meetings (overleggen) with agendas, participation, minutes and evaluations.

``populate_meetings(team, cases, rng, today)`` plans the team's meetings every
``team.meeting_cadence_days`` over the past ~12 months until ~6 weeks ahead, with attendance of
the team's members and now and then a guest or an on-call expert. Each case the team took on is
discussed at 1–3 meetings after its in_behandeling transition (the first one before its advice,
when there is one), with varied participation of the young person and parents, short two-part
minutes and a process evaluation. Upcoming meetings get a planned agenda. The minutes of the most
recent meetings are partly still to be written, as in real life.

Demo data construction only: rows are written directly (checked against the same participation
rule as the services) and dated by the cases' transitions. Deterministic for a ``random.Random``;
does nothing when the team already has meetings.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from passend.accounts.models import Membership
from passend.accounts.roles import Role
from passend.cases.codes import ACTIVE_STATES, CaseState
from passend.meetings.codes import AttendanceStatus, GuestKind, MeetingStatus, Participation
from passend.meetings.models import Aanwezigheid, Casusbespreking, Gast, Overleg
from passend.meetings.rules import participation_problems
from passend.meetings.selectors import team_members

from . import case_data as D

S = CaseState
STATES = {S.IN_BEHANDELING, S.ADVIES_UITGEBRACHT, S.FOLLOW_UP, S.AFGESLOTEN, S.HEROPEND}
LOCATIONS = ["Gemeentehuis, vergaderzaal De Duinen", "online (beeldbellen)", "Kantoor expertteam"]
PARTICIPATION = {
    Participation.AANWEZIG: 44,
    Participation.DEELS_AANWEZIG: 22,
    Participation.APART_GESPREK: 9,
    Participation.WOORDVOERDER: 12,
    Participation.AFWEZIG: 13,
}
RELATIONS = ["tante", "oom", "oma", "opa", "mentor op school", "buurvrouw", "oudere zus",
             "trainer van de voetbalclub", "jongerenwerker", "ervaringsdeskundige"]  # fmt: skip
ABSENCE = [
    "{name} wilde niet in een grote groep praten; vooraf apart gesproken met de casushouder.",
    "Moeder was ziek; de vragen van het gezin zijn vooraf schriftelijk meegegeven.",
    "{name} was opgenomen en kon niet komen; de wens is telefonisch opgehaald.",
    "Ouders zagen er tegenop; de gezinsvoogd bracht hun standpunt in.",
    "Het overleg viel onder schooltijd tijdens examens; nieuwe afspraak gepland.",
]
QUESTIONS = [
    "Welke plek past bij {name} nu thuis wonen niet meer lukt?",
    "Hoe overbruggen we de wachttijd voor de specialistische behandeling?",
    "Wie pakt de regie nu er drie organisaties betrokken zijn?",
    "Is verblijf nodig, of kan het met intensieve ambulante hulp thuis?",
    "Hoe regelen we de overgang naar 18+ zonder gat in de hulp?",
    "Wat is nodig zodat {name} weer naar school kan?",
]
PART1 = [
    "{name} vertelt dat {pronoun} vooral rust wil en een plek waar niet steeds iemand anders "
    "komt. De vraag achter de vraag: niet nog een keer opnieuw beginnen.",
    "Ouders willen dat {name} thuis kan blijven wonen, met hulp die ook 's avonds bereikbaar "
    "is. {name} wil weer naar school en zijn of haar vrienden zien.",
    "{name} wil zelf meebeslissen. Het gezin vraagt om één vast aanspreekpunt in plaats van "
    "wisselende hulpverleners.",
    "Het gezin is moe van de wachtlijsten. De wens: snel iets dat helpt, ook als het tijdelijk "
    "is. {name} wil niet naar een groep met veel jongeren.",
]
PART2 = [
    "Het team ziet een patroon van drie keer dezelfde ambulante hulp zonder resultaat. Advies: "
    "gespecialiseerde begeleiding via maatwerk, met een kortetermijnoplossing tot de start.",
    "Afweging tussen gezinshuis en intensieve thuisbehandeling; het team kiest voor thuis met "
    "een plan B als het binnen drie maanden niet lukt.",
    "De GGZ-expert en de LVB-expert zien de vraag anders; besloten om eerst diagnostiek af te "
    "ronden en de school direct te betrekken.",
    "Financiering is de knoop: het team schakelt de gemeente en de zorgverzekeraar samen in en "
    "legt vast wie betaalt tijdens de overbrugging.",
]
HELPED = [
    "{name} vertelde zelf wat er speelt; daardoor werd de vraag helder.",
    "De korte lijnen met school en wijkteam aan tafel.",
    "Goede voorbereiding door de casushouder.",
    "De woordvoerder kende het gezin goed en bracht hun wens scherp in.",
]
BETTER = [
    "Minder mensen aan tafel; het was veel voor het gezin.",
    "Eerder de zorgaanbieder uitnodigen.",
    "Het tweede deel liep uit; strakker voorzitten.",
    "De stukken kwamen te laat bij de teamleden.",
]
FAMILY = [
    "Ouders voelden zich gehoord en weten nu wat er gaat gebeuren.",
    "{name} vond het spannend maar fijn dat er naar hem of haar geluisterd werd.",
    "Het gezin is voorzichtig positief; eerst zien dan geloven.",
    "Moeder had graag eerder gehoord wie er aan tafel zouden zitten.",
]
GUESTS = [
    ("kinder- en jeugdpsychiater", "Zandloper Jeugd-GGZ Duinland", GuestKind.EXPERT),
    ("jurist jeugdrecht", "Juridisch Loket", GuestKind.EXPERT),
    ("orthopedagoog LVB", "Stichting Heidebroek LVB-zorg", GuestKind.EXPERT),
    ("zorgcoördinator", "Samenwerkingsverband VO Duinland", GuestKind.GAST),
    ("beleidsmedewerker jeugd", "Gemeente", GuestKind.GAST),
    ("gezinsvoogd", "Gecertificeerde instelling Kust", GuestKind.GAST),
]


def _person(rng: random.Random) -> str:
    sex = rng.choice("vm")
    surname = rng.choice(D.SURNAME_HEADS) + rng.choice(D.SURNAME_TAILS)
    return f"{rng.choice(D.FIRST_NAMES_ADULTS[sex])} {surname}"


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _meeting_days(team, today: dt.date) -> list[dt.date]:
    cadence = team.meeting_cadence_days
    first = today - dt.timedelta(days=365)
    first += dt.timedelta(days=(1 - first.weekday()) % 7)  # a Tuesday
    days, day = [], first
    while day <= today + dt.timedelta(days=42):
        days.append(_weekday(day))
        day += dt.timedelta(days=cadence)
    return days


def _plan(team, rng, today, chairs) -> list[Overleg]:
    tz = timezone.get_current_timezone()
    meetings = []
    for day in _meeting_days(team, today):
        past = day < today
        status = MeetingStatus.GEHOUDEN if past else MeetingStatus.GEPLAND
        if past and rng.random() < 0.04:
            status = MeetingStatus.GEANNULEERD
        starts = dt.datetime.combine(day, dt.time(13, 30), tz)
        meetings.append(
            Overleg(
                team=team,
                starts_at=starts,
                duration_minutes=rng.choice([120, 150, 150, 180]),
                location=rng.choice(LOCATIONS),
                chair=rng.choice(chairs) if chairs else None,
                status=status,
                notes="",
                created_by=chairs[0] if chairs else None,
                created_at=starts - dt.timedelta(days=rng.randint(14, 60)),
            )
        )
    return Overleg.objects.bulk_create(meetings)


def _fill(text: str, casus) -> str:
    pronoun = {"v": "ze", "m": "hij"}.get(casus.gender, "die")
    return text.format(name=casus.first_name, pronoun=pronoun)


def _record(item: Casusbespreking, casus, rng, required: bool, writers, now) -> None:
    participation = rng.choices(list(PARTICIPATION), weights=list(PARTICIPATION.values()))[0]
    item.participation = participation
    if participation == Participation.WOORDVOERDER:
        item.spokesperson_name = _person(rng)
        item.spokesperson_relation = rng.choice(RELATIONS)
    if participation == Participation.AFWEZIG:
        item.absence_reason = _fill(rng.choice(ABSENCE), casus)
    assert not participation_problems(
        participation,
        item.absence_reason,
        item.spokesperson_name,
        item.spokesperson_relation,
        required,
    )
    start = item.overleg.starts_at
    item.discussed_at = start
    item.minutes_part1 = _fill(rng.choice(PART1), casus)
    item.minutes_part2 = _fill(rng.choice(PART2), casus)
    item.minutes_recorded_at = min(start + dt.timedelta(days=rng.randint(0, 3), hours=3), now)
    item.recorded_by = rng.choice(writers) if writers else None
    if rng.random() < 0.8:
        item.what_helped = _fill(rng.choice(HELPED), casus)
        item.could_be_better = rng.choice(BETTER)
        item.family_view = _fill(rng.choice(FAMILY), casus)
        item.evaluated_at = item.minutes_recorded_at
        item.evaluated_by = item.recorded_by


def _case_meetings(casus, held, rng) -> list[Overleg]:
    transitions = sorted(casus.transitions.all(), key=lambda t: (t.at, t.pk))
    entry = next((t for t in transitions if t.to_state == S.IN_BEHANDELING), None)
    if entry is None:
        return []
    advice = next(
        (t for t in transitions if t.to_state == S.ADVIES_UITGEBRACHT and t.at > entry.at), None
    )
    closing = [t for t in transitions if t.to_state == S.AFGESLOTEN]
    end = closing[-1].at if casus.state == S.AFGESLOTEN and closing else None
    after = [m for m in held if m.starts_at > entry.at and (end is None or m.starts_at < end)]
    if not after:
        return []
    first_options = after[:3]
    if advice is not None:
        first_options = [m for m in first_options if m.starts_at < advice.at] or [
            m for m in after if m.starts_at < advice.at
        ][:1]
        if not first_options:
            return []
    first = rng.choice(first_options)
    later = [m for m in after if m.starts_at > first.starts_at][:8]
    count = rng.choices([0, 1, 2], weights=[45, 35, 20])[0]
    return [first, *sorted(rng.sample(later, min(count, len(later))), key=lambda m: m.starts_at)]


def populate_meetings(team, cases, rng: random.Random, today: dt.date) -> int:
    """Meetings of `team` with agendas for `cases`; returns the number of meetings created."""
    if Overleg.objects.filter(team=team).exists():
        return 0
    members = list(team_members(team).order_by("pk"))
    roles = {}
    for m in Membership.objects.filter(team=team, active=True, user__in=members):
        roles.setdefault(m.role, []).append(m.user)
    chairs = roles.get(Role.VOORZITTER) or members
    writers = roles.get(Role.NOTULIST, []) + chairs or members
    meetings = _plan(team, rng, today, chairs)
    held = [m for m in meetings if m.status == MeetingStatus.GEHOUDEN]
    upcoming = [m for m in meetings if m.status == MeetingStatus.GEPLAND]
    now = timezone.now()
    recent = {m.pk for m in held[-2:]}
    orders: dict[int, int] = {}
    items: list[Casusbespreking] = []

    def add(overleg, casus):
        orders[overleg.pk] = orders.get(overleg.pk, 0) + 1
        item = Casusbespreking(
            overleg=overleg,
            casus=casus,
            order=orders[overleg.pk],
            question=_fill(rng.choice(QUESTIONS), casus),
            added_by=overleg.chair,
            created_at=overleg.starts_at - dt.timedelta(days=rng.randint(3, 12)),
        )
        items.append(item)
        return item

    for casus in cases:
        if casus.state not in STATES or casus.team_id != team.pk:
            continue
        for overleg in _case_meetings(casus, held, rng):
            item = add(overleg, casus)
            _record(item, casus, rng, team.participation_required, writers, now)
            if overleg.pk in recent and rng.random() < 0.35:  # minutes still to be written
                item.minutes_part1 = item.minutes_part2 = ""
                item.minutes_recorded_at = item.evaluated_at = None
                item.what_helped = item.could_be_better = item.family_view = ""
                item.recorded_by = item.evaluated_by = None
        if casus.state in ACTIVE_STATES and upcoming and rng.random() < 0.45:
            add(rng.choice(upcoming[:3]), casus)
    Casusbespreking.objects.bulk_create(items)

    attendance, guests = [], []
    weights = {
        AttendanceStatus.AANWEZIG: 82,
        AttendanceStatus.AFGEMELD: 14,
        AttendanceStatus.AFWEZIG: 4,
    }
    by_meeting: dict[int, list[Casusbespreking]] = {}
    for item in items:
        by_meeting.setdefault(item.overleg_id, []).append(item)
    for overleg in held:
        for user in members:
            status = rng.choices(list(weights), weights=list(weights.values()))[0]
            attendance.append(
                Aanwezigheid(
                    overleg=overleg, user=user, status=status, recorded_at=overleg.starts_at
                )
            )
        if rng.random() < 0.25:
            function, organisation, kind = rng.choice(GUESTS)
            agenda = by_meeting.get(overleg.pk, [])
            guests.append(
                Gast(
                    overleg=overleg,
                    name=_person(rng),
                    organisation=organisation,
                    function=function,
                    kind=kind,
                    discussion=rng.choice(agenda) if agenda and rng.random() < 0.7 else None,
                    added_at=overleg.starts_at,
                )
            )
    Aanwezigheid.objects.bulk_create(attendance)
    Gast.objects.bulk_create(guests)
    return len(meetings)
