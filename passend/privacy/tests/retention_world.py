"""A closed case with distinctive (synthetic) personal values in every place Passend keeps
them, and raw views of the database: what someone with a copy of the database would see."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from passend.advice.models import Advies, Opvolging, Toelichtingsverzoek
from passend.analysis.models import AnalyseStap, TijdlijnEpisode
from passend.analytics import services as analytics
from passend.analytics.models import CasusFeit, GebeurtenisFeit, age_group
from passend.cases import attachments
from passend.cases.codes import CaseState
from passend.cases.models import Casus, Statuswijziging
from passend.cases.tests.factories import CasusFactory, OuderFactory, ToestemmingFactory
from passend.cases.tests.files import PNG
from passend.meetings.models import Casusbespreking, Gast, Overleg
from passend.privacy.models import AvgVerzoek, AvgVerzoekSoort, AvgVerzoekStatus
from passend.procesregie.models import ToekomstplanRegel
from passend.procesregie.tests.factories import (
    ActieFactory,
    DoelFactory,
    EscalatieFactory,
    RegiegesprekFactory,
    ToekomstplanFactory,
)

# Every personal value of the case, each distinctive enough to be found by a raw scan.
SECRETS = {
    "first_name": "Wieteke",
    "last_name": "Vlinderbos",
    "bsn": "987654320",
    "address": "Merelhof 17, Duinwijk",
    "birth_date": "2009-04-23",
    "question": "Hulpvraag-Kwikstaart",
    "care_history": "Geschiedenis-Zeekraal",
    "reason_other": "Reden-Helmgras",
    "legal_basis": "Grondslag-Strandloper",
    "screening_reason": "Screening-Lepelaar",
    "redirected_to": "Doorverwezen-Tureluur",
    "youth_wish": "Wens-Scholekster",
    "youth_struggle": "Worsteling-Kluut",
    "family_wish": "Gezinswens-Bergeend",
    "placed_by": "Plaatser-Rietgors",
    "closure_reason": "Afsluiting-Blauwborst",
    "transition_reason": "Statusreden-Baardman",
    "avg_refusal": "Weigering-Kwakkelstein vroeg inzage tijdens de klacht",
    "parent_first": "Gerbrich",
    "parent_last": "Zandhaver",
    "parent_phone": "0699887766",
    "parent_email": "gerbrich.zandhaver@example.org",
    "parent_address": "Ouderpad 3, Duinwijk",
    "witness": "Getuige-Tapuit",
    "attachment_name": "Rapport-Grutto",
    "attachment_description": "Omschrijving-Wulp",
    "analysis": "Analyse-Roerdomp",
    "episode_provider": "Aanbieder-Bontbek",
    "episode_description": "Hulp-Kanoet",
    "episode_outcome": "Uitkomst-Drieteen",
    "discussion_question": "Overlegvraag-Zilverplevier",
    "minutes1": "Verslag1-Goudplevier",
    "minutes2": "Verslag2-Kievit",
    "spokesperson": "Woordvoerder-Grauwe",
    "spokesperson_relation": "Relatie-Oeverloper",
    "what_helped": "Hielp-Watersnip",
    "guest": "Gast-Houtsnip",
    "guest_function": "Functie-Regenwulp",
    "advice": "Advies-Rosse",
    "scenario": "Scenario-Zwarte",
    "clarification_q": "Toelichtingsvraag-Bonte",
    "clarification_a": "Toelichtingsantwoord-Krombek",
    "follow_up": "Opvolging-Steenloper",
    "goal": "Doel-Franjepoot",
    "action": "Actie-Griel",
    "action_owner": "Eigenaar-Kwartelkoning",
    "escalation": "Escalatie-Porselein",
    "regie": "Regie-Waterral",
    "dream": "Droom-Woudaap",
    "future_support": "Steun-Purperreiger",
}


def fernet_tokens() -> set[str]:
    """Every encrypted value in the database (Fernet tokens start with gAAAAA)."""
    return {value for value in all_values() if value.startswith("gAAAAA")}


def all_values(exclude=()) -> list[str]:
    """Every value of every row of every table, as text."""
    return [value for rows in table_dump(exclude).values() for row in rows for value in row]


def table_dump(exclude=()) -> dict[str, list[tuple[str, ...]]]:
    """Every table, every row, every column cast to text (sorted: comparable)."""
    dump = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            if table in exclude:
                continue
            cursor.execute(f'SELECT * FROM "{table}"')
            rows = [tuple("" if v is None else _text(v) for v in row) for row in cursor.fetchall()]
            dump[table] = sorted(rows)
    return dump


def _text(value) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", "replace")
    return str(value)


def database_bytes() -> bytes:
    """The SQLite database as it lies on disk: the file and its write-ahead log, or (the
    in-memory test database) its serialised image, free pages included."""
    name = str(connection.settings_dict["NAME"])
    path = Path(name)
    if not name.startswith("file:") and ":memory:" not in name and path.exists():
        wal = Path(f"{name}-wal")
        return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    connection.ensure_connection()
    return connection.connection.serialize()


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def build_closed_case(team, *, author, closed_on: dt.date) -> tuple[Casus, list[str]]:
    """A case registered, worked on and closed on `closed_on`, with SECRETS everywhere.
    Returns the case and the names of its attachment files in storage."""
    s = SECRETS
    at = _aware(closed_on)
    casus = CasusFactory(
        team=team,
        gemeente=team.gemeenten.order_by("pk").first(),  # required to send a registration
        aanmelder=author,
        registered_at=at - dt.timedelta(days=90),
        first_name=s["first_name"],
        last_name=s["last_name"],
        bsn=s["bsn"],
        address=s["address"],
        birth_date=dt.date.fromisoformat(s["birth_date"]),
        gender="v",
        question=s["question"],
        care_history=s["care_history"],
        reason_other=s["reason_other"],
        legal_basis_reason=s["legal_basis"],
        screening_outcome="geschikt",
        screening_reason=s["screening_reason"],
        redirected_to=s["redirected_to"],
        youth_wish=s["youth_wish"],
        youth_struggle=s["youth_struggle"],
        family_wish=s["family_wish"],
        placed_by=s["placed_by"],
        closure_outcome="passende_plek",
        closure_reason=s["closure_reason"],
    )
    ouder = OuderFactory(
        casus=casus,
        first_name=s["parent_first"],
        last_name=s["parent_last"],
        phone=s["parent_phone"],
        email=s["parent_email"],
        address=s["parent_address"],
    )
    ToestemmingFactory(casus=casus, ouder=ouder, given_on=closed_on - dt.timedelta(days=80))
    ToestemmingFactory(
        casus=casus,
        ouder=None,
        method="mondeling",
        witness=s["witness"],
        given_on=closed_on - dt.timedelta(days=80),
    )
    upload = SimpleUploadedFile(f"{s['attachment_name']}.png", PNG, content_type="image/png")
    bijlage = attachments.add(
        casus, file=upload, actor=author, description=s["attachment_description"]
    )
    AnalyseStap.objects.create(casus=casus, step=1, text=s["analysis"], author=author)
    TijdlijnEpisode.objects.create(
        casus=casus,
        provider_name=s["episode_provider"],
        description=s["episode_description"],
        outcome=s["episode_outcome"],
        start=closed_on - dt.timedelta(days=400),
    )
    overleg = Overleg.objects.create(team=team, starts_at=at - dt.timedelta(days=60))
    bespreking = Casusbespreking.objects.create(
        overleg=overleg,
        casus=casus,
        question=s["discussion_question"],
        participation="woordvoerder",
        spokesperson_name=s["spokesperson"],
        spokesperson_relation=s["spokesperson_relation"],
        minutes_part1=s["minutes1"],
        minutes_part2=s["minutes2"],
        minutes_recorded_at=at - dt.timedelta(days=60),
        what_helped=s["what_helped"],
        discussed_at=at - dt.timedelta(days=60),
    )
    Gast.objects.create(
        overleg=overleg, name=s["guest"], function=s["guest_function"], discussion=bespreking
    )
    advies = Advies.objects.create(
        casus=casus,
        status="zwaarwegend",
        most_fitting_care=s["advice"],
        scenario_a=s["scenario"],
        drafted_by=author,
        sent_at=at - dt.timedelta(days=50),
        implementation_status="volledig_gevolgd",
    )
    Toelichtingsverzoek.objects.create(
        advies=advies, party="ouder", question=s["clarification_q"], answer=s["clarification_a"]
    )
    Opvolging.objects.create(
        advies=advies,
        due_on=closed_on - dt.timedelta(days=5),
        done_on=closed_on - dt.timedelta(days=5),
        implementation_status="volledig_gevolgd",
        in_fitting_place=True,
        notes=s["follow_up"],
    )
    goal = DoelFactory(casus=casus, description=s["goal"])
    ActieFactory(casus=casus, goal=goal, description=s["action"], owner_name=s["action_owner"])
    EscalatieFactory(casus=casus, reason=s["escalation"], outcome=s["escalation"])
    RegiegesprekFactory(casus=casus, participants=s["regie"], besluitvorming=s["regie"])
    plan = ToekomstplanFactory(casus=casus, dream=s["dream"])
    ToekomstplanRegel.objects.create(
        toekomstplan=plan, domain="wonen", supporter=s["future_support"]
    )
    for to_state, when, reason in (
        ("aangemeld", casus.registered_at, "aanmelding"),
        ("in_behandeling", at - dt.timedelta(days=80), ""),
        (CaseState.AFGESLOTEN, at, s["transition_reason"]),
    ):
        Statuswijziging.objects.create(casus=casus, to_state=to_state, at=when, reason=reason)
    Casus.objects.filter(pk=casus.pk).update(state=CaseState.AFGESLOTEN)
    AvgVerzoek.objects.create(
        team=team,
        casus=casus,
        person="jeugdige",
        kind=AvgVerzoekSoort.WISSEN,
        status=AvgVerzoekStatus.GEWEIGERD,
        refusal_ground="rechtsvordering",
        refusal_explanation=s["avg_refusal"],
        handled_by=author,
    )
    casus.refresh_from_db()
    add_facts(casus)
    return casus, [bijlage.file.name]


def add_facts(casus) -> None:
    """The analytics record of the case: through the service where it exists (issue 12's
    analytics part), else a fact row made here."""
    refresh = getattr(analytics, "refresh_case", None)
    if refresh is not None:
        refresh(casus)
        return
    closed = casus.transitions.filter(to_state=casus.state).order_by("-at").first()
    age = 16
    feit = CasusFeit.objects.create(
        casus=casus,
        team=casus.team,
        gemeente=casus.gemeente,
        registered_on=timezone.localdate(casus.registered_at),
        age_years=age,
        age_group=age_group(age),
        referrer_type=casus.referrer_type,
        legal_framework=casus.legal_framework,
        urgency=casus.urgency,
        state=casus.state,
        closed_on=timezone.localdate(closed.at) if closed else None,
        closure_outcome=casus.closure_outcome,
    )
    if closed:
        GebeurtenisFeit.objects.create(
            feit=feit,
            team=feit.team,
            kind="closure",
            occurred_on=feit.closed_on,
            day=90,
            code="passende_plek",
        )
