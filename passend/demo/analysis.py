"""Synthetic care histories (tijdlijn) and verklarende analyses for the demo cases.

``populate_analysis(cases, rng, today)`` gives most cases that the team took on 1–6 periods of
help before their registration, using the organisations of the team's region and free-text
providers, following a handful of recognisable patterns: the same GGZ provider deployed three
times without result, a chain of placements, LVB support, a justice track, gaps without help.
The analysis steps are written by members of the case's team after the in_behandeling
transition. Demo data construction only: rows are written directly and backdated; every
episode is checked against the same rules as the services (``episode_errors``).
"""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import F
from django.utils import timezone

from passend.accounts.models import Membership
from passend.accounts.roles import Cap, roles_with
from passend.analysis.models import AnalyseStap, TijdlijnEpisode
from passend.analysis.services import default_with_stay, episode_errors
from passend.cases.codes import CaseState
from passend.cases.models import Casus, LifeDomain
from passend.regions.models import Organisation, OrganisationType

S = CaseState
WIJKTEAM = "<wijkteam>"  # the region's wijkteam of the case's gemeente (or any)

# key: (provider, hulpvorm, productcategorie, description, life domain, months, outcomes)
HELP: dict[str, tuple] = {
    "wijkteam": (
        WIJKTEAM, "01", "45", "gezinsbegeleiding", "gezin-opvoeding", (3, 12),
        ["Meer rust in huis, maar de problemen op school bleven.",
         "Gestopt: het wijkteam zag dat er meer specialistische hulp nodig was.",
         "Ouders voelden zich gesteund; doorverwezen voor diagnostiek."],
    ),
    "ggz": (
        "Zandloper Jeugd-GGZ Duinland", "02", "54", "ambulante behandeling (CGT)",
        "psychische-gezondheid", (4, 10),
        ["Gestopt: onvoldoende resultaat, klachten namen weer toe.",
         "Behandeling voortijdig beëindigd; de jeugdige kwam niet meer naar de afspraken.",
         "Afgesloten na het maximum aantal sessies; angst nauwelijks afgenomen."],
    ),
    "kliniek": (
        "Jeugd-GGZ kliniek", "14", "43", "klinische opname", "psychische-gezondheid", (2, 5),
        ["Gestabiliseerd en ontslagen; ambulante nazorg had een wachtlijst.",
         "Opname na een crisis; terug naar huis zonder passend vervolg."],
    ),
    "diagnostiek": (
        "Expertisecentrum Duinland voor Autisme en Hechting", "02", "52",
        "diagnostiek autisme en hechting", "psychische-gezondheid", (2, 4),
        ["Diagnose ASS met hechtingsproblematiek; advies: gespecialiseerde begeleiding.",
         "Onderzoek afgerond; adviezen voor thuis en school."],
    ),
    "lvb": (
        "Stichting Heidebroek LVB-zorg", "03", "41", "dagbehandeling LVB", "daginvulling", (6, 14),
        ["Structuur hielp, maar de groep was te druk voor de jeugdige.",
         "Gestopt bij de overstap naar het voortgezet onderwijs.",
         "Beëindigd: de aanbieder kon het gedrag in de groep niet meer hanteren."],
    ),
    "school": (
        "Samenwerkingsverband Passend Onderwijs Zuidoost-Duinland", "", "",
        "onderwijszorgarrangement", "onderwijs-werk", (5, 10),
        ["Tijdelijk rustiger op school; na de zomer weer thuiszitten.",
         "Arrangement gestopt: school kon de begeleiding niet voortzetten."],
    ),
    "pleegzorg": (
        "pleeggezin via Pleegzorg Duinland", "11", "44", "", "wonen", (6, 20),
        ["Plaatsing beëindigd: pleegouders konden het gedrag niet meer aan.",
         "Breakdown na een periode van toenemende conflicten."],
    ),
    "gezinshuis": (
        "Gezinshuis Helmerzand-Oost", "12", "43", "gezinshuis", "wonen", (6, 18),
        ["Goede band met de gezinshuisouders, maar plaatsing te zwaar na escalaties.",
         "Gestopt: het gezinshuis had geen plek meer voor de zorgvraag."],
    ),
    "crisis": (
        "crisisopvang Duinland", "14", "46", "crisisplaatsing", "wonen", (1, 3),
        ["Crisisplaatsing na een escalatie thuis; daarna geen vervolgplek beschikbaar.",
         "Kortdurende opvang; teruggeplaatst in afwachting van een passende plek."],
    ),
    "residentieel": (
        "Residentiële Jeugdzorg De Kwelderhoeve", "14", "43", "behandelgroep", "wonen", (6, 16),
        ["Behandeling liep vast; veel incidenten op de groep.",
         "Gestopt: de groep kon de combinatie van LVB en trauma niet bieden."],
    ),
    "gi": (
        "Stichting Jeugdbescherming Zuidoost-Duinland", "", "48",
        "jeugdbeschermingsmaatregel (OTS)", "gezin-opvoeding", (12, 24),
        ["OTS verlengd; zorgen over de veiligheid thuis bleven bestaan.",
         "Maatregel afgesloten na verbetering thuis."],
    ),
    "verslaving": (
        "Veenmonde Verslavingszorg Jong", "02", "52", "behandeling middelengebruik",
        "middelengebruik", (3, 8),
        ["Minder blowen, maar de jeugdige haakte af bij de groepsbehandeling.",
         "Gestopt op verzoek van de jeugdige."],
    ),
    "poh": (
        "Huisartsenpraktijk Meeuwenkaap-Centrum", "", "51", "gesprekken POH-jeugd",
        "psychische-gezondheid", (2, 5),
        ["Enkele gesprekken; doorverwezen naar de jeugd-GGZ.",
         "Gestopt: de klachten waren te complex voor de huisartsenpraktijk."],
    ),
    "vrijgevestigd": (
        "vrijgevestigd kinder- en jeugdpsycholoog", "02", "51", "kortdurende behandeling",
        "psychische-gezondheid", (3, 6),
        ["Behandeling afgerond; klachten kwamen na een half jaar terug.",
         "Gestopt: wachtlijst voor specialistische GGZ."],
    ),
}  # fmt: skip

