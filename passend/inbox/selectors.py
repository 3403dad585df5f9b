"""The werkvoorraad (inbox) of one user in one team: what is waiting for them, from every module.

Scope: queues that belong to a role are team-wide for that role (screenings for the screener,
approvals for the voorzitter, minutes for who writes them). Case-bound signals (follow-ups,
short-term solutions ending, clarification requests, 16.5/17.5 alerts) show the cases the user
is involved in (procesregisseur, casushouder, expert, referrer, or drafter of the advice); the
voorzitter, who oversees the team, sees them for the whole team. Overdue actions are one's own.
Every read is scoped by ``accounts.permissions`` through the modules' selectors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from passend.accounts.permissions import capabilities, visible
from passend.accounts.roles import Cap
from passend.advice import selectors as advice
from passend.advice.models import Party
from passend.cases.codes import ACTIVE_STATES, CaseState
from passend.cases.models import Casus
from passend.cases.selectors import WAITING_FOR_SCREENING, _years_before
from passend.cases.workflow import case_work_refusal, consent_check
from passend.meetings import selectors as meetings
from passend.procesregie import selectors as procesregie

LIMIT = 50  # per section; the section says when there are more
SCREENING_DAYS = 14  # a registration waiting longer than this for screening needs attention


@dataclass(frozen=True)
class WorkItem:
    """One thing waiting. ``text`` is a (lazy) translatable message and ``params`` fill it:
    the title is made when it is read, in the language of the page or API response."""

    kind: str
    casus: Casus | None
    text: str
    due: dt.date | None
    url: str
    overdue: bool = False
    params: dict = field(default_factory=dict, compare=False)

    @property
    def title(self) -> str:
        return str(self.text) % self.params if self.params else str(self.text)


def _dmy(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


@dataclass
class Section:
    kind: str
    label: str
    items: list[WorkItem]
    more: bool = False


SECTION_LABELS = {
    "screening": _("Screenings die wachten"),
    "goedkeuring": _("Adviezen die wachten op goedkeuring"),
    "follow_up": _("Follow-ups die nu aan de beurt zijn"),
    "kortetermijn": _("Kortetermijnoplossingen die aflopen"),
    "toelichting": _("Open verzoeken om toelichting"),
    "acties": _("Mijn acties over de deadline"),
    "leeftijd": _("Signalen rond 16,5 en 17,5 jaar"),
    "verslag": _("Besprekingen zonder verslag"),
    "toestemming": _("Toestemming ingetrokken of verlopen"),
}


def involved(user, prefix: str = "") -> Q:
    """Cases the user works on (the path prefix leads from the queried model to the case)."""
    return (
        Q(**{f"{prefix}procesregisseur": user})
        | Q(**{f"{prefix}casushouder": user})
        | Q(**{f"{prefix}experts": user})
        | Q(**{f"{prefix}aanmelder": user})
    )


def _case_url(team, casus, name: str = "cases:detail") -> str:
    return reverse(name, kwargs={"team": team.slug, "pk": casus.pk})


def _section(kind: str, items: list[WorkItem]) -> Section:
    return Section(kind, SECTION_LABELS[kind], items[:LIMIT], more=len(items) > LIMIT)


def work_items(user, team, today: dt.date) -> list[Section]:
    """The user's werkvoorraad in ``team``; sections the user has no part in are left out."""
    caps = capabilities(user, team)
    if Cap.VIEW_CASE_DATA not in caps and Cap.VIEW_OWN_CASES not in caps:
        return []
    chair = Cap.APPROVE_ADVICE in caps
    sections = []
    if Cap.SCREEN_CASES in caps:
        waiting = (
            visible(user, Casus.objects.all(), Cap.VIEW_CASE_DATA)
            .filter(team=team, is_draft=False, state__in=WAITING_FOR_SCREENING)
            .order_by("registered_at", "id")[: LIMIT + 1]
        )
        sections.append(
            _section(
                "screening",
                [_screening_item(team, c, today) for c in waiting],
            )
        )
    consent = _consent_withdrawn(user, team, today, chair)
    if consent is not None:
        sections.append(consent)
    if chair:
        sections.append(
            _section(
                "goedkeuring",
                [
                    WorkItem(
                        "goedkeuring",
                        a.casus,
                        _("Advies versie %(version)s van %(author)s"),
                        None,
                        _case_url(team, a.casus, "advice:case"),
                        params={"version": a.version, "author": a.drafted_by or _("onbekend")},
                    )
                    for a in advice.awaiting_approval(user, team)[: LIMIT + 1]
                ],
            )
        )
    sections += _case_signals(user, team, today, chair)
    if Cap.WORK_ON_CASES in caps or Cap.DIRECT_PROCESS in caps:
        sections.append(
            _section(
                "acties",
                [
                    WorkItem(
                        "acties",
                        a.casus,
                        _("%(action)s (deadline %(date)s)"),
                        a.deadline,
                        _case_url(team, a.casus, "procesregie:case"),
                        overdue=True,
                        params={"action": a.description, "date": _dmy(a.deadline)},
                    )
                    for a in procesregie.overdue_actions(user, team, today)[: LIMIT + 1]
                ],
            )
        )
    if Cap.WRITE_MINUTES in caps:
        sections.append(
            _section(
                "verslag",
                [
                    WorkItem(
                        "verslag",
                        d.casus,
                        _("Overleg van %(date)s: verslag ontbreekt"),
                        d.overleg.starts_at.date(),
                        reverse(
                            "meetings:detail", kwargs={"team": team.slug, "meeting": d.overleg_id}
                        ),
                        overdue=True,
                        params={"date": _dmy(timezone.localdate(d.overleg.starts_at))},
                    )
                    for d in meetings.discussions_needing_minutes(user, team, today)[: LIMIT + 1]
                ],
            )
        )
    return sections


