"""The demo region's social map: provider profiles and about sixty offers, in plain Dutch.

Synthetic: organisations from ``passend.demo.region``; streets, postcodes (99xx) and phone
numbers (0xx-00000nn) are invented. Codes refer to the seeded vocabularies of the social map
(hulpvragen, aandachtspunten, expertise) and the case module (leefgebieden).
"""

from __future__ import annotations

ALL = ("GM9901", "GM9902", "GM9903", "GM9904", "GM9905", "GM9906")
NOORD, ZUID = ALL[:3], ALL[3:]

# Waiting-time profile per kind of offer: (registration, intake, treatment) ranges in weeks.
KINDS = {
    "vv": ((0, 0), (0, 1), (0, 2)),  # voorliggend veld: sport, buddy, inloop, cursus
    "wijk": ((0, 0), (0, 1), (1, 3)),
    "ambulant": ((0, 2), (2, 5), (5, 12)),
    "ggz": ((1, 4), (4, 10), (8, 30)),
    "lvb": ((1, 3), (3, 8), (6, 20)),
    "dag": ((1, 3), (3, 8), (8, 22)),
    "verblijf": ((2, 6), (6, 14), (16, 52)),
    "pleeg": ((1, 4), (4, 10), (12, 40)),
    "crisis": ((0, 0), (0, 0), (0, 0)),
    "school": ((0, 1), (1, 2), (1, 4)),
}

