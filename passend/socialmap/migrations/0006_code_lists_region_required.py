"""Code lists per region, step 3 of 3: every row has a region; a code is unique per region."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0005_code_lists_to_regions")]

    operations = [
        migrations.AlterField(
            model_name="expertisegebied",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="jeugdregio",
            ),
        ),
        migrations.AddConstraint(
            model_name="expertisegebied",
            constraint=models.UniqueConstraint(
                fields=("region", "code"), name="socialmap_expertisegebied_region_code"
            ),
        ),
        migrations.AlterField(
            model_name="hulpvraag",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="jeugdregio",
            ),
        ),
        migrations.AddConstraint(
            model_name="hulpvraag",
            constraint=models.UniqueConstraint(
                fields=("region", "code"), name="socialmap_hulpvraag_region_code"
            ),
        ),
        migrations.AlterField(
            model_name="aandachtspunt",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="jeugdregio",
            ),
        ),
        migrations.AddConstraint(
            model_name="aandachtspunt",
            constraint=models.UniqueConstraint(
                fields=("region", "code"), name="socialmap_aandachtspunt_region_code"
            ),
        ),
    ]
