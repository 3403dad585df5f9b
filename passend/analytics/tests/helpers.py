"""Test helpers: row dumps of the analytics record and an independent computation of what it
should hold, written here from the case records (not with ``analytics.record``)."""

import datetime as dt
import zoneinfo

import time_machine
from django.forms.models import model_to_dict

from passend.accounts.roles import Role
from passend.advice.models import Advies, Opvolging, Toelichtingsverzoek
from passend.analytics.models import CasusFeit, FeitCode, GebeurtenisFeit
from passend.cases import services as cases
from passend.cases.models import Casus, LifeDomain, Ouder, RegistrationReason, Sector
from passend.meetings.models import Casusbespreking
from passend.procesregie.models import Escalatie

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
DAY0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=AMS)
IGNORED = {"id", "key", "updated_at"}
LADDER = ["casusregisseur", "procesregisseur", "expertteam", "bovenregionaal", "cce", "landelijk"]


def at(days: int, hour: int = 10):
    """Travel to DAY0 + days at the given hour (Amsterdam), standing still."""
    moment = (DAY0 + dt.timedelta(days=days)).replace(hour=hour)
    return time_machine.travel(moment, tick=False)


def local(moment) -> dt.date:
    return moment.astimezone(AMS).date()


def fact_dump(fact: CasusFeit) -> dict:
    """One fact with its codes and events, as plain values (ids, keys and stamps left out)."""
    row = {
        f.attname: getattr(fact, f.attname)
        for f in CasusFeit._meta.concrete_fields
        if f.name not in IGNORED
    }
    firsts = [
        d
        for d in (row["days_to_advice"], row["days_to_fitting_place"], row["days_to_closure"])
        if d is not None
    ]
    row["days_to_clarity"] = min(firsts) if firsts else None
    row["codes"] = sorted(FeitCode.objects.filter(feit=fact).values_list("dimension", "code"))
    row["events"] = sorted(
        tuple(
            sorted((k, v) for k, v in model_to_dict(e).items() if k not in {"id", "feit", "team"})
        )
        for e in GebeurtenisFeit.objects.filter(feit=fact)
    )
    return row


def all_dumps() -> list[dict]:
    """Every fact of the record, linked or not, in a stable order."""
    dumps = [fact_dump(f) for f in CasusFeit.objects.all()]
    return sorted(dumps, key=lambda d: (d["casus_id"] or 0, str(d["unlinked_at"])))


def _days(start, day):
    return None if day is None else max((day - start).days, 0)


