"""The standard code lists a new region starts with: (code, Dutch label, English label).

A region gets them when it is created (passend.regions.apps: post_save of Region); its beheerder
then adds, renames or deactivates entries in the app. The data migrations that scoped the code
lists to regions also use the English labels here for rows that had none."""

REASONS = [
    ("geen-passend-aanbod", "geen passend aanbod", "no suitable help available"),
    ("wachtlijst", "wachtlijst", "waiting list"),
    ("onenigheid", "onenigheid over wat nodig is", "disagreement about what is needed"),
    ("ontbrekende-expertise", "ontbrekende expertise", "missing expertise"),
    ("financiering-regels", "financiering / regels", "funding / rules"),
    ("overgang-18", "18-/18+ overgang", "transition at 18"),
    ("vervolgzorg-ontbreekt", "vervolgzorg ontbreekt", "no follow-on care"),
    ("verblijf-plaatsing", "verblijf / plaatsing", "residential care / placement"),
    (
        "thuiszitten",
        "thuiszitten / geen passend onderwijs",
        "out of school / no suitable education",
    ),
    ("anders", "anders", "other"),
]
# Problem type: the sectors whose expertise the question needs (monitoring groups by these).
SECTORS = [
    ("ggz", "GGZ (psychische problematiek)", "mental health (GGZ)"),
    ("lvb", "LVB (licht verstandelijke beperking)", "mild intellectual disability (MID)"),
    ("jeugd-opvoeding", "jeugd en opvoeding", "youth and parenting"),
    ("verslaving", "verslaving", "addiction"),
    ("onderwijs", "onderwijs", "education"),
    ("somatiek", "somatiek (lichamelijke zorg)", "physical health"),
    ("jeugdbescherming", "jeugdbescherming en veiligheid", "child protection and safety"),
    (
        "vg-meervoudig",
        "verstandelijke of meervoudige beperking",
        "intellectual or multiple disability",
    ),
    ("wonen-financien", "wonen, werk en financiën", "housing, work and finances"),
]
DOMAINS = [
    ("gezin-opvoeding", "gezin en opvoeding", "family and parenting"),
    ("psychische-gezondheid", "psychische gezondheid", "mental health"),
    ("lichamelijke-gezondheid", "lichamelijke gezondheid", "physical health"),
    ("onderwijs-werk", "onderwijs en werk", "education and work"),
    ("wonen", "wonen", "housing"),
    ("sociale-contacten", "sociale contacten en vrije tijd", "social contacts and leisure"),
    ("financien", "financiën", "finances"),
    ("justitie-veiligheid", "justitie en veiligheid", "justice and safety"),
    ("middelengebruik", "middelengebruik", "substance use"),
    ("daginvulling", "daginvulling en zelfredzaamheid", "daily activities and self-reliance"),
]
EXPERTISE = [
    ("ggz", "GGZ (geestelijke gezondheid)", "mental health care"),
    ("lvb", "LVB (licht verstandelijke beperking)", "mild intellectual disability"),
    ("verslaving", "verslaving", "addiction"),
    ("trauma", "trauma", "trauma"),
    ("autisme", "autisme", "autism"),
    ("adhd", "ADHD", "ADHD"),
    ("jeugdbescherming", "jeugdbescherming", "child protection"),
    ("onderwijs", "onderwijs en leerplicht", "education and compulsory schooling"),
    ("opvoeding", "opvoed- en gezinsondersteuning", "parenting and family support"),
    ("eetstoornis", "eetstoornissen", "eating disorders"),
    (
        "huiselijk-geweld",
        "huiselijk geweld en kindermishandeling",
        "domestic violence and child abuse",
    ),
    ("18-plus", "overgang naar 18+", "transition to adulthood (18+)"),
]
# "Waar ben je naar op zoek?": forms of help, complaints and indications, in plain words.
HULPVRAGEN = [
    ("angst-somberheid", "angst of somberheid", "anxiety or low mood"),
    ("boosheid-gedrag", "boosheid en moeilijk gedrag", "anger and difficult behaviour"),
    ("autisme", "autisme", "autism"),
    ("adhd-concentratie", "ADHD of concentratie", "ADHD or concentration"),
    ("trauma", "nare ervaringen (trauma)", "bad experiences (trauma)"),
    ("verslaving", "alcohol, drugs of gamen", "alcohol, drugs or gaming"),
    ("lvb", "leren en begrijpen gaat moeilijk (LVB)", "learning and understanding is hard (MID)"),
    ("eten", "eten (eetproblemen)", "eating (eating problems)"),
    (
        "zelfbeschadiging",
        "zichzelf pijn doen of suïcidale gedachten",
        "self-harm or suicidal thoughts",
    ),
    ("opvoeding", "hulp bij opvoeden", "help with parenting"),
    ("logeren", "logeren of respijtzorg", "short stays or respite care"),
    ("dagbesteding", "dagbesteding", "day activities"),
    ("wonen", "een plek om te wonen", "a place to live"),
    ("buddy", "een maatje of buddy", "a buddy"),
    ("sport", "sport en bewegen", "sport and exercise"),
]
# "Wat vraagt aandacht?"
AANDACHTSPUNTEN = [
    ("thuissituatie", "thuissituatie", "situation at home"),
    ("leefstijl", "leefstijl", "lifestyle"),
    ("schoolverzuim", "schoolverzuim", "school absence"),
    ("sociale-contacten", "sociale contacten", "social contacts"),
    ("financien", "geldzorgen", "money worries"),
    ("scheiding", "scheiding van ouders", "parents' divorce"),
    ("veiligheid", "veiligheid", "safety"),
    ("vrije-tijd", "vrije tijd", "leisure"),
    ("werk-opleiding", "werk of opleiding", "work or training"),
    ("zorg-broer-zus", "zorg voor een broer, zus of ouder", "caring for a sibling or parent"),
]

# "app_label.ModelName" -> the rows.
DEFAULTS = {
    "cases.RegistrationReason": REASONS,
    "cases.LifeDomain": DOMAINS,
    "cases.Sector": SECTORS,
    "socialmap.Expertisegebied": EXPERTISE,
    "socialmap.Hulpvraag": HULPVRAGEN,
    "socialmap.Aandachtspunt": AANDACHTSPUNTEN,
}


def seed_region(apps, region_id: int, models=tuple(DEFAULTS)) -> None:
    """Give a region the standard lists; codes it already has are left as they are."""
    for name in models:
        Model = apps.get_model(name)
        have = set(Model.objects.filter(region_id=region_id).values_list("code", flat=True))
        Model.objects.bulk_create(
            Model(region_id=region_id, code=code, label_nl=nl, label_en=en, order=order)
            for order, (code, nl, en) in enumerate(DEFAULTS[name])
            if code not in have
        )