# name -> (description, expertise codes, contracted gemeenten, contact, locations)
# locations: (name, street, postcode, cbs code)
PROFILES = {
    "Wijkteam Duinwijk": (
        "Wij zijn het eerste loket voor vragen over opgroeien, opvoeden en geld in Duinwijk. "
        "U kunt zonder verwijzing bij ons terecht.",
        ["opvoeding", "huiselijk-geweld"],
        ("GM9901",),
        ("Vraagbaak wijkteam", "010-0000201", "wijkteam-duinwijk@example.org"),
        [("Wijkcentrum De Strandloper", "Strandloperplein 2", "9901 AB", "GM9901")],
    ),
    "Sociaal Team Helmerzand": (
        "Het sociaal team helpt gezinnen in Helmerzand met opvoeden, school en geldzorgen.",
        ["opvoeding"],
        ("GM9902",),
        ("Telefonisch spreekuur", "010-0000202", "sociaal-team-helmerzand@example.org"),
        [("Buurthuis Helmgras", "Helmgrasweg 14", "9902 CD", "GM9902")],
    ),
    "Jeugdteam Meeuwenkaap": (
        "Het jeugdteam is er voor kinderen, jongeren en ouders in Meeuwenkaap met vragen over "
        "opgroeien.",
        ["opvoeding", "18-plus"],
        ("GM9903",),
        ("Jeugdteam aanmeldingen", "010-0000203", "jeugdteam-meeuwenkaap@example.org"),
        [("Jeugdhuis De Kaap", "Vuurtorenstraat 5", "9903 EF", "GM9903")],
    ),
    "Wijkteam Heidebroek": (
        "Wij denken mee met gezinnen in Heidebroek en regelen lichte hulp snel en dichtbij.",
        ["opvoeding", "lvb"],
        ("GM9904",),
        ("Vraagbaak wijkteam", "010-0000204", "wijkteam-heidebroek@example.org"),
        [
            ("Wijkpunt Centrum", "Heideplein 1", "9904 GH", "GM9904"),
            ("Wijkpunt Broekhoven", "Broeklaan 40", "9904 JK", "GM9904"),
        ],
    ),
    "Buurtteam Veenmonde": (
        "Het buurtteam helpt bij opvoeden, school, verslaving in het gezin en geldzaken.",
        ["opvoeding", "verslaving"],
        ("GM9905",),
        ("Buurtteam aanmeldingen", "010-0000205", "buurtteam-veenmonde@example.org"),
        [("Buurtcentrum De Turfschuur", "Turfweg 8", "9905 LM", "GM9905")],
    ),
    "Jeugd- en Gezinsteam Kwelderhout": (
        "Wij helpen jongeren en gezinnen in Kwelderhout, ook bij de overstap naar 18 jaar.",
        ["opvoeding", "18-plus"],
        ("GM9906",),
        ("Gezinsteam aanmeldingen", "010-0000206", "jgt-kwelderhout@example.org"),
        [("Gezinscentrum Kwelder", "Kwelderdijk 3", "9906 NP", "GM9906")],
    ),
    "Stichting Jeugdbescherming Zuidoost-Duinland": (
        "Wij voeren maatregelen van de kinderrechter uit: ondertoezichtstelling, voogdij en "
        "jeugdreclassering.",
        ["jeugdbescherming", "huiselijk-geweld"],
        ALL,
        ("Aanmeldpunt jeugdbescherming", "010-0000207", "aanmelden-sjzd@example.org"),
        [("Kantoor Heidebroek", "Rechtbankstraat 12", "9904 QR", "GM9904")],
    ),
    "Zandloper Jeugd-GGZ Duinland": (
        "Wij behandelen kinderen en jongeren met psychische problemen, zoals angst, somberheid, "
        "trauma, ADHD, autisme en eetproblemen.",
        ["ggz", "trauma", "autisme", "adhd", "eetstoornis"],
        ALL,
        ("Centraal aanmeldpunt Zandloper", "010-0000208", "aanmelden-zandloper@example.org"),
        [
            ("Zandloper Duinwijk", "Duinzoom 21", "9901 ST", "GM9901"),
            ("Zandloper Heidebroek", "Kerkpad 7", "9904 UV", "GM9904"),
            ("Zandloper Veenmonde", "Kanaalkade 30", "9905 WX", "GM9905"),
        ],
    ),
    "Stichting Heidebroek LVB-zorg": (
        "Wij helpen kinderen en jongeren die moeilijker leren en begrijpen (LVB), en hun ouders. "
        "Thuis, op de dagbehandeling en met logeren of wonen.",
        ["lvb", "opvoeding", "18-plus"],
        ALL,
        ("Zorgbemiddeling Heidebroek", "010-0000209", "zorgbemiddeling-heidebroek@example.org"),
        [
            ("Locatie De Brem", "Bremlaan 2", "9904 YZ", "GM9904"),
            ("Locatie Meeuwenkaap", "Zeereep 18", "9903 AC", "GM9903"),
        ],
    ),
    "Veenmonde Verslavingszorg Jong": (
        "Wij helpen jongeren die te veel drinken, blowen, drugs gebruiken of gamen, en hun ouders.",
        ["verslaving", "ggz"],
        ALL,
        ("Intake verslavingszorg", "010-0000210", "intake-vvj@example.org"),
        [("Polikliniek Veenmonde", "Veenkade 9", "9905 BD", "GM9905")],
    ),
    "Residentiële Jeugdzorg De Kwelderhoeve": (
        "Wonen met behandeling voor jongeren die (even) niet thuis kunnen wonen, pleegzorg en "
        "crisisopvang.",
        ["jeugdbescherming", "trauma", "18-plus"],
        ALL,
        ("Plaatsingsbureau Kwelderhoeve", "010-0000211", "plaatsing-kwelderhoeve@example.org"),
        [
            ("Terrein De Kwelderhoeve", "Hoevelaan 1", "9906 CE", "GM9906"),
            ("Kamertrainingshuis Duinwijk", "Havenstraat 44", "9901 DF", "GM9901"),
        ],
    ),
    "Gezinshuis Helmerzand-Oost": (
        "Een gezinshuis: kinderen wonen bij gezinshuisouders in een gewoon huis in de wijk.",
        ["opvoeding", "trauma"],
        NOORD,
        ("Gezinshuisouders", "010-0000212", "gezinshuis-helmerzand@example.org"),
        [("Gezinshuis Oost", "Oosterweg 61", "9902 EG", "GM9902")],
    ),
    "JGZ Zuidoost-Duinland": (
        "De jeugdgezondheidszorg volgt de groei en ontwikkeling van alle kinderen en helpt "
        "ouders met vragen over opvoeden. Gratis en zonder verwijzing.",
        ["opvoeding"],
        ALL,
        ("Klantcontactcentrum JGZ", "010-0000213", "jgz-duinland@example.org"),
        [
            ("Consultatiebureau Duinwijk", "Zandpad 3", "9901 FH", "GM9901"),
            ("Consultatiebureau Heidebroek", "Heidepad 11", "9904 GJ", "GM9904"),
        ],
    ),
    "Duinlandziekenhuis Heidebroek": (
        "De kinderafdeling en de polikliniek kinder- en jeugdpsychiatrie van het ziekenhuis.",
        ["ggz", "eetstoornis"],
        ALL,
        ("Polikliniek kinderen", "010-0000214", "poli-kind@example.org"),
        [("Ziekenhuis Heidebroek", "Ziekenhuisweg 1", "9904 HK", "GM9904")],
    ),
    "Kwelderhout College": (
        "Middelbare school voor vmbo, havo en vwo, met zorg op school voor wie dat nodig heeft.",
        ["onderwijs"],
        ZUID,
        ("Zorgcoördinator", "010-0000215", "zorg@kwelderhout-college.example.org"),
        [("Hoofdgebouw", "Schoolstraat 20", "9906 JL", "GM9906")],
    ),
    "Basisschool De Helmgras": (
        "Basisschool in Helmerzand met een eigen ondersteuningsteam.",
        ["onderwijs"],
        ("GM9902",),
        ("Intern begeleider", "010-0000216", "ib@helmgras.example.org"),
        [("De Helmgras", "Schoolpad 4", "9902 KM", "GM9902")],
    ),
    "Samenwerkingsverband Passend Onderwijs Zuidoost-Duinland": (
        "Wij zorgen dat elk kind een passende plek op school heeft, ook als dat extra "
        "ondersteuning vraagt.",
        ["onderwijs", "autisme", "lvb"],
        ALL,
        ("Loket passend onderwijs", "010-0000217", "loket@swv-zod.example.org"),
        [("Bureau SWV", "Onderwijslaan 2", "9905 LN", "GM9905")],
    ),
    "Bureau Leerplicht Zuidoost-Duinland": (
        "Leerplichtambtenaren helpen als een kind niet of weinig naar school gaat.",
        ["onderwijs"],
        ALL,
        ("Leerplicht spreekuur", "010-0000218", "leerplicht@example.org"),
        [("Stadskantoor Duinwijk", "Raadhuisplein 1", "9901 MP", "GM9901")],
    ),
    "Expertisecentrum Duinland voor Autisme en Hechting": (
        "Specialistisch onderzoek en behandeling bij autisme, hechtingsproblemen en "
        "ingewikkelde gezinssituaties. Ook advies aan andere hulpverleners.",
        ["autisme", "trauma", "ggz"],
        ALL,
        ("Secretariaat expertisecentrum", "010-0000219", "expertise-duinland@example.org"),
        [("Expertisecentrum Meeuwenkaap", "Havenhoofd 6", "9903 NR", "GM9903")],
    ),
    "Steunpunt Ouders en Jeugd Duinland": (
        "Vrijwilligers en ervaringsdeskundigen die gezinnen steunen: maatjes, logeergezinnen "
        "en lotgenotencontact. Zonder verwijzing.",
        ["opvoeding"],
        ALL,
        ("Coördinator vrijwilligers", "010-0000220", "steunpunt-duinland@example.org"),
        [("Steunpunt Duinwijk", "Vrijwilligersstraat 9", "9901 PS", "GM9901")],
    ),
}


