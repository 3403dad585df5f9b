from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    GebeurtenisFeit = apps.get_model("analytics", "GebeurtenisFeit")
    CasusFeit = apps.get_model("analytics", "CasusFeit")
    GebeurtenisFeit.objects.update(
        team_id=Subquery(CasusFeit.objects.filter(pk=OuterRef("feit_id")).values("team_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0003_days_to_closure_and_clarity"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="gebeurtenisfeit",
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
            model_name="gebeurtenisfeit",
            name="team",
            field=models.ForeignKey(
                on_delete=models.deletion.PROTECT, related_name="+", to="regions.team"
            ),
        ),
        migrations.AddIndex(
            model_name="gebeurtenisfeit",
            index=models.Index(
                fields=["team", "kind", "occurred_on"], name="analytics_g_team_id_67ba74_idx"
            ),
        ),
    ]
