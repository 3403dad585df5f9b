"""A case with a distinctive synthetic value in every place the UI shows personal data, for
the AVG export tests. Every value is fictional."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from passend.advice.models import Advies, Opvolging
from passend.analysis.models import AnalyseStap, TijdlijnEpisode
from passend.cases.codes import CaseState
from passend.cases.models import Bijlage, Casus, Statuswijziging
from passend.cases.tests.factories import CasusFactory, OuderFactory, ToestemmingFactory
from passend.meetings.models import Casusbespreking, Overleg
from passend.procesregie.models import Actie, Doel, Escalatie, Regiegesprek, Toekomstplan

BIRTH_DATE = dt.date(2014, 2, 19)  # under 16: a parent with gezag gets the case

YOUNG_PERSON = {
    "first_name": "Quirijntje",
    "last_name": "Vandermeulen-Testfictief",
    "bsn": "111222333",
    "address": "Fictiefstraat 17, 9999 ZZ Nergenshuizen",
    "question": "Quirijntje wil weer naar basisschool De Fictieve Vlinder zonder buikpijn.",
    "care_history": "Eerder speltherapie bij Praktijk Zonnebloemfictief gehad.",
    "youth_wish": "Ik wil graag trompet leren spelen in de fanfare.",
    "youth_struggle": "Ik word gepest in de pauze op het schoolplein.",
    "family_wish": "Wij willen rust in huis en een school die past.",
}
PARENT = {
    "first_name": "Xandra",
    "last_name": "Opdebeeck-Fictief",
    "phone": "0612398745",
    "email": "xandra.fictief@example.org",
    "address": "Ouderlaan 5, 9998 YY Fictiefdorp",
}
OTHER_PARENT = {
    "first_name": "Yorick",
    "last_name": "Barendrecht-Fictief",
    "phone": "0687654321",
    "email": "yorick.fictief@example.net",
    "address": "Vaderweg 88, 9997 XX Elderswaard",
}
RECORDS = {
    "witness": "Wilhelmina Getuigefictief",
    "transition": "Statusreden: besproken met huisarts Ravenstein-Fictief.",
    "attachment": "schoolrapport-quirijntje-fictief.pdf",
    "attachment_description": "Rapport van basisschool De Fictieve Vlinder",
    "provider": "Praktijk Zonnebloemfictief Speltherapie",
    "episode_outcome": "Het hielp een halfjaar, daarna kwam de terugval.",
    "analysis": "Analysezin over de klasgenoten van Quirijntje en de pauzes.",
    "discussion_question": "Welke school past bij Quirijntje na de zomer?",
    "minutes1": "Verslagzin met gezin over de trompetles op woensdag.",
    "minutes2": "Besloten verslagzin over de schoolwisseling naar de Lesplek.",
    "spokesperson": "Oom Gerbrand Woordvoerderfictief",
    "advice": "Adviestekst: Kleinschalige Lesplek Fictief met begeleiding in de klas.",
    "scenario": "Plan B: thuisonderwijs met een fictieve ambulant begeleider.",
    "goal": "Doel: binnen drie maanden naar de Fictieve Lesplek.",
    "action": "Actie: gesprek met de leerplichtambtenaar over de Lesplek.",
    "action_owner": "Leerplicht Petronella Fictief",
    "escalation": "Escalatiereden: wachtlijst van de Fictieve Lesplek te lang.",
    "gesprek": "Deelnemers: Theodorus Regiefictief, moeder, jeugdige.",
    "dream": "Droom: trompettist worden in een fictieve fanfare.",
}


def seeded_case(team, *, actor, state=CaseState.ADVIES_UITGEBRACHT) -> Casus:
    casus = CasusFactory(team=team, birth_date=BIRTH_DATE, **YOUNG_PERSON)
    Casus.objects.filter(pk=casus.pk).update(state=state)
    casus.refresh_from_db()
    parent = OuderFactory(casus=casus, relation="moeder", has_gezag=True, **PARENT)
    other = OuderFactory(casus=casus, relation="vader", has_gezag=False, **OTHER_PARENT)
    ToestemmingFactory(casus=casus, ouder=parent, method="mondeling", witness=RECORDS["witness"])
    ToestemmingFactory(casus=casus, ouder=None)
    ToestemmingFactory(casus=casus, ouder=other)
    Statuswijziging.objects.create(
        casus=casus, from_state="aangemeld", to_state=state, reason=RECORDS["transition"]
    )
    Bijlage.objects.create(
        casus=casus,
        file="bijlagen/niet-aanwezig.bin",
        original_name=RECORDS["attachment"],
        description=RECORDS["attachment_description"],
        content_type="application/pdf",
        size=1234,
        uploaded_by=actor,
    )
    TijdlijnEpisode.objects.create(
        casus=casus,
        provider_name=RECORDS["provider"],
        start=dt.date(2021, 3, 1),
        end=dt.date(2021, 9, 1),
        outcome=RECORDS["episode_outcome"],
        created_by=actor,
    )
    AnalyseStap.objects.create(casus=casus, step=1, text=RECORDS["analysis"], author=actor)
    overleg = Overleg.objects.create(
        team=team, starts_at=timezone.now() - dt.timedelta(days=3), chair=actor, status="gehouden"
    )
    Casusbespreking.objects.create(
        overleg=overleg,
        casus=casus,
        question=RECORDS["discussion_question"],
        participation="woordvoerder",
        spokesperson_name=RECORDS["spokesperson"],
        minutes_part1=RECORDS["minutes1"],
        minutes_part2=RECORDS["minutes2"],
        minutes_recorded_at=timezone.now(),
        discussed_at=timezone.now() - dt.timedelta(days=3),
    )
    advies = Advies.objects.create(
        casus=casus,
        status="zwaarwegend",
        most_fitting_care=RECORDS["advice"],
        scenario_b=RECORDS["scenario"],
        drafted_by=actor,
        approved_by=actor,
        approved_at=timezone.now(),
        sent_by=actor,
        sent_at=timezone.now(),
    )
    Opvolging.objects.create(advies=advies, due_on=timezone.localdate() + dt.timedelta(days=90))
    goal = Doel.objects.create(casus=casus, term="kort", description=RECORDS["goal"])
    Actie.objects.create(
        casus=casus,
        goal=goal,
        description=RECORDS["action"],
        owner_name=RECORDS["action_owner"],
        deadline=timezone.localdate() + dt.timedelta(days=14),
    )
    Escalatie.objects.create(
        casus=casus,
        from_level="casusregisseur",
        to_level="expertteam",
        reason=RECORDS["escalation"],
        escalated_on=timezone.localdate(),
    )
    Regiegesprek.objects.create(
        casus=casus, held_on=timezone.localdate(), participants=RECORDS["gesprek"]
    )
    Toekomstplan.objects.create(casus=casus, dream=RECORDS["dream"])
    return casus


def personal_values() -> dict[str, str]:
    """Every seeded personal value, by a name for the failure message."""
    values = {f"jeugdige.{k}": v for k, v in YOUNG_PERSON.items()}
    values.update({f"ouder.{k}": v for k, v in PARENT.items()})
    values.update({f"andere_ouder.{k}": v for k, v in OTHER_PARENT.items()})
    values.update(RECORDS)
    return values


BIRTH_DATE_FORMS = ("19-02-2014", "19 februari 2014", "2014-02-19", "19/02/2014")