def offer(org, name, kind, description, **fields):
    return {"org": org, "name": name, "kind": kind, "description": description, **fields}


WT = "Wijkteam Duinwijk"
ST = "Sociaal Team Helmerzand"
JT = "Jeugdteam Meeuwenkaap"
WH = "Wijkteam Heidebroek"
BV = "Buurtteam Veenmonde"
JK = "Jeugd- en Gezinsteam Kwelderhout"
GI = "Stichting Jeugdbescherming Zuidoost-Duinland"
ZL = "Zandloper Jeugd-GGZ Duinland"
HB = "Stichting Heidebroek LVB-zorg"
VV = "Veenmonde Verslavingszorg Jong"
KH = "Residentiële Jeugdzorg De Kwelderhoeve"
GH = "Gezinshuis Helmerzand-Oost"
JGZ = "JGZ Zuidoost-Duinland"
ZH = "Duinlandziekenhuis Heidebroek"
KC = "Kwelderhout College"
BS = "Basisschool De Helmgras"
SWV = "Samenwerkingsverband Passend Onderwijs Zuidoost-Duinland"
LP = "Bureau Leerplicht Zuidoost-Duinland"
EC = "Expertisecentrum Duinland voor Autisme en Hechting"
SP = "Steunpunt Ouders en Jeugd Duinland"

