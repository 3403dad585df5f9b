"""Code lists per region, step 1 of 3: Dutch and English label, a nullable region, and the code
no longer unique on its own (see 0008 and 0009)."""

import django.db.models.deletion
from django.db import migrations, models

VERBOSE = {
    "registrationreason": ("reden van aanmelding", "redenen van aanmelding"),
    "lifedomain": ("leefgebied", "leefgebieden"),
}


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_casuswerk"), ("regions", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="registrationreason",
            name="code",
            field=models.SlugField(max_length=40, verbose_name="code"),
        ),
        migrations.RenameField(model_name="registrationreason", old_name="label", new_name="label_nl"),
        migrations.AlterField(
            model_name="registrationreason",
            name="label_nl",
            field=models.CharField(max_length=120, verbose_name="Nederlandse omschrijving"),
        ),
        migrations.AddField(
            model_name="registrationreason",
            name="label_en",
            field=models.CharField(
                blank=True, max_length=120, verbose_name="Engelse omschrijving"
            ),
        ),
        migrations.AddField(
            model_name="registrationreason",
            name="region",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="jeugdregio",
            ),
        ),
        migrations.AlterModelOptions(
            name="registrationreason",
            options={
                "ordering": ["order", "label_nl"],
                "verbose_name": VERBOSE["registrationreason"][0],
                "verbose_name_plural": VERBOSE["registrationreason"][1],
            },
        ),
        migrations.AlterField(
            model_name="lifedomain",
            name="code",
            field=models.SlugField(max_length=40, verbose_name="code"),
        ),
        migrations.RenameField(model_name="lifedomain", old_name="label", new_name="label_nl"),
        migrations.AlterField(
            model_name="lifedomain",
            name="label_nl",
            field=models.CharField(max_length=120, verbose_name="Nederlandse omschrijving"),
        ),
        migrations.AddField(
            model_name="lifedomain",
            name="label_en",
            field=models.CharField(
                blank=True, max_length=120, verbose_name="Engelse omschrijving"
            ),
        ),
        migrations.AddField(
            model_name="lifedomain",
            name="region",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="jeugdregio",
            ),
        ),
        migrations.AlterModelOptions(
            name="lifedomain",
            options={
                "ordering": ["order", "label_nl"],
                "verbose_name": VERBOSE["lifedomain"][0],
                "verbose_name_plural": VERBOSE["lifedomain"][1],
            },
        ),
    ]