# Patterns of a care history, oldest first; (pattern, weight, long gaps likely).
PATTERNS: list[tuple[list[str], int, bool]] = [
    (["ggz", "wijkteam", "ggz", "poh", "ggz", "kliniek"], 3, False),  # same provider 3x
    (["wijkteam", "pleegzorg", "crisis", "gezinshuis", "residentieel", "crisis"], 3, False),
    (["wijkteam", "diagnostiek", "lvb", "school", "lvb", "lvb"], 2, False),
    (["gi", "wijkteam", "verslaving", "crisis", "residentieel", "verslaving"], 2, False),
    (["poh", "vrijgevestigd", "wijkteam", "ggz", "diagnostiek", "school"], 3, True),
    (["wijkteam", "school", "diagnostiek", "wijkteam", "wijkteam"], 2, True),
]

STEP_TEXTS = {
    1: [
        "Gesprek met de jeugdige en ouders thuis; informatie opgehaald bij school, huisarts "
        "en eerdere hulpverleners. Samen met het gezin de tijdlijn doorgelopen: {summary}",
        "Keukentafelgesprek met het gezin en de casushouder van het wijkteam. De jeugdige "
        "vertelde zelf wat hij/zij wil. Verslagen van eerdere hulp opgevraagd. {summary}",
    ],
    2: [
        "Het gedrag (boosheid, weglopen) lijkt vooral een reactie op de vele wisselingen: "
        "steeds nieuwe gezichten en plekken. Onder de boosheid zit angst om weer te moeten "
        "vertrekken. Eerdere hulp richtte zich op het gedrag, niet op die onveiligheid.",
        "De klachten nemen toe op momenten van overgang (school, thuis, hulp). De combinatie "
        "van een licht verstandelijke beperking en trauma wordt tot nu toe steeds apart "
        "behandeld; daardoor sluit de hulp niet aan.",
        "Thuis is de spanning hoog door de zorg voor een broertje en financiële zorgen. Het "
        "gedrag van de jeugdige is begrijpelijk in deze situatie; de vraag is niet alleen "
        "een jeugd-GGZ-vraag maar een gezinsvraag.",
    ],
    3: [
        "Doelen: een vaste plek met vaste begeleiders voor minstens een jaar; weer naar "
        "school (eerst twee dagdelen). Interventies: één regisseur voor alle hulp, "
        "traumabehandeling op de woonplek, geen nieuwe plaatsing zonder overleg met het team.",
        "Doelen: rust thuis en een passende dagbesteding. Interventies: intensieve ambulante "
        "gezinsbehandeling, respijtzorg voor ouders, maatwerkarrangement met school.",
        "Doelen: de jeugdige blijft thuis wonen; ouders krijgen handvatten. Interventies: "
        "systeemtherapie, LVB-deskundige coach, afspraken met het samenwerkingsverband.",
    ],
}