# A table, one offer per block: kept compact by hand.
# fmt: off
OFFERS = [
    offer(WT, "Ondersteuning door het wijkteam", "wijk",
          "Een vaste hulpverlener denkt met u mee, helpt zelf of zoekt samen met u de juiste "
          "hulp. U belt of loopt binnen; een verwijzing is niet nodig.",
          dom=["gezin-opvoeding", "financien"], exp=["opvoeding"], hv="01", free=True,
          need=["opvoeding"], attn=["thuissituatie", "financien"]),
    offer(ST, "Ondersteuning door het sociaal team", "wijk",
          "Een vaste hulpverlener denkt met u mee, helpt zelf of zoekt samen met u de juiste "
          "hulp. U belt of loopt binnen; een verwijzing is niet nodig.",
          dom=["gezin-opvoeding", "financien"], exp=["opvoeding"], hv="01", free=True,
          need=["opvoeding"], attn=["thuissituatie", "financien"]),
    offer(JT, "Ondersteuning door het jeugdteam", "wijk",
          "Een vaste hulpverlener denkt met u mee, helpt zelf of zoekt samen met u de juiste "
          "hulp. U belt of loopt binnen; een verwijzing is niet nodig.",
          dom=["gezin-opvoeding", "financien"], exp=["opvoeding"], hv="01", free=True,
          need=["opvoeding"], attn=["thuissituatie", "financien"]),
    offer(WH, "Ondersteuning door het wijkteam", "wijk",
          "Een vaste hulpverlener denkt met u mee, helpt zelf of zoekt samen met u de juiste "
          "hulp. U belt of loopt binnen; een verwijzing is niet nodig.",
          dom=["gezin-opvoeding", "financien"], exp=["opvoeding"], hv="01", free=True,
          need=["opvoeding"], attn=["thuissituatie", "financien"]),
    offer(BV, "Ondersteuning door het buurtteam", "wijk",
          "Een vaste hulpverlener denkt met u mee, helpt zelf of zoekt samen met u de juiste "
          "hulp. U belt of loopt binnen; een verwijzing is niet nodig.",
          dom=["gezin-opvoeding", "financien"], exp=["opvoeding"], hv="01", free=True,
          need=["opvoeding"], attn=["thuissituatie", "financien"]),
    offer(JK, "Ondersteuning door het jeugd- en gezinsteam", "wijk",
          "Een vaste hulpverlener denkt met u mee, helpt zelf of zoekt samen met u de juiste "
          "hulp. U belt of loopt binnen; een verwijzing is niet nodig.",
          dom=["gezin-opvoeding", "financien"], exp=["opvoeding"], hv="01", free=True,
          need=["opvoeding"], attn=["thuissituatie", "financien"]),
    offer(WT, "Jeugdfonds Sport & Cultuur Duinwijk", "vv",
          "Geen geld voor de sportclub, muziekles of dansen? Het fonds betaalt de contributie "
          "en soms de spullen. De aanvraag doet een hulpverlener of de school.",
          free=True, ages=(4, 18), need=["sport"], attn=["financien", "vrije-tijd", "leefstijl"],
          dom=["sociale-contacten", "financien"], where=NOORD),
    offer(WH, "Jeugdsport Heidebroek: sporten in de wijk", "vv",
          "Elke woensdag en zaterdag gratis sporten met een buurtsportcoach. Gewoon langskomen.",
          free=True, ages=(6, 16), need=["sport"], attn=["leefstijl", "vrije-tijd",
          "sociale-contacten"], dom=["sociale-contacten", "lichamelijke-gezondheid"], where=ZUID),
    offer(BV, "Jongerenwerk: inloop De Loods", "vv",
          "Een plek om te chillen, te gamen en te praten met jongerenwerkers. Open vier "
          "middagen per week; je hoeft je niet aan te melden.",
          free=True, ages=(12, 23), need=["dagbesteding", "buddy"], attn=["vrije-tijd",
          "sociale-contacten", "leefstijl"], dom=["sociale-contacten", "daginvulling"],
          where=("GM9905",)),
    offer(JT, "Jongerenwerk Meeuwenkaap: inloop en ambulant jongerenwerk", "vv",
          "Jongerenwerkers zoeken jongeren op straat en in het jongerencentrum op en helpen met"
          " school, werk en vrije tijd.",
          free=True, ages=(12, 23), need=["dagbesteding"], attn=["vrije-tijd", "werk-opleiding",
          "schoolverzuim"], dom=["sociale-contacten", "onderwijs-werk"], where=("GM9903",)),
    offer(ST, "Opvoedcursus Stevig opvoeden (groep)", "vv",
          "Zes avonden met andere ouders: grenzen stellen, ruzie voorkomen en positief "
          "opvoeden.",
          free=True, ages=(2, 12), need=["opvoeding", "boosheid-gedrag"], attn=["thuissituatie"],
          dom=["gezin-opvoeding"], exp=["opvoeding"], where=NOORD),
    offer(JK, "Schuldhulp en budgetcoaching voor gezinnen", "vv",
          "Hulp om grip te krijgen op geld en schulden, zodat er thuis meer rust komt.",
          free=True, ages=(0, 23), need=["opvoeding"], attn=["financien", "thuissituatie"],
          dom=["financien", "gezin-opvoeding"], where=("GM9906",)),
    offer(WH, "Jonge mantelzorgers: Even van jou", "vv",
          "Voor kinderen die thuis zorgen voor een ziek gezinslid: samen leuke dingen doen en "
          "praten met leeftijdgenoten.",
          free=True, ages=(8, 18), need=["buddy"], attn=["zorg-broer-zus", "vrije-tijd"],
          dom=["sociale-contacten", "gezin-opvoeding"], where=ZUID),
    offer(GI, "Ondertoezichtstelling (OTS)", "ambulant",
          "Een jeugdbeschermer helpt het gezin als de kinderrechter heeft bepaald dat het kind "
          "niet veilig genoeg opgroeit.",
          pc="48", ages=(0, 18), need=["opvoeding"], attn=["veiligheid", "thuissituatie"],
          dom=["justitie-veiligheid", "gezin-opvoeding"], exp=["jeugdbescherming"]),
    offer(GI, "Jeugdreclassering", "ambulant",
          "Begeleiding van jongeren die met politie of justitie in aanraking kwamen, zodat het "
          "niet opnieuw gebeurt.",
          pc="47", ages=(12, 23), need=["boosheid-gedrag"], attn=["veiligheid", "schoolverzuim"],
          dom=["justitie-veiligheid"], exp=["jeugdbescherming"]),
    offer(ZL, "Behandeling bij angst en somberheid", "ggz",
          "Gesprekken met een behandelaar om beter om te gaan met angst, piekeren of een "
          "sombere stemming. Ouders doen mee waar het helpt.",
          pc="54", hv="02", ages=(6, 18), need=["angst-somberheid"], attn=["schoolverzuim"],
          dom=["psychische-gezondheid"], exp=["ggz"], per_location=True),
    offer(ZL, "Traumabehandeling (EMDR en traumagerichte CGT)", "ggz",
          "Behandeling na nare ervaringen, zoals geweld of een ongeluk, zodat herinneringen "
          "minder pijn doen.",
          pc="54", hv="02", ages=(4, 23), need=["trauma", "angst-somberheid"],
          attn=["veiligheid"], dom=["psychische-gezondheid"], exp=["trauma", "ggz"],
          per_location=True),
    offer(ZL, "Diagnostiek en behandeling bij ADHD", "ggz",
          "Onderzoek naar concentratie en drukte, uitleg en een plan voor thuis en school, soms"
          " met medicatie.",
          pc="54", hv="02", ages=(5, 18), need=["adhd-concentratie"], attn=["schoolverzuim"],
          dom=["psychische-gezondheid", "onderwijs-werk"], exp=["adhd"]),
    offer(ZL, "Autismebehandeling jeugd", "ggz",
          "Behandeling en psycho-educatie voor kinderen met autisme en hun ouders.",
          pc="54", hv="02", ages=(4, 18), need=["autisme"], attn=["sociale-contacten"],
          dom=["psychische-gezondheid", "sociale-contacten"], exp=["autisme"]),
    offer(ZL, "Behandeling bij eetproblemen", "ggz",
          "Behandeling voor jongeren die te weinig, te veel of heel eenzijdig eten, samen met "
          "het gezin.",
          pc="52", hv="02", ages=(10, 23), need=["eten"], attn=["leefstijl"],
          dom=["psychische-gezondheid", "lichamelijke-gezondheid"], exp=["eetstoornis"]),
    offer(ZL, "Intensieve ambulante behandeling thuis (IHT)", "ggz",
          "Als het thuis vastloopt: behandelaars komen meerdere keren per week bij u thuis, om "
          "een opname te voorkomen.",
          pc="54", hv="02", ages=(6, 18), need=["boosheid-gedrag", "zelfbeschadiging"],
          attn=["thuissituatie", "veiligheid"], dom=["psychische-gezondheid", "gezin-opvoeding"],
          exp=["ggz"]),
    offer(ZL, "Dagbehandeling jongeren", "dag",
          "Overdag behandeling en school in een kleine groep, 's avonds thuis.",
          pc="41", hv="03", ages=(12, 18), need=["angst-somberheid", "dagbesteding"],
          attn=["schoolverzuim"], dom=["psychische-gezondheid", "daginvulling"], exp=["ggz"]),
    offer(ZL, "Kortdurende basis-ggz", "ambulant",
          "Een paar gesprekken bij lichtere psychische klachten.",
          pc="51", hv="02", ages=(6, 18), need=["angst-somberheid"],
          dom=["psychische-gezondheid"], exp=["ggz"]),
    offer(ZL, "Crisisdienst jeugd-ggz (24 uur per dag)", "crisis",
          "Bij acute psychische nood is er dag en nacht iemand. Bellen via huisarts, wijkteam "
          "of politie.",
          pc="46", ages=(0, 18), need=["zelfbeschadiging"], attn=["veiligheid"],
          dom=["psychische-gezondheid"], exp=["ggz"]),
    offer(HB, "Ambulante begeleiding LVB thuis", "lvb",
          "Een begeleider komt thuis en oefent met dagelijkse dingen en met opvoeden, in "
          "begrijpelijke stappen.",
          pc="45", hv="02", ages=(4, 23), need=["lvb", "opvoeding"], attn=["thuissituatie"],
          dom=["gezin-opvoeding", "daginvulling"], exp=["lvb"], per_location=True),
    offer(HB, "Dagbehandeling kinderen met een LVB", "dag",
          "Behandeling in een groep na school, met aandacht voor gedrag en sociale "
          "vaardigheden.",
          pc="41", hv="03", ages=(6, 14), need=["lvb", "boosheid-gedrag"],
          attn=["sociale-contacten"], dom=["daginvulling", "sociale-contacten"], exp=["lvb"]),
    offer(HB, "Logeerhuis De Brem (weekend en vakantie)", "verblijf",
          "Kinderen logeren een weekend per maand of in de vakantie, zodat ouders op adem "
          "komen.",
          pc="44", hv="14", stay=True, ages=(6, 18), need=["logeren", "lvb"],
          attn=["thuissituatie", "zorg-broer-zus"], dom=["gezin-opvoeding"], exp=["lvb"]),
    offer(HB, "Begeleid wonen LVB 16+", "verblijf",
          "Wonen in een eigen kamer met begeleiding, op weg naar zelfstandig wonen.",
          pc="44", hv="14", stay=True, ages=(16, 23), need=["wonen", "lvb"],
          attn=["werk-opleiding", "financien"], dom=["wonen", "daginvulling"], exp=["lvb",
          "18-plus"]),
    offer(HB, "Orthopedagogische diagnostiek", "lvb",
          "Onderzoek naar hoe een kind leert en begrijpt, met een advies voor thuis en school.",
          pc="45", hv="02", ages=(4, 18), need=["lvb"], dom=["onderwijs-werk"], exp=["lvb"]),
    offer(HB, "Behandelgroep LVB met verblijf", "verblijf",
          "Wonen en behandeling op een groep voor jongeren met een LVB en ernstige "
          "gedragsproblemen.",
          pc="43", hv="14", stay=True, ages=(12, 18), need=["lvb", "boosheid-gedrag", "wonen"],
          attn=["veiligheid"], dom=["wonen", "gezin-opvoeding"], exp=["lvb"]),
    offer(HB, "Weerbaarheidstraining voor jongeren met een LVB", "lvb",
          "Groepstraining: nee zeggen, veilig online en omgaan met groepsdruk.",
          pc="45", hv="02", ages=(12, 20), need=["lvb"], attn=["sociale-contacten", "veiligheid"],
          dom=["sociale-contacten"], exp=["lvb"]),
    offer(VV, "Voorlichting en preventie middelengebruik", "vv",
          "Gratis gesprek of voorlichting voor jongeren, ouders en scholen over alcohol, drugs "
          "en gamen.",
          free=True, ages=(10, 23), need=["verslaving"], attn=["leefstijl"],
          dom=["middelengebruik"], exp=["verslaving"]),
    offer(VV, "Ambulante behandeling verslaving jongeren", "ambulant",
          "Gesprekken om te minderen of te stoppen met alcohol of drugs, met ouders erbij.",
          pc="54", hv="02", ages=(12, 23), need=["verslaving"], attn=["leefstijl",
          "schoolverzuim"], dom=["middelengebruik", "psychische-gezondheid"], exp=["verslaving"]),
    offer(VV, "Behandeling bij problematisch gamen", "ambulant",
          "Voor jongeren die niet meer kunnen stoppen met gamen of social media.",
          pc="54", hv="02", ages=(10, 23), need=["verslaving"], attn=["schoolverzuim",
          "sociale-contacten"], dom=["middelengebruik", "sociale-contacten"], exp=["verslaving"]),
    offer(VV, "Klinische behandeling verslaving 16+", "verblijf",
          "Een opname van enkele weken om af te kicken en een plan voor daarna te maken.",
          pc="43", hv="14", stay=True, ages=(16, 23), need=["verslaving"],
          dom=["middelengebruik"], exp=["verslaving", "18-plus"]),
    offer(KH, "Open behandelgroep De Kwelderhoeve", "verblijf",
          "Wonen op een groep met behandeling, met een duidelijk plan om weer thuis of "
          "zelfstandig te wonen.",
          pc="43", hv="14", stay=True, ages=(12, 18), need=["wonen", "boosheid-gedrag", "trauma"],
          attn=["thuissituatie", "veiligheid"], dom=["wonen", "gezin-opvoeding"], exp=["trauma"]),
    offer(KH, "Crisisopvang jeugd", "crisis",
          "Een veilige plek voor maximaal vier weken als thuis wonen even niet kan.",
          pc="46", hv="14", stay=True, ages=(0, 18), need=["wonen"], attn=["veiligheid"],
          dom=["wonen", "justitie-veiligheid"], exp=["jeugdbescherming"]),
    offer(KH, "Pleegzorg (kort en lang)", "pleeg",
          "Een kind woont tijdelijk of lang in een pleeggezin; de pleegzorgwerker begeleidt "
          "pleegouders en ouders.",
          pc="44", hv="11", stay=True, ages=(0, 18), need=["wonen"], attn=["thuissituatie",
          "veiligheid"], dom=["wonen", "gezin-opvoeding"], exp=["jeugdbescherming"]),
    offer(KH, "Kamertraining 17+", "verblijf",
          "Oefenen met zelfstandig wonen in een eigen kamer, met een vaste begeleider.",
          pc="44", hv="14", stay=True, ages=(17, 23), need=["wonen"], attn=["werk-opleiding",
          "financien"], dom=["wonen", "daginvulling"], exp=["18-plus"], per_location=True),
    offer(KH, "Intensieve gezinsbehandeling na thuiskomst", "ambulant",
          "Begeleiding aan huis als een jongere na verblijf weer thuis komt wonen.",
          pc="45", hv="02", ages=(10, 18), need=["opvoeding", "boosheid-gedrag"],
          attn=["thuissituatie"], dom=["gezin-opvoeding"], exp=["opvoeding"]),
    offer(GH, "Gezinshuisplek", "pleeg",
          "Opgroeien in een gezinshuis: een gewoon huis met gezinshuisouders en een paar andere"
          " kinderen, dicht bij school en vrienden.",
          pc="43", hv="12", stay=True, ages=(4, 18), need=["wonen", "trauma"],
          attn=["thuissituatie"], dom=["wonen", "gezin-opvoeding"], exp=["trauma"]),
    offer(GH, "Weekendpleegzorg in het gezinshuis", "pleeg",
          "Een vast logeeradres voor één weekend per maand, zodat het thuis volhoudbaar blijft.",
          pc="44", hv="12", stay=True, ages=(4, 14), need=["logeren"], attn=["thuissituatie"],
          dom=["gezin-opvoeding"]),
    offer(JGZ, "Opvoedspreekuur JGZ", "vv",
          "Vragen over slapen, eten, driftbuien of zindelijkheid? Bel of kom langs bij de "
          "jeugdverpleegkundige.",
          free=True, ages=(0, 12), need=["opvoeding"], attn=["thuissituatie", "leefstijl"],
          dom=["gezin-opvoeding", "lichamelijke-gezondheid"], exp=["opvoeding"], per_location=True),
    offer(JGZ, "Jongerenspreekuur 12+", "vv",
          "Anoniem en gratis praten met een jeugdarts of verpleegkundige over gezondheid, "
          "seksualiteit, stress of verzuim.",
          free=True, ages=(12, 18), need=["angst-somberheid"], attn=["leefstijl",
          "schoolverzuim"], dom=["lichamelijke-gezondheid", "psychische-gezondheid"]),
    offer(JGZ, "Video-hometraining voor ouders", "vv",
          "Met korte video-opnames thuis zien ouders wat goed gaat in het contact met hun kind.",
          free=True, ages=(0, 6), need=["opvoeding"], attn=["thuissituatie"],
          dom=["gezin-opvoeding"], exp=["opvoeding"]),
    offer(ZH, "Polikliniek kinder- en jeugdpsychiatrie", "ggz",
          "Onderzoek en behandeling bij ernstige of ingewikkelde psychische problemen, ook met "
          "medicatie.",
          pc="52", hv="02", ages=(0, 18), need=["zelfbeschadiging", "eten", "angst-somberheid"],
          dom=["psychische-gezondheid"], exp=["ggz", "eetstoornis"]),
    offer(ZH, "Kinderpoli: onbegrepen lichamelijke klachten", "ambulant",
          "De kinderarts onderzoekt buikpijn, hoofdpijn of moeheid zonder duidelijke oorzaak, "
          "samen met een psycholoog.",
          pc="53", hv="02", ages=(0, 18), need=["angst-somberheid"], attn=["schoolverzuim"],
          dom=["lichamelijke-gezondheid"]),
    offer(KC, "Schoolmaatschappelijk werk Kwelderhout College", "school",
          "Leerlingen en ouders praten op school met de schoolmaatschappelijk werker over "
          "thuis, vrienden of verzuim.",
          free=True, ages=(12, 18), need=["angst-somberheid", "opvoeding"], attn=["schoolverzuim",
          "thuissituatie", "scheiding"], dom=["onderwijs-werk", "gezin-opvoeding"],
          exp=["onderwijs"]),
    offer(KC, "Rebound: tijdelijke opvang op school", "school",
          "Een paar weken les en begeleiding in een kleine groep als het in de klas niet meer "
          "lukt.",
          free=True, ages=(12, 18), need=["boosheid-gedrag"], attn=["schoolverzuim"],
          dom=["onderwijs-werk"], exp=["onderwijs"]),
    offer(BS, "Schoolmaatschappelijk werk basisonderwijs", "school",
          "De schoolmaatschappelijk werker praat met kinderen en ouders over zorgen thuis of op"
          " school.",
          free=True, ages=(4, 12), need=["opvoeding"], attn=["thuissituatie", "scheiding",
          "schoolverzuim"], dom=["onderwijs-werk", "gezin-opvoeding"], exp=["onderwijs"]),
    offer(SWV, "Onderwijs-zorgarrangement", "school",
          "School en jeugdhulp samen in één plan, zodat een leerling naar school kan blijven "
          "gaan.",
          pc="50", ages=(4, 18), need=["autisme", "lvb", "dagbesteding"], attn=["schoolverzuim"],
          dom=["onderwijs-werk"], exp=["onderwijs", "autisme"]),
    offer(SWV, "Thuiszittersaanpak", "school",
          "Voor kinderen die (bijna) niet meer naar school gaan: binnen twee weken een plan met"
          " school, ouders en hulp.",
          free=True, ages=(5, 18), need=["dagbesteding"], attn=["schoolverzuim"],
          dom=["onderwijs-werk", "daginvulling"], exp=["onderwijs"]),
    offer(LP, "Verzuimspreekuur leerplicht", "school",
          "Een gesprek met de leerplichtambtenaar om samen te zoeken naar een oplossing voor "
          "verzuim, zonder boete.",
          free=True, ages=(5, 23), need=["dagbesteding"], attn=["schoolverzuim",
          "werk-opleiding"], dom=["onderwijs-werk"], exp=["onderwijs"]),
    offer(EC, "Specialistische autismediagnostiek", "ggz",
          "Uitgebreid onderzoek als eerder onderzoek geen duidelijk antwoord gaf.",
          pc="52", hv="02", ages=(2, 23), need=["autisme"], dom=["psychische-gezondheid"],
          exp=["autisme"]),
    offer(EC, "Gezinsbehandeling bij hechtingsproblemen", "ggz",
          "Behandeling voor kinderen die moeilijk vertrouwen en hun ouders of pleegouders.",
          pc="52", hv="02", ages=(0, 14), need=["trauma", "opvoeding"], attn=["thuissituatie"],
          dom=["gezin-opvoeding", "psychische-gezondheid"], exp=["trauma"]),
    offer(EC, "Consultatie voor professionals", "school",
          "Een hulpverlener of school overlegt met onze specialist over een vastgelopen "
          "situatie.",
          free=True, ages=(0, 23), need=["autisme", "trauma"], dom=["psychische-gezondheid"],
          exp=["autisme", "trauma"]),
    offer(SP, "Maatje voor jongeren (buddy)", "vv",
          "Een vrijwilliger trekt een jaar lang elke week met een jongere op: sporten, koken, "
          "praten.",
          free=True, ages=(8, 23), need=["buddy"], attn=["sociale-contacten", "vrije-tijd"],
          dom=["sociale-contacten"]),
    offer(SP, "Logeergezin (respijtzorg)", "vv",
          "Een vast vrijwillig logeergezin waar een kind één weekend per maand logeert.",
          free=True, ages=(2, 16), need=["logeren"], attn=["thuissituatie", "zorg-broer-zus"],
          dom=["gezin-opvoeding"]),
    offer(SP, "Ervaringsdeskundige ouder", "vv",
          "Een ouder die zelf jeugdhulp meemaakte, steunt u tijdens het wachten en in "
          "gesprekken.",
          free=True, ages=(0, 23), need=["opvoeding"], attn=["thuissituatie"],
          dom=["gezin-opvoeding"]),
    offer(SP, "Lotgenotengroep kinderen van gescheiden ouders", "vv",
          "Acht bijeenkomsten waarin kinderen praten over de scheiding en merken dat ze niet de"
          " enige zijn.",
          free=True, ages=(8, 16), need=["angst-somberheid"], attn=["scheiding"],
          dom=["gezin-opvoeding", "sociale-contacten"]),
]
# fmt: on

# Invented names for waiting times confirmed by e-mail or import (not demo users).
CONFIRMERS = ["J. Duinpieper", "S. Helmkruid", "R. Strandkweek", "L. Zeepostelein", "M. Biestarwe"]
