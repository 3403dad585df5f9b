from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    FeitCode = apps.get_model("analytics", "FeitCode")
    CasusFeit = apps.get_model("analytics", "CasusFeit")
    FeitCode.objects.update(
        team_id=Subquery(CasusFeit.objects.filter(pk=OuterRef("feit_id")).values("team_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0004_event_team"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="feitcode",
            name="team",
            field=models.ForeignKey(
                null=True,
                on_delete=models.deletion.PROTECT,
                related_name="+",
                to="regions.team",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="feitcode",
            name="team",
            field=models.ForeignKey(
                on_delete=models.deletion.PROTECT, related_name="+", to="regions.team"
            ),
        ),
        migrations.AddIndex(
            model_name="feitcode",
            index=models.Index(
                fields=["team", "dimension", "code"], name="analytics_f_team_id_ad7d59_idx"
            ),
        ),
    ]
