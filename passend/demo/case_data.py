"""Word pools and small generators for the synthetic demo cases (``passend.demo.cases``).

Everything is invented. Surnames are compounds of coastal and heath words ("Prielhof",
"Ziltmeer") that are not Dutch family names; first names are ordinary Dutch first names, so the
combination never points to a real person. Street names are made from the same words, and
postcodes start with 0, which no Dutch postcode does. Synthetic BSNs start with 999 and pass the
elfproef only so that forms accept them.
"""

import random

from django.utils.text import slugify

from passend.cases.codes import CaseState, LegalFramework, ReferrerType, Urgency
from passend.cases.validators import BSN_WEIGHTS, is_valid_bsn

S = CaseState
R = ReferrerType

FIRST_NAMES_GIRLS = [
    "Anna", "Bente", "Daphne", "Elin", "Fenna", "Hanna", "Isa", "Jasmijn", "Julia", "Lieke",
    "Lina", "Lotte", "Maud", "Mila", "Nina", "Noa", "Roos", "Saar", "Tess", "Yara", "Zoë",
]  # fmt: skip
FIRST_NAMES_BOYS = [
    "Bram", "Daan", "Finn", "Gijs", "Hugo", "Jesse", "Joep", "Lars", "Levi", "Luuk", "Milan",
    "Mees", "Noah", "Olivier", "Pim", "Ruben", "Sem", "Siem", "Thijs", "Tijn", "Wout",
]  # fmt: skip
FIRST_NAMES_NEUTRAL = ["Alex", "Charlie", "Dani", "Jip", "Kim", "Luca", "Robin", "Sky", "Sasha"]
FIRST_NAMES_ADULTS = {
    "v": ["Anouk", "Esther", "Ilse", "Janneke", "Marieke", "Mirjam", "Sandra", "Wendy", "Yvonne"],
    "m": ["Bart", "Dennis", "Erik", "Jeroen", "Maarten", "Marco", "Niels", "Rob", "Wouter"],
}

SURNAME_HEADS = [
    "Duinzand", "Helmduin", "Zandgolf", "Veenmos", "Kwelder", "Slik", "Getij", "Priel", "Zilt",
    "Schelp", "Lamsoor", "Zeekraal", "Helmgras", "Duindoorn", "Heideklok", "Veenpluis",
    "Strandhaver", "Wadden", "Vloedmerk", "Zandhaver",
]  # fmt: skip
SURNAME_TAILS = ["hof", "meer", "rand", "stee", "zoom", "gaard", "plas", "kamp", "weide", "haven"]
STREET_TAILS = ["straat", "laan", "pad", "weg", "dreef", "kade", "hof", "singel"]

# Free-text pools: short, plausible, and about nobody in particular.
QUESTIONS = [
    "Wij zoeken een plek waar onze zoon kan blijven en niet steeds wordt overgeplaatst.",
    "Ik wil weer naar school, maar elke keer loopt het na een paar weken vast.",
    "De hulp thuis is gestopt en wij weten niet meer wie ons verder kan helpen.",
    "Er is een wachtlijst van een jaar en het gaat nu al niet goed thuis.",
    "Iedereen zegt dat een ander de zorg moet betalen; intussen gebeurt er niets.",
    "Ik word bijna 18 en mijn begeleiding stopt dan, terwijl ik nog geen woonplek heb.",
    "Zij heeft zowel autisme als angstklachten; geen aanbieder doet allebei.",
    "Wij willen dat hulpverleners samen één plan maken in plaats van ieder een eigen plan.",
    "Hij is thuis vastgelopen en de spanningen in het gezin lopen hoog op.",
    "Ik wil hulp bij mijn somberheid, maar zonder dat ik uit huis moet.",
    "Na de ziekenhuisopname is er geen passende vervolgzorg gevonden.",
    "De school kan haar niet meer de ondersteuning geven die ze nodig heeft.",
]


def questions_for(age: int) -> list[str]:
    """Questions that fit the age: the young person speaks from 10; '18' only near 18."""
    return [
        q
        for q in QUESTIONS
        if (age >= 10 or not q.startswith("Ik ")) and (16 <= age <= 18 or "18" not in q)
    ]


