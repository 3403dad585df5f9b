"""Code lists per region, step 1 of 3: Dutch and English label, a nullable region, and the code
no longer unique on its own (see 0005 and 0006)."""

import django.db.models.deletion
from django.db import migrations, models

VERBOSE = {
    "expertisegebied": ("expertisegebied", "expertisegebieden"),
    "hulpvraag": ("hulpvraag", "hulpvragen"),
    "aandachtspunt": ("aandachtspunt", "aandachtspunten"),
}


class Migration(migrations.Migration):
    dependencies = [("socialmap", "0003_herinnering"), ("regions", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="expertisegebied",
            name="code",
            field=models.SlugField(max_length=40, verbose_name="code"),
        ),
        migrations.RenameField(model_name="expertisegebied", old_name="label", new_name="label_nl"),
        migrations.AlterField(
            model_name="expertisegebied",
            name="label_nl",
            field=models.CharField(max_length=120, verbose_name="Nederlandse omschrijving"),
        ),
        migrations.AddField(
            model_name="expertisegebied",
            name="label_en",
            field=models.CharField(
                blank=True, max_length=120, verbose_name="Engelse omschrijving"
            ),
        ),
        migrations.AddField(
            model_name="expertisegebied",
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
            name="expertisegebied",
            options={
                "ordering": ["order", "label_nl"],
                "verbose_name": VERBOSE["expertisegebied"][0],
                "verbose_name_plural": VERBOSE["expertisegebied"][1],
            },
        ),
        migrations.AlterField(
            model_name="hulpvraag",
            name="code",
            field=models.SlugField(max_length=40, verbose_name="code"),
        ),
        migrations.RenameField(model_name="hulpvraag", old_name="label", new_name="label_nl"),
        migrations.AlterField(
            model_name="hulpvraag",
            name="label_nl",
            field=models.CharField(max_length=120, verbose_name="Nederlandse omschrijving"),
        ),
        migrations.AddField(
            model_name="hulpvraag",
            name="label_en",
            field=models.CharField(
                blank=True, max_length=120, verbose_name="Engelse omschrijving"
            ),
        ),
        migrations.AddField(
            model_name="hulpvraag",
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
            name="hulpvraag",
            options={
                "ordering": ["order", "label_nl"],
                "verbose_name": VERBOSE["hulpvraag"][0],
                "verbose_name_plural": VERBOSE["hulpvraag"][1],
            },
        ),
        migrations.AlterField(
            model_name="aandachtspunt",
            name="code",
            field=models.SlugField(max_length=40, verbose_name="code"),
        ),
        migrations.RenameField(model_name="aandachtspunt", old_name="label", new_name="label_nl"),
        migrations.AlterField(
            model_name="aandachtspunt",
            name="label_nl",
            field=models.CharField(max_length=120, verbose_name="Nederlandse omschrijving"),
        ),
        migrations.AddField(
            model_name="aandachtspunt",
            name="label_en",
            field=models.CharField(
                blank=True, max_length=120, verbose_name="Engelse omschrijving"
            ),
        ),
        migrations.AddField(
            model_name="aandachtspunt",
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
            name="aandachtspunt",
            options={
                "ordering": ["order", "label_nl"],
                "verbose_name": VERBOSE["aandachtspunt"][0],
                "verbose_name_plural": VERBOSE["aandachtspunt"][1],
            },
        ),
    ]