def expected_dump(casus) -> dict:
    """What the record must hold for `casus`, computed here from its records."""
    casus.refresh_from_db()
    registered = local(casus.registered_at)
    born = casus.birth_date
    age = None
    if born is not None:
        age = registered.year - born.year
        if (registered.month, registered.day) < (born.month, born.day):
            age -= 1
    group = ""
    if age is not None:
        group = next(
            label
            for top, label in ((3, "0-3"), (11, "4-11"), (15, "12-15"), (17, "16-17"), (999, "18+"))
            if age <= top
        )
    history = sorted(casus.transitions.all(), key=lambda t: (t.at, t.pk))
    screened = [local(t.at) for t in history if t.from_state == "in_screening"][:1]
    closings = [local(t.at) for t in history if t.to_state == "afgesloten"]
    talks = sorted(
        (d for d in Casusbespreking.objects.filter(casus=casus) if d.discussed_at),
        key=lambda d: (d.discussed_at, d.pk),
    )
    talks = [d for d in talks if d.overleg.status != "geannuleerd"]
    sent = sorted(
        (a for a in Advies.objects.filter(casus=casus) if a.sent_at),
        key=lambda a: (a.sent_at, a.pk),
    )
    done = sorted(
        (o for o in Opvolging.objects.filter(advies__casus=casus) if o.done_on),
        key=lambda o: (o.done_on, o.pk),
    )
    ups = sorted(Escalatie.objects.filter(casus=casus), key=lambda e: (e.escalated_on, e.pk))
    first_talk = local(talks[0].discussed_at) if talks else None
    first_sent = local(sent[0].sent_at) if sent else None
    last = sent[-1] if sent else None
    closed_on = closings[-1] if casus.state == "afgesloten" and closings else None
    place = casus.fitting_place_on
    row = {
        "casus_id": casus.pk,
        "team_id": casus.team_id,
        "gemeente_id": casus.gemeente_id,
        "wijk_id": casus.wijk_id,
        "registered_on": registered,
        "age_years": age,
        "age_group": group,
        "referrer_type": casus.referrer_type,
        "aanmelder_organisation_id": casus.aanmelder_organisation_id,
        "self_registration": casus.self_registration,
        "legal_framework": casus.legal_framework,
        "urgency": casus.urgency,
        "living_situation": casus.living_situation,
        "learning_consent": any(
            c.scope_learning and c.withdrawn_on is None for c in casus.consents.all()
        ),
        "state": casus.state,
        "screening_outcome": casus.screening_outcome,
        "screened_on": screened[0] if screened else None,
        "consultation_type": casus.consultation_type,
        "first_discussed_on": first_talk,
        "discussions": len(talks),
        "advice_sent_on": first_sent,
        "advice_status": last.status if last else "",
        "implementation_status": last.implementation_status if last else "",
        "follow_ups_done": len(done),
        "clarification_requests": Toelichtingsverzoek.objects.filter(advies__casus=casus).count(),
        "short_term_solution": bool(last and last.short_term_solution),
        "escalation_level": max((LADDER.index(e.to_level) + 1 for e in ups), default=None),
        "reopenings": len([t for t in history if t.to_state == "heropend"]),
        "closed_on": closed_on,
        "closure_outcome": casus.closure_outcome,
        "fitting_place_on": place,
        "living_situation_at_closure": casus.living_situation_at_closure,
        "placement_route": casus.placement_route,
        "days_to_screening": _days(registered, screened[0] if screened else None),
        "days_to_first_discussion": _days(registered, first_talk),
        "days_to_advice": _days(registered, first_sent),
        "days_to_fitting_place": _days(registered, place),
        "days_advice_to_fitting_place": (place - first_sent).days
        if place and first_sent and place >= first_sent
        else None,
        "days_to_closure": _days(registered, closed_on),
        "unlinked_at": None,
    }
    firsts = [
        d
        for d in (row["days_to_advice"], row["days_to_fitting_place"], row["days_to_closure"])
        if d is not None
    ]
    row["days_to_clarity"] = min(firsts) if firsts else None
    row["codes"] = sorted(
        [("reden", r.code) for r in casus.reasons.all()]
        + [("sector", s.code) for s in casus.sectors.all()]
        + [("leefgebied", d.code) for d in casus.life_domains.all()]
    )

    def event(kind, seq, on, frm="", to="", code="", level=None):
        values = {
            "kind": kind,
            "seq": seq,
            "occurred_on": on,
            "day": _days(registered, on),
            "from_state": frm,
            "to_state": to,
            "code": code,
            "level": level,
        }
        return tuple(sorted(values.items()))

    events = [
        event("transition", i, local(t.at), t.from_state, t.to_state) for i, t in enumerate(history)
    ]
    events += [
        event("discussion", i, local(d.discussed_at), code=d.participation)
        for i, d in enumerate(talks)
    ]
    events += [event("advice_sent", i, local(a.sent_at), code=a.status) for i, a in enumerate(sent)]
    events += [
        event("follow_up", i, o.done_on, code=o.implementation_status) for i, o in enumerate(done)
    ]
    events += [
        event(
            "closure",
            i,
            on,
            code=casus.closure_outcome if closed_on and i == len(closings) - 1 else "",
        )
        for i, on in enumerate(closings)
    ]
    events += [
        event("escalation", i, e.escalated_on, code=e.to_level, level=LADDER.index(e.to_level) + 1)
        for i, e in enumerate(ups)
    ]
    row["events"] = sorted(events)
    return row


def stored_dump(casus) -> dict:
    return fact_dump(CasusFeit.objects.get(casus=casus))


def registered(tenancy, **fields):
    """A draft with codes, sent through the services: the first fact row."""
    team, u = tenancy.a.team, tenancy.a.users
    region = team.region
    casus = Casus(
        team=team,
        first_name="Noor",
        last_name="Fictief-Reis",
        birth_date=dt.date(2012, 5, 17),
        gemeente=team.gemeenten.first(),
        referrer_type="01",
        urgency="hoog",
        living_situation="thuis",
        youth_informed=True,
        parents_informed=True,
        **fields,
    )
    ouder = Ouder(first_name="Ilse", last_name="Fictief-Reis", relation="moeder", has_gezag=True)
    cases.register(
        casus,
        actor=u[Role.AANMELDER],
        parents=[ouder],
        reasons=RegistrationReason.objects.filter(region=region, code="thuiszitten"),
        life_domains=LifeDomain.objects.filter(region=region)[:2],
        submit=False,
    )
    assert not CasusFeit.objects.filter(casus=casus).exists()  # a draft has no fact
    casus.sectors.set(Sector.objects.filter(region=region, code__in=["ggz", "onderwijs"]))
    cases.submit_registration(casus, actor=u[Role.AANMELDER])
    return casus
