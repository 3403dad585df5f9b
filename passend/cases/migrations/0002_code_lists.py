"""Seed the configurable code lists; a beheerder may add, rename or deactivate entries."""

from django.db import migrations

REASONS = [
    ("geen-passend-aanbod", "geen passend aanbod"),
    ("wachtlijst", "wachtlijst"),
    ("onenigheid", "onenigheid over wat nodig is"),
    ("ontbrekende-expertise", "ontbrekende expertise"),
    ("financiering-regels", "financiering / regels"),
    ("overgang-18", "18-/18+ overgang"),
    ("vervolgzorg-ontbreekt", "vervolgzorg ontbreekt"),
    ("verblijf-plaatsing", "verblijf / plaatsing"),
    ("anders", "anders"),
]
DOMAINS = [
    ("gezin-opvoeding", "gezin en opvoeding"),
    ("psychische-gezondheid", "psychische gezondheid"),
    ("lichamelijke-gezondheid", "lichamelijke gezondheid"),
    ("onderwijs-werk", "onderwijs en werk"),
    ("wonen", "wonen"),
    ("sociale-contacten", "sociale contacten en vrije tijd"),
    ("financien", "financiën"),
    ("justitie-veiligheid", "justitie en veiligheid"),
    ("middelengebruik", "middelengebruik"),
    ("daginvulling", "daginvulling en zelfredzaamheid"),
]


def seed(apps, schema_editor):
    for model, rows in (("RegistrationReason", REASONS), ("LifeDomain", DOMAINS)):
        Model = apps.get_model("cases", model)
        for order, (code, label) in enumerate(rows):
            Model.objects.update_or_create(code=code, defaults={"label": label, "order": order})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