CARE_HISTORY = [
    "Ambulante gezinsbegeleiding via het wijkteam, gestopt na een half jaar.",
    "Behandeling bij de jeugd-GGZ; afgesloten omdat de problematiek te complex was.",
    "Twee keer een crisisopname gehad; daarna geen passend vervolg gevonden.",
    "Speltherapie en oudercursus gevolgd, met weinig resultaat.",
    "Aangemeld bij drie aanbieders; alle drie hebben een wachtlijst of wijzen af.",
    "Logeeropvang in het weekend; stopt per volgende maand.",
    "Thuiszitter sinds een jaar; leerplicht en samenwerkingsverband zijn betrokken.",
    "Begeleiding bij LVB-zorg; de combinatie met verslaving past niet in het aanbod.",
    "Eerder pleegzorg, daarna gezinshuis; plaatsing is beëindigd.",
    "Nog geen hulp gehad; de huisarts heeft direct naar het expertteam verwezen.",
]
SCREENING = {
    S.IN_SCREENING: ["Screening gestart.", "Aanmelding compleet; screening gestart."],
    S.AFGEWEZEN: [
        "Geen vastgelopen situatie: passende hulp is binnen het lokale veld beschikbaar.",
        "De hulpvraag valt buiten de opdracht van het expertteam.",
        "Aanmelding ingetrokken na overleg; de betrokken aanbieder pakt het op.",
    ],
    S.DOORVERWEZEN: [
        "Niet complex genoeg voor het expertteam; doorverwezen naar de lokale toegang.",
        "Enkelvoudige hulpvraag; doorverwezen naar een gespecialiseerde aanbieder.",
        "Hulp is beschikbaar zonder wachtlijst; rechtstreeks doorverwezen.",
    ],
    S.CRISIS_DOORVERWEZEN: [
        "Acute onveiligheid; doorverwezen naar de crisisdienst.",
        "Crisissituatie thuis; direct overgedragen aan de crisisdienst jeugd.",
    ],
    S.IN_BEHANDELING: [
        "Voldoet aan de criteria: meerdere leefgebieden en bestaande hulp is vastgelopen.",
        "Complexe meervoudige problematiek; in behandeling genomen.",
        "Geschikt: geen passend aanbod gevonden ondanks eerdere pogingen.",
    ],
}
REDIRECTS = {
    S.DOORVERWEZEN: [
        "Wijkteam Duinwijk",
        "Wijkteam Heidebroek",
        "Zandloper Jeugd-GGZ Duinland",
        "Stichting Heidebroek LVB-zorg",
        "Veenmonde Verslavingszorg Jong",
    ],
    S.CRISIS_DOORVERWEZEN: ["Crisisdienst Jeugd Zuidoost-Duinland (fictief)"],
}
# Other demo regions than Zuidoost-Duinland redirect to their own organisations.
REDIRECTS_BY_REGION = {
    "noordwest-veenland": {
        S.DOORVERWEZEN: [
            "Wijkteam Turfhaven",
            "Sociaal Wijkteam Lisdonk",
            "Veenhart Jeugd-GGZ",
            "Stichting Lisdonk Jeugd en Gezin",
        ],
        S.CRISIS_DOORVERWEZEN: ["Crisisdienst Jeugd Noordwest-Veenland (fictief)"],
    },
}
LEGAL_BASIS = {
    LegalFramework.OTS: [
        "Ondertoezichtstelling uitgesproken; informatie-uitwisseling is nodig voor de "
        "uitvoering van de maatregel. De jeugdbeschermer heeft aangemeld.",
    ],
    LegalFramework.VOOGDIJ: [
        "De gecertificeerde instelling heeft de voogdij; de voogd heeft de aanmelding gedaan.",
    ],
}

# Final state shares; the most recent cases are still aangemeld or in screening.
STATE_WEIGHTS = {
    S.AANGEMELD: 7,
    S.IN_SCREENING: 12,
    S.AFGEWEZEN: 13,
    S.DOORVERWEZEN: 22,
    S.CRISIS_DOORVERWEZEN: 8,
    S.IN_BEHANDELING: 14,
    S.ADVIES_UITGEBRACHT: 5,
    S.FOLLOW_UP: 6,
    S.AFGESLOTEN: 11,
    S.HEROPEND: 2,
}
# Registered this many days ago (inclusive range) per final state.
DAYS_AGO = {
    S.AANGEMELD: (1, 21),
    S.IN_SCREENING: (3, 75),
    S.AFGEWEZEN: (14, 730),
    S.DOORVERWEZEN: (14, 730),
    S.CRISIS_DOORVERWEZEN: (2, 730),
    S.IN_BEHANDELING: (21, 240),
    S.ADVIES_UITGEBRACHT: (70, 200),
    S.FOLLOW_UP: (110, 420),
    S.AFGESLOTEN: (150, 730),
    S.HEROPEND: (300, 730),
}
# Days from in_screening to the final state, (low, high).
DECISION_DAYS = {
    S.AFGEWEZEN: (5, 30),
    S.DOORVERWEZEN: (7, 45),
    S.CRISIS_DOORVERWEZEN: (0, 2),
    S.IN_BEHANDELING: (14, 60),
}
# Days from registration to the start of screening, per urgency.
SCREENING_START_DAYS = {Urgency.NORMAAL: (2, 21), Urgency.HOOG: (1, 6), Urgency.ZEER_HOOG: (0, 2)}
URGENCY_WEIGHTS = {Urgency.NORMAAL: 70, Urgency.HOOG: 22, Urgency.ZEER_HOOG: 8}