def _screening_item(team, casus, today: dt.date) -> WorkItem:
    """Waiting for screening; more than SCREENING_DAYS days since registration is overdue."""
    registered = timezone.localdate(casus.registered_at)
    return WorkItem(
        "screening",
        casus,
        _("%(state)s sinds %(date)s"),
        registered,
        _case_url(team, casus),
        overdue=(today - registered).days > SCREENING_DAYS,
        params={"state": CaseState(casus.state).label, "date": _dmy(registered)},
    )


def _consent_withdrawn(user, team, today: dt.date, chair: bool) -> Section | None:
    """Cases the team works on whose consent was withdrawn or lapsed (and no compulsory
    framework with a reason): no case work until new consent is recorded. For the voorzitter
    the whole team, for a casushouder their own cases; nobody else gets the section."""
    cases = visible(user, Casus.objects.all(), Cap.VIEW_CASE_DATA).filter(
        team=team, is_draft=False, state__in=ACTIVE_STATES
    )
    if not chair:
        cases = cases.filter(casushouder=user)
        if not cases.exists():
            return None
    items = []
    for casus in cases.prefetch_related("consents", "ouders").order_by("registered_at", "id"):
        if not case_work_refusal(casus, today):
            continue
        withdrawn = [c.withdrawn_on for c in casus.consents.all() if c.withdrawn_on]
        items.append(
            WorkItem(
                "toestemming",
                casus,
                consent_check(casus, today).message,
                max(withdrawn) if withdrawn else None,
                _case_url(team, casus),
                overdue=True,
            )
        )
    return _section("toestemming", items)


def _case_signals(user, team, today: dt.date, chair: bool) -> list[Section]:
    follow_ups = advice.follow_ups_due(user, team, today, within_days=7)
    ending = advice.short_term_solutions_ending(user, team, today)
    questions = advice.open_clarification_requests(user, team)
    if not chair:
        follow_ups = follow_ups.filter(
            involved(user, "advies__casus__") | Q(advies__drafted_by=user)
        )
        ending = ending.filter(involved(user, "casus__") | Q(drafted_by=user))
        questions = questions.filter(involved(user, "advies__casus__") | Q(advies__drafted_by=user))
    sections = [
        _section(
            "follow_up",
            [
                WorkItem(
                    "follow_up",
                    f.advies.casus,
                    _("Follow-up gepland op %(date)s"),
                    f.due_on,
                    _case_url(team, f.advies.casus, "advice:case"),
                    overdue=f.due_on < today,
                    params={"date": _dmy(f.due_on)},
                )
                for f in follow_ups.distinct()[: LIMIT + 1]
            ],
        ),
        _section(
            "kortetermijn",
            [
                WorkItem(
                    "kortetermijn",
                    a.casus,
                    _("Kortetermijnoplossing loopt af op %(date)s"),
                    a.short_term_end_date,
                    _case_url(team, a.casus, "advice:case"),
                    overdue=a.short_term_end_date < today,
                    params={"date": _dmy(a.short_term_end_date)},
                )
                for a in ending.distinct()[: LIMIT + 1]
            ],
        ),
        _section(
            "toelichting",
            [
                WorkItem(
                    "toelichting",
                    q.advies.casus,
                    _("Vraag van %(party)s van %(date)s"),
                    q.asked_at.date(),
                    _case_url(team, q.advies.casus, "advice:case"),
                    overdue=(today - q.asked_at.date()).days > 10,
                    params={
                        "party": Party(q.party).label,
                        "date": _dmy(timezone.localdate(q.asked_at)),
                    },
                )
                for q in questions.distinct()[: LIMIT + 1]
            ],
        ),
    ]
    sections.append(_section("leeftijd", _age_signals(user, team, today, chair)))
    return sections


def _age_signals(user, team, today: dt.date, chair: bool) -> list[WorkItem]:
    """16.5 without toekomstplan and 17.5+: only cases whose birth month can be in range are
    decrypted (birth_month is stored plain for this)."""
    earliest = _years_before(today, 18).replace(day=1)
    latest = _years_before(today, 16).replace(day=1)
    cases = visible(user, Casus.objects.all(), Cap.VIEW_CASE_DATA).filter(
        team=team,
        is_draft=False,
        state__in=ACTIVE_STATES,
        birth_month__gte=earliest,
        birth_month__lte=latest,
    )
    if not chair:
        cases = cases.filter(involved(user))
    cases = list(cases.distinct().order_by("birth_month", "id"))
    with_plan = procesregie.case_ids_with_toekomstplan([c.pk for c in cases])
    items = []
    for casus in cases:
        for _alert, since, message in procesregie.age_alerts_for(
            casus, today, has_plan=casus.pk in with_plan
        ):
            items.append(
                WorkItem(
                    "leeftijd",
                    casus,
                    message,
                    since,
                    _case_url(team, casus, "procesregie:case"),
                    overdue=True,
                )
            )
    return items


def count(sections: list[Section]) -> int:
    return sum(len(s.items) for s in sections)
