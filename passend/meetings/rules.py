"""Pure rules of the overleg module: the participation policy and the meeting cadence.

"Zonder jeugdige en ouders geen overleg, tenzij": when a team requires participation, a case
discussion without the young person and parents needs a recorded reason; "afwezig (met
reden)" needs its reason whatever the policy. A spokesperson (the
person closest to and trusted by the young person) needs a name and a relation. Forms, API and
services all use these functions, so the rule is the same everywhere.
"""

from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from .codes import Participation

REQUIRED_REASON = _(
    "Dit team bespreekt geen casus zonder jeugdige en ouders, tenzij er een reden is. "
    "Leg vast waarom zij er niet bij waren."
)
REASON_NEEDED = _(
    "U koos 'afwezig (met reden)'. Leg vast waarom jeugdige en ouders er niet bij waren, of "
    "kies een andere vorm van deelname."
)
SPOKESPERSON_NAME = _("Vul de naam van de woordvoerder in.")
SPOKESPERSON_RELATION = _(
    "Vul in wie de woordvoerder is voor de jeugdige, bijvoorbeeld tante of mentor op school."
)
UNKNOWN = _("Kies een geldige vorm van deelname.")
PARTICIPATION_FIRST = _(
    "Leg eerst de deelname van jeugdige en ouders vast; daarna kunt u het verslag opslaan."
)


def _filled(value) -> bool:
    return bool((value or "").strip())


def participation_problems(
    participation: str,
    absence_reason: str | None,
    spokesperson_name: str | None,
    spokesperson_relation: str | None,
    required: bool,
) -> dict[str, str]:
    """Field -> Dutch message for a participation record that breaks the policy.

    Blank participation means "not recorded yet" and is not a problem in itself.
    """
    if not participation:
        return {}
    if participation not in Participation.values:
        return {"participation": UNKNOWN}
    problems = {}
    if participation == Participation.WOORDVOERDER:
        if not _filled(spokesperson_name):
            problems["spokesperson_name"] = SPOKESPERSON_NAME
        if not _filled(spokesperson_relation):
            problems["spokesperson_relation"] = SPOKESPERSON_RELATION
    # "afwezig (met reden)" always needs its reason; the team's policy only adds why.
    if participation == Participation.AFWEZIG and not _filled(absence_reason):
        problems["absence_reason"] = REQUIRED_REASON if required else REASON_NEEDED
    return problems


def minutes_problems(participation: str, *texts: str | None) -> dict[str, str]:
    """Minutes and evaluation can only be saved once participation is recorded."""
    if any(_filled(t) for t in texts) and not participation:
        return {"participation": PARTICIPATION_FIRST}
    return {}


def discussion_problems(
    *,
    participation: str,
    absence_reason: str | None,
    spokesperson_name: str | None,
    spokesperson_relation: str | None,
    required: bool,
    minutes_part1: str | None = "",
    minutes_part2: str | None = "",
    what_helped: str | None = "",
    could_be_better: str | None = "",
    family_view: str | None = "",
) -> dict[str, str]:
    """All problems of one discussion record (participation policy, then minutes)."""
    problems = minutes_problems(
        participation, minutes_part1, minutes_part2, what_helped, could_be_better, family_view
    )
    problems.update(
        participation_problems(
            participation, absence_reason, spokesperson_name, spokesperson_relation, required
        )
    )
    return problems


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _rhythm_day(last: date | None, cadence: int, after: date) -> date:
    if last is None:
        return _weekday(after + timedelta(days=1))
    candidate = last + timedelta(days=cadence)
    if candidate <= after:
        steps = (after - candidate).days // cadence + 1
        candidate += timedelta(days=steps * cadence)
    return candidate


def suggest_next(last: date | None, cadence_days: int, after: date) -> date:
    """The next meeting day after `after`, keeping the rhythm of the last meeting.

    Without a previous meeting: the first working day after `after`. A day in the weekend
    moves to the Monday after it (the rhythm itself stays anchored to `last`).
    """
    return _weekday(_rhythm_day(last, max(1, cadence_days), after))


def cadence_dates(last: date | None, cadence_days: int, after: date, count: int) -> list[date]:
    """`count` meeting days on the cadence, the first one after `after`."""
    cadence = max(1, cadence_days)
    first = _rhythm_day(last, cadence, after)
    return [_weekday(first + timedelta(days=i * cadence)) for i in range(count)]