def _months(rng: random.Random, low: int, high: int) -> int:
    return round(rng.uniform(low, high) * 30.4)


def _aware(day: dt.date, rng: random.Random) -> dt.datetime:
    moment = dt.datetime.combine(day, dt.time(rng.randint(9, 16), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _providers(casus: Casus, cache: dict) -> dict[str, Organisation]:
    region = casus.team.region_id
    if region not in cache:
        cache[region] = {o.name: o for o in Organisation.objects.filter(regions=region)}
    return cache[region]


def _wijkteam(casus: Casus, orgs: dict[str, Organisation]) -> str:
    teams = sorted(
        (o for o in orgs.values() if o.type == OrganisationType.WIJKTEAM), key=lambda o: o.name
    )
    local = [o for o in teams if casus.gemeente_id and o.gemeente_id == casus.gemeente_id]
    return (local or teams)[0].name if teams else "wijkteam"


def _episodes(casus, rng, today, reg_day, orgs, domains, author):
    pattern, _weight, gappy = rng.choices(PATTERNS, weights=[p[1] for p in PATTERNS])[0]
    count = rng.choice([1, 2, 3, 3, 4, 4, 5, 5, 6])
    if pattern[0] == "ggz" and rng.random() < 0.7:
        count = max(count, 5)  # the same organisation three times
    keys = pattern[:count]
    birth = casus.birth_date or (reg_day - dt.timedelta(days=12 * 365))
    earliest = max(birth + dt.timedelta(days=4 * 365), reg_day - dt.timedelta(days=8 * 365))
    total = sum(_months(rng, *HELP[k][5]) for k in keys) + 60 * len(keys)
    day = max(earliest, reg_day - dt.timedelta(days=total))
    rows = []
    for index, key in enumerate(keys):
        provider, hulpvorm, product, description, domain, months, outcomes = HELP[key]
        if provider == WIJKTEAM:
            provider = _wijkteam(casus, orgs)
        if day >= reg_day:
            break
        last = index == len(keys) - 1
        end = day + dt.timedelta(days=_months(rng, *months))
        ongoing = last and rng.random() < 0.4
        if end >= reg_day:
            end, ongoing = (None, True) if last else (reg_day - dt.timedelta(days=1), False)
        organisation = orgs.get(provider)
        data = {
            "organisation": organisation,
            "provider_name": None if organisation else provider,
            "productcategorie": product,
            "hulpvorm": hulpvorm,
            "description": description or None,
            "start": day,
            "end": None if ongoing else end,
            "outcome": None if ongoing else rng.choice(outcomes),
            "life_domain": domains.get(domain),
            "with_stay": default_with_stay(hulpvorm, product),
        }
        if episode_errors(casus, data, today=today):
            break
        rows.append(TijdlijnEpisode(casus=casus, created_by=author, **data))
        if ongoing:
            break
        long_gap = gappy and rng.random() < 0.6
        pause = rng.randint(120, 300) if long_gap else rng.choice([0, 0, 7, 14, 21, 45])
        day = end + dt.timedelta(days=pause)
    return rows


def _team_workers(casus: Casus, cache: dict) -> list:
    if casus.team_id not in cache:
        memberships = Membership.objects.filter(
            team=casus.team_id, active=True, role__in=roles_with(Cap.WORK_ON_CASES)
        ).select_related("user")
        cache[casus.team_id] = sorted({m.user for m in memberships}, key=lambda u: u.username)
    return cache[casus.team_id]


def _summary(rows: list[TijdlijnEpisode]) -> str:
    if not rows:
        return "Er was nog geen hulp vóór de aanmelding."
    stays = sum(1 for r in rows if r.with_stay)
    text = f"sinds {rows[0].start.year} {len(rows)} periodes van hulp"
    return text + (f", waarvan {stays} met verblijf." if stays else ", zonder verblijf.")


def _step_text(rng: random.Random, step: int, rows: list[TijdlijnEpisode]) -> str:
    """Step 1 summarises the history; steps 2 and 3 fit its pattern (stays, LVB, other)."""
    if step == 1:
        return rng.choice(STEP_TEXTS[1]).format(summary=_summary(rows))
    if any(r.with_stay for r in rows):
        kind = 0
    elif any(r.hulpvorm == "03" for r in rows):
        kind = 1
    else:
        kind = 2
    return STEP_TEXTS[step][kind if step == 2 else (0, 2, 1)[kind]]


def populate_analysis(cases: list[Casus], rng: random.Random, today: dt.date) -> int:
    """Timeline episodes and analysis steps for ``cases``; returns the number of episodes."""
    orgs_cache: dict = {}
    workers_cache: dict = {}
    domains: dict[int, dict] = {}  # region id -> code -> the region's life domain
    episodes: list[TijdlijnEpisode] = []
    steps: list[AnalyseStap] = []
    now = timezone.now()
    for casus in cases:
        transitions = sorted(casus.transitions.all(), key=lambda t: (t.at, t.pk))
        entry = next((t for t in transitions if t.to_state == S.IN_BEHANDELING), None)
        workers = _team_workers(casus, workers_cache)
        if entry is None or not workers:
            continue
        later = [t.at for t in transitions if t.at > entry.at]
        window_end = min(later[0] if later else now, now)
        preferred = [u for u in (casus.casushouder, casus.procesregisseur) if u in workers]
        authors = preferred or workers
        reg_day = timezone.localdate(casus.registered_at)
        if rng.random() < 0.88:
            orgs = _providers(casus, orgs_cache)
            region_id = casus.team.region_id
            if region_id not in domains:
                domains[region_id] = {d.code: d for d in LifeDomain.objects.offered(region_id)}
            rows = _episodes(
                casus, rng, today, reg_day, orgs, domains[region_id], rng.choice(authors)
            )
            for row in rows:
                row.created_at = entry.at + (window_end - entry.at) * rng.uniform(0.05, 0.4)
            episodes += rows
        else:
            rows = []
        advanced = casus.state != S.IN_BEHANDELING
        span = window_end - entry.at
        for step in (1, 2, 3):
            chance = 1.0 if advanced else (0.9, 0.6, 0.5)[step - 1]
            if rng.random() >= chance:
                break  # the steps are written in order
            versions = 2 if rng.random() < 0.25 else 1
            moments = sorted(
                entry.at + span * rng.uniform(0.1 + 0.2 * (step - 1), 0.35 + 0.2 * step)
                for _ in range(versions)
            )
            for version, moment in enumerate(moments):
                text = _step_text(rng, step, rows)
                if version < versions - 1:
                    text = "Eerste aanzet. " + text.split(". ")[0] + "."
                steps.append(
                    AnalyseStap(
                        casus=casus,
                        step=step,
                        text=text,
                        author=rng.choice(authors),
                        written_at=min(moment, now),
                    )
                )
    created = TijdlijnEpisode.objects.bulk_create(episodes)
    # auto_now stamped the time of loading; the demo backdates it to the time of entry.
    TijdlijnEpisode.objects.filter(pk__in=[e.pk for e in created]).update(
        updated_at=F("created_at")
    )
    AnalyseStap.objects.bulk_create(steps)
    return len(created)
