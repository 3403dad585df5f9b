"""Seed the social map's search vocabularies; a coordinator or beheerder may add, rename or
deactivate entries in the admin."""

from django.db import migrations

EXPERTISE = [
    ("ggz", "GGZ (geestelijke gezondheid)"),
    ("lvb", "LVB (licht verstandelijke beperking)"),
    ("verslaving", "verslaving"),
    ("trauma", "trauma"),
    ("autisme", "autisme"),
    ("adhd", "ADHD"),
    ("jeugdbescherming", "jeugdbescherming"),
    ("onderwijs", "onderwijs en leerplicht"),
    ("opvoeding", "opvoed- en gezinsondersteuning"),
    ("eetstoornis", "eetstoornissen"),
    ("huiselijk-geweld", "huiselijk geweld en kindermishandeling"),
    ("18-plus", "overgang naar 18+"),
]
# "Waar ben je naar op zoek?": forms of help, complaints and indications, in plain words.
HULPVRAGEN = [
    ("angst-somberheid", "angst of somberheid"),
    ("boosheid-gedrag", "boosheid en moeilijk gedrag"),
    ("autisme", "autisme"),
    ("adhd-concentratie", "ADHD of concentratie"),
    ("trauma", "nare ervaringen (trauma)"),
    ("verslaving", "alcohol, drugs of gamen"),
    ("lvb", "leren en begrijpen gaat moeilijk (LVB)"),
    ("eten", "eten (eetproblemen)"),
    ("zelfbeschadiging", "zichzelf pijn doen of suïcidale gedachten"),
    ("opvoeding", "hulp bij opvoeden"),
    ("logeren", "logeren of respijtzorg"),
    ("dagbesteding", "dagbesteding"),
    ("wonen", "een plek om te wonen"),
    ("buddy", "een maatje of buddy"),
    ("sport", "sport en bewegen"),
]
# "Wat vraagt aandacht?"
AANDACHTSPUNTEN = [
    ("thuissituatie", "thuissituatie"),
    ("leefstijl", "leefstijl"),
    ("schoolverzuim", "schoolverzuim"),
    ("sociale-contacten", "sociale contacten"),
    ("financien", "geldzorgen"),
    ("scheiding", "scheiding van ouders"),
    ("veiligheid", "veiligheid"),
    ("vrije-tijd", "vrije tijd"),
    ("werk-opleiding", "werk of opleiding"),
    ("zorg-broer-zus", "zorg voor een broer, zus of ouder"),
]


def seed(apps, schema_editor):
    for model, rows in (
        ("Expertisegebied", EXPERTISE),
        ("Hulpvraag", HULPVRAGEN),
        ("Aandachtspunt", AANDACHTSPUNTEN),
    ):
        Model = apps.get_model("socialmap", model)
        for order, (code, label) in enumerate(rows):
            Model.objects.update_or_create(code=code, defaults={"label": label, "order": order})


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
