"""Code lists per region, step 2 of 3: the existing rows are assigned to the regions.

The strategy is described in passend/regions/codelists/migration.py: one region gets every row;
with several, the rows go to the first region and are copied into the others, and cases, offers
and profiles are pointed at the copy of their own region where that region is determinable.
"""

from django.db import migrations

from passend.regions.codelists.migration import scope_to_regions


def forwards(apps, schema_editor):
    scope_to_regions(
        apps,
        "socialmap.Expertisegebied",
        [
            ("socialmap", "Aanbod", "expertise", "organisation__regions"),
            ("socialmap", "Aanbiederprofiel", "expertise", "organisation__regions"),
        ],
    )
    scope_to_regions(
        apps,
        "socialmap.Hulpvraag",
        [("socialmap", "Aanbod", "hulpvragen", "organisation__regions")],
    )
    scope_to_regions(
        apps,
        "socialmap.Aandachtspunt",
        [("socialmap", "Aanbod", "aandachtspunten", "organisation__regions")],
    )


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0004_code_lists_per_region"), ("cases", "0007_code_lists_per_region")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