# Age at registration: every age occurs, with more 12–17 year olds.
AGE_WEIGHTS = {
    age: 1.0 if age < 6 else 2.0 if age < 12 else 5.0 if age < 18 else 1.5 for age in range(24)
}

REFERRER_WEIGHTS = {
    R.GEMEENTE: 25, R.HUISARTS: 8, R.JEUGDARTS: 6, R.GI: 8, R.MEDISCH_SPECIALIST: 6,
    R.ZELFVERWIJZER: 4, R.JUSTITIE: 3, R.ZORGAANBIEDER: 14, R.ONDERWIJS: 12,
    R.OUDERS_JEUGDIGE: 8, R.EXPERTISECENTRUM: 6,
}  # fmt: skip
# Not registered by a professional: the young person or parents themselves.
NON_PROFESSIONAL = {R.ZELFVERWIJZER, R.OUDERS_JEUGDIGE}
# Organisation types an aanmelder of this referrer type works for (None: no organisation).
REFERRER_ORG_TYPES = {
    R.GEMEENTE: ("wijkteam",),
    R.HUISARTS: ("huisartsenpraktijk",),
    R.JEUGDARTS: ("jgz",),
    R.GI: ("gi",),
    R.MEDISCH_SPECIALIST: ("ziekenhuis",),
    R.ZORGAANBIEDER: ("zorgaanbieder",),
    R.ONDERWIJS: ("school", "samenwerkingsverband", "leerplicht"),
    R.EXPERTISECENTRUM: ("expertisecentrum",),
}

# (relation, has_gezag) pairs for minors; weights follow the order.
PARENT_SETS = [
    ((("moeder", True), ("vader", True)), 45),
    ((("moeder", True),), 18),
    ((("moeder", True), ("vader", False)), 8),
    ((("vader", True),), 5),
    ((("ouder", True), ("ouder", True)), 6),
    ((("moeder", True), ("stiefouder", False)), 8),
    ((("pleegouder", False), ("moeder", True)), 5),
    ((("anders", False), ("vader", True)), 5),
]
CONSENT_METHODS = {"formulier": 45, "digitaal": 35, "mondeling": 20}
GENDER_WEIGHTS = {"v": 46, "m": 46, "x": 3, "": 5}
REASON_OTHER = [
    "Zorgen over de combinatie van zorg en onderwijs.",
    "Meerdere gezinsleden hebben tegelijk zorg nodig.",
    "Onduidelijk welke wet de hulp moet betalen.",
]


def synthetic_bsn(rng: random.Random, used: set[str]) -> str:
    """A synthetic 9-digit number starting with 999 that passes the elfproef."""
    while True:
        digits = [9, 9, 9] + [rng.randint(0, 9) for _ in range(5)]
        check = sum(w * d for w, d in zip(BSN_WEIGHTS[:8], digits, strict=True)) % 11
        bsn = "".join(map(str, digits)) + str(check)
        if check < 10 and is_valid_bsn(bsn) and bsn not in used:
            used.add(bsn)
            return bsn


def surname(rng: random.Random) -> str:
    return rng.choice(SURNAME_HEADS) + rng.choice(SURNAME_TAILS)


def address(rng: random.Random, gemeente) -> str:
    street = rng.choice(SURNAME_HEADS) + rng.choice(STREET_TAILS)
    letters = "".join(rng.choices("ABCDEGHJKLMNPRTVWXZ", k=2))
    return f"{street} {rng.randint(1, 180)}\n0{rng.randint(100, 999)} {letters} {gemeente.name}"


def contact(rng: random.Random, first: str, last: str) -> dict:
    """A phone number no subscriber can have (it starts with 0) and an example.org address."""
    phone = f"0{rng.choice([10, 20, 30, 50, 70])}-0{rng.randint(0, 999999):06d}"
    email = f"{slugify(first)}.{slugify(last)}@example.org" if rng.random() < 0.6 else None
    return {"phone": phone, "email": email}
