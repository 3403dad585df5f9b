"""The advice letter (PDF) in plain Dutch (B1), to the young person, parents and referrer.

WeasyPrint is imported lazily, as in passend.cases.pdf: the app keeps running without Pango.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from passend.core.pdf import render_pdf
from passend.socialmap.picker import offer_details

from . import rules
from .codes import AdviesStatus

TEMPLATE = "advice/letter_pdf.html"

STATUS_EXPLAINED = {
    AdviesStatus.ZWAARWEGEND: (
        "Dit advies is zwaarwegend. Dat betekent: wij verwachten dat iedereen het advies "
        "opvolgt. Er gemotiveerd van afwijken mag: wie iets anders doet, legt uit waarom."
    ),
    AdviesStatus.BINDEND: (
        "Dit advies is bindend. Dat betekent: de gemeenten en zorgaanbieders in de regio hebben "
        "afgesproken dat zij dit advies uitvoeren. Wie het advies krijgt, volgt het op."
    ),
}


# One form of address per letter, chosen by its recipients: a letter to the family says
# "jullie" (or "je" to one person of the family), a letter to the referrer alone says "u".
# Only these sentences address the reader; the rest of the letter is written without.
ADDRESS = {
    "jullie": {
        "together": "Het expertteam heeft samen met jullie gekeken wat er nodig is.",
        "next": "De verwijzer bespreekt het advies met jullie en zorgt dat het wordt uitgevoerd.",
        "ask": "Dan kunnen jullie ons om uitleg vragen. Dat heet een vraag om toelichting. "
        "Vraag het aan de verwijzer, of neem zelf contact op met het expertteam",
    },
    "je": {
        "together": "Het expertteam heeft samen met jou gekeken wat er nodig is.",
        "next": "De verwijzer bespreekt het advies met je en zorgt dat het wordt uitgevoerd.",
        "ask": "Dan kun je ons om uitleg vragen. Dat heet een vraag om toelichting. Vraag "
        "het aan de verwijzer, of neem zelf contact op met het expertteam",
    },
    "u": {
        "together": "Het expertteam heeft samen met u gekeken wat er nodig is.",
        "next": "U bespreekt het advies met de jeugdige en de ouders en zorgt dat het wordt "
        "uitgevoerd.",
        "ask": "Dan kunt u ons om uitleg vragen. Dat heet een vraag om toelichting. Neem "
        "contact op met het expertteam",
    },
}


def form_of_address(advies, parents: list[str]) -> str:
    """'jullie', 'je' or 'u' (see ADDRESS): the family when the letter goes to them, else
    the referrer."""
    family = int(advies.to_young_person) + (max(len(parents), 1) if advies.to_parents else 0)
    if family == 0 and advies.to_referrer:
        return "u"
    return "je" if family == 1 else "jullie"


def _dmy(value: dt.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _name(first: str | None, last: str | None) -> str:
    return " ".join(p for p in (first, last) if p)


def letter_sections(advies) -> list[dict]:
    """The advice in the order of the letter, plain-language headings; empty parts left out."""
    parts = [
        ("Wat wij adviseren", advies.most_fitting_care),
        ("Wat eerst, en hoe snel", advies.order_and_speed),
        ("Hoe komt de hulp er", advies.routes),
        ("Tot de hulp begint", advies.bridging_waiting_time),
        ("Hulp die erbij komt of daarna volgt", advies.complementary_care),
        ("Op de lange termijn", advies.long_term_perspective),
    ]
    return [{"title": title, "text": text.strip()} for title, text in parts if (text or "").strip()]


def letter_context(advies, *, on: dt.date | None = None) -> dict:
    """Everything the letter needs, as plain values (encrypted fields read once)."""
    casus, team = advies.casus, advies.casus.team
    # Waiting times are those known now (or on the given day), judged by the team's setting.
    waiting_on = on or timezone.localdate()
    on = on or (timezone.localdate(advies.sent_at) if advies.sent_at else timezone.localdate())
    parents = [_name(o.first_name, o.last_name) for o in casus.ouders.order_by("id")]
    referrer = ""
    if casus.aanmelder_id:
        referrer = str(casus.aanmelder)
        if casus.aanmelder_organisation_id:
            referrer += f" ({casus.aanmelder_organisation})"
    address = form_of_address(advies, parents)
    addressees, copy_to, greeting = [], [], []
    if advies.to_young_person:
        addressees.append(_name(casus.first_name, casus.last_name))
        greeting.append(casus.first_name)
    if advies.to_parents:
        addressees += parents or ["de ouders of verzorgers"]
        greeting.append("ouders" if len(parents) != 1 else parents[0])
    if advies.to_referrer and referrer:
        if address == "u":
            addressees.append(referrer)
            greeting.append(str(casus.aanmelder))
        else:  # the letter is written to the family; the referrer gets a copy
            copy_to.append(referrer)
    scenarios = [
        {"label": label, "text": text.strip()}
        for label, text in (
            ("Plan A", advies.scenario_a),
            ("Plan B", advies.scenario_b),
            ("Plan C", advies.scenario_c),
        )
        if (text or "").strip()
    ]
    short_term = None
    if (advies.short_term_solution or "").strip():
        end = advies.short_term_end_date
        short_term = {
            "text": advies.short_term_solution.strip(),
            "start": _dmy(advies.short_term_start_date),
            "end": _dmy(end),
            "reminder": _dmy(rules.short_term_reminder_on(end)) if end else "",
        }
    follow_up = advies.opvolgingen.filter(done_on__isnull=True).order_by("due_on").first()
    if follow_up is None and advies.sent_at is None:
        follow_up_on = rules.follow_up_due(on, team.follow_up_months)
    else:
        follow_up_on = follow_up.due_on if follow_up else None
    return {
        "draft": advies.sent_at is None,
        "team_name": team.name,
        "team_email": team.email,
        "reference": casus.reference,
        "version": advies.version,
        "letter_date": _dmy(on),
        "young_person": _name(casus.first_name, casus.last_name),
        "young_first_name": casus.first_name,
        "parents": parents,
        "referrer": referrer,
        "addressees": addressees,
        "copy_to": copy_to,
        "greeting": "Beste " + ", beste ".join(greeting) if greeting else "Beste lezer",
        "address": ADDRESS[address],
        "sections": letter_sections(advies),
        "scenarios": scenarios,
        "short_term": short_term,
        "financing": {
            "who_pays": (advies.financing_who_pays or "").strip(),
            "contract": (advies.financing_contract or "").strip(),
            "double_indication": advies.double_indication,
            "double_indication_note": (advies.double_indication_note or "").strip(),
        },
        "providers": [str(o) for o in advies.candidate_providers.order_by("name")],
        "offers": offer_details(
            advies.chosen_offers.select_related("organisation__profiel"), team, today=waiting_on
        ),
        "status": AdviesStatus(advies.status).label,
        "status_explained": STATUS_EXPLAINED[AdviesStatus(advies.status)],
        "follow_up_months": team.follow_up_months,
        "follow_up_on": _dmy(follow_up_on),
        "chair": str(advies.approved_by) if advies.approved_by_id else "",
    }


def render_letter(advies, *, on: dt.date | None = None) -> bytes:
    """The letter as PDF bytes. Raises PdfUnavailable when WeasyPrint cannot be loaded."""
    return render_pdf(TEMPLATE, letter_context(advies, on=on))
