"""What the analytics record of one case holds: the pure computation from the case records.

``compute(casus)`` reads the case, its status history, its meeting discussions, its advice
(versions sent, follow-ups, clarification requests) and its escalations, and returns the fact
row's values, its multi-valued codes and its events. It writes nothing; the services
(``passend.analytics.services.refresh_case``) store the result, changing only what differs.

Only codes, the municipality and wijk, the team and the referring organisation (ids), the age
in years and its group at registration, dates and day counts leave this module: never a name,
BSN, birth date, address or free text. The birth date is decrypted here only to compute the age
at registration.

Definitions (spec §2.8):

* dates are local dates; every ``days_*`` field counts days since the registration (never
  negative); ``days_advice_to_fitting_place`` counts from the first advice sent and is empty
  when the fitting place came first; ``days_to_clarity`` is the first of advice sent, fitting
  place reached and closure ("snelle hulp": clarity within half a year, S2:959);
* ``screened_on``: the first step out of 'in screening' (the screening decision);
* discussions: those with participation recorded (``discussed_at``) in a meeting that was not
  cancelled; ``first_discussed_on`` the earliest;
* ``advice_sent_on``: the first advice sent; ``advice_status``, ``implementation_status`` and
  ``short_term_solution`` (whether it proposes one) from the last advice sent;
* ``follow_ups_done``: follow-ups recorded as done; ``clarification_requests``: every request;
* ``escalation_level``: the highest rung reached on the escalation ladder, 1 = casusregisseur
  … 6 = landelijk ondersteuningsteam (``procesregie.codes.Level``);
* ``learning_consent``: a consent including anonymised use for learning, not withdrawn;
* closure: ``closed_on`` the last closing while the case is closed; outcome, fitting place,
  living situation at closure and placement route as the case holds them (a reopening clears
  the outcome on the case, and so here).

Events, per kind in time order (``seq`` 0, 1, …): every status transition (from/to state),
every discussion (code: the participation), every advice sent (code: its status), every
follow-up done (code: the implementation status), every closing (code: the outcome, for the
current closing only) and every escalation (code: the level reached, level: its rung).
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.utils import timezone

from passend.cases.codes import CaseState
from passend.meetings.codes import MeetingStatus

from .models import Dimension, EventKind, age_group

S = CaseState

# The escalation ladder's rungs, 1-based (the order of procesregie.codes.Level).
LADDER = (
    "casusregisseur",
    "procesregisseur",
    "expertteam",
    "bovenregionaal",
    "cce",
    "landelijk",
)


def rung(level: str) -> int | None:
    return LADDER.index(level) + 1 if level in LADDER else None


def _day(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localdate(value)
    return value


def _since(start: dt.date, day: dt.date | None) -> int | None:
    return None if day is None else max((day - start).days, 0)


def age_at(birth_date: dt.date | None, on: dt.date) -> int | None:
    if birth_date is None or birth_date > on:
        return None
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - int(before_birthday)


def compute(casus) -> tuple[dict, set[tuple[str, str]], list[dict]]:
    """(fact values, {(dimension, code)}, [event values]) for a registered case."""
    Advies = apps.get_model("advice", "Advies")
    Opvolging = apps.get_model("advice", "Opvolging")
    Toelichtingsverzoek = apps.get_model("advice", "Toelichtingsverzoek")
    Casusbespreking = apps.get_model("meetings", "Casusbespreking")
    Escalatie = apps.get_model("procesregie", "Escalatie")

    registered_on = timezone.localdate(casus.registered_at)
    age = age_at(casus.birth_date, registered_on)

    transitions = list(
        casus.transitions.order_by("at", "id").values_list("from_state", "to_state", "at")
    )
    screened_on = next((_day(at) for frm, _to, at in transitions if frm == S.IN_SCREENING), None)
    closings = [_day(at) for _frm, to, at in transitions if to == S.AFGESLOTEN]
    reopenings = sum(1 for _frm, to, _at in transitions if to == S.HEROPEND)
    closed_on = closings[-1] if casus.state == S.AFGESLOTEN and closings else None

    discussions = list(
        Casusbespreking.objects.filter(casus=casus, discussed_at__isnull=False)
        .exclude(overleg__status=MeetingStatus.GEANNULEERD)
        .order_by("discussed_at", "id")
        .values_list("discussed_at", "participation")
    )
    first_discussed_on = _day(discussions[0][0]) if discussions else None

    sent = list(
        Advies.objects.filter(casus=casus, sent_at__isnull=False)
        .order_by("sent_at", "id")
        .only("sent_at", "status", "implementation_status", "short_term_solution")
    )
    advice_sent_on = _day(sent[0].sent_at) if sent else None
    last_sent = sent[-1] if sent else None

    follow_ups = list(
        Opvolging.objects.filter(advies__casus=casus, done_on__isnull=False)
        .order_by("done_on", "id")
        .values_list("done_on", "implementation_status")
    )
    clarifications = Toelichtingsverzoek.objects.filter(advies__casus=casus).count()
    escalations = list(
        Escalatie.objects.filter(casus=casus)
        .order_by("escalated_on", "id")
        .values_list("escalated_on", "to_level")
    )
    rungs = [r for r in (rung(level) for _on, level in escalations) if r is not None]

    fitting_place_on = casus.fitting_place_on
    days_advice_to_place = None
    if fitting_place_on and advice_sent_on and fitting_place_on >= advice_sent_on:
        days_advice_to_place = (fitting_place_on - advice_sent_on).days

    values = {
        "team_id": casus.team_id,
        "gemeente_id": casus.gemeente_id,
        "wijk_id": casus.wijk_id,
        "registered_on": registered_on,
        "age_years": age,
        "age_group": age_group(age),
        "referrer_type": casus.referrer_type,
        "aanmelder_organisation_id": casus.aanmelder_organisation_id,
        "self_registration": casus.self_registration,
        "legal_framework": casus.legal_framework,
        "urgency": casus.urgency,
        "living_situation": casus.living_situation or "",
        "learning_consent": casus.consents.filter(
            scope_learning=True, withdrawn_on__isnull=True
        ).exists(),
        "state": casus.state,
        "screening_outcome": casus.screening_outcome or "",
        "screened_on": screened_on,
        "consultation_type": casus.consultation_type or "",
        "first_discussed_on": first_discussed_on,
        "discussions": len(discussions),
        "advice_sent_on": advice_sent_on,
        "advice_status": last_sent.status if last_sent else "",
        "implementation_status": (last_sent.implementation_status or "") if last_sent else "",
        "follow_ups_done": len(follow_ups),
        "clarification_requests": clarifications,
        "short_term_solution": bool(last_sent and (last_sent.short_term_solution or "").strip()),
        "escalation_level": max(rungs) if rungs else None,
        "reopenings": reopenings,
        "closed_on": closed_on,
        "closure_outcome": casus.closure_outcome or "",
        "fitting_place_on": fitting_place_on,
        "living_situation_at_closure": casus.living_situation_at_closure or "",
        "placement_route": casus.placement_route or "",
        "days_to_screening": _since(registered_on, screened_on),
        "days_to_first_discussion": _since(registered_on, first_discussed_on),
        "days_to_advice": _since(registered_on, advice_sent_on),
        "days_to_fitting_place": _since(registered_on, fitting_place_on),
        "days_advice_to_fitting_place": days_advice_to_place,
        "days_to_closure": _since(registered_on, closed_on),
    }
    clarity = [values[f] for f in ("days_to_advice", "days_to_fitting_place", "days_to_closure")]
    values["days_to_clarity"] = min((d for d in clarity if d is not None), default=None)

    codes = {(Dimension.REDEN.value, c) for c in casus.reasons.values_list("code", flat=True)}
    codes |= {(Dimension.SECTOR.value, c) for c in casus.sectors.values_list("code", flat=True)}
    codes |= {
        (Dimension.LEEFGEBIED.value, c) for c in casus.life_domains.values_list("code", flat=True)
    }

    events: list[dict] = []

    def add(kind: str, items) -> None:
        for seq, item in enumerate(items):
            on = item["occurred_on"]
            events.append(
                {
                    "kind": kind,
                    "seq": seq,
                    "occurred_on": on,
                    "day": _since(registered_on, on),
                    "from_state": item.get("from_state", ""),
                    "to_state": item.get("to_state", ""),
                    "code": item.get("code", "") or "",
                    "level": item.get("level"),
                }
            )

    add(
        EventKind.TRANSITION,
        [
            {"occurred_on": _day(at), "from_state": frm, "to_state": to}
            for frm, to, at in transitions
        ],
    )
    add(
        EventKind.DISCUSSION,
        [{"occurred_on": _day(at), "code": participation} for at, participation in discussions],
    )
    add(
        EventKind.ADVICE_SENT,
        [{"occurred_on": _day(a.sent_at), "code": a.status} for a in sent],
    )
    add(
        EventKind.FOLLOW_UP,
        [{"occurred_on": on, "code": status} for on, status in follow_ups],
    )
    add(
        EventKind.CLOSURE,
        [
            {
                "occurred_on": on,
                "code": casus.closure_outcome
                if closed_on is not None and index == len(closings) - 1
                else "",
            }
            for index, on in enumerate(closings)
        ],
    )
    add(
        EventKind.ESCALATION,
        [{"occurred_on": on, "code": level, "level": rung(level)} for on, level in escalations],
    )
    return values, codes, events
