"""Code lists per region, step 3 of 3: every row has a region; a code is unique per region."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_code_lists_to_regions")]

    operations = [
        migrations.AlterField(
            model_name="registrationreason",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="jeugdregio",
            ),
        ),
        migrations.AddConstraint(
            model_name="registrationreason",
            constraint=models.UniqueConstraint(
                fields=("region", "code"), name="cases_registrationreason_region_code"
            ),
        ),
        migrations.AlterField(
            model_name="lifedomain",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="jeugdregio",
            ),
        ),
        migrations.AddConstraint(
            model_name="lifedomain",
            constraint=models.UniqueConstraint(
                fields=("region", "code"), name="cases_lifedomain_region_code"
            ),
        ),
    ]
