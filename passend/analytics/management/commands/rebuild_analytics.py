"""``manage.py rebuild_analytics``: recompute the analytics record from the case records.

Every registered case that is not anonymised gets its fact row, codes and events recomputed;
a missing fact is created, a differing row corrected and the fact of a case that is (still) a
draft removed. Frozen facts (unlinked by the retention, or of anonymised cases) are never
touched. Idempotent: a second run writes nothing ("0 gewijzigd"). Run once after deploying the
analytics record; the services keep it current afterwards.
"""

from django.core.management.base import BaseCommand

from passend.analytics.models import CasusFeit
from passend.analytics.services import rebuild
from passend.cases.models import Casus


class Command(BaseCommand):
    help = "Berekent het geanonimiseerde analysebestand opnieuw uit de casusgegevens."

    def add_arguments(self, parser):
        parser.add_argument("--team", help="Alleen de casussen van dit team (slug).")

    def handle(self, *args, team: str | None = None, **options):
        cases = Casus.objects.all()
        if team:
            cases = cases.filter(team__slug=team)
        changes = rebuild(cases)
        facts = CasusFeit.objects.filter(casus__isnull=False).count()
        frozen = CasusFeit.objects.filter(casus__isnull=True).count()
        self.stdout.write(
            f"{len(changes.facts)} gewijzigd ({changes.created} rijen nieuw, "
            f"{changes.updated} bijgewerkt, {changes.deleted} verwijderd); "
            f"{facts} casusfeiten gekoppeld, {frozen} losgekoppeld."
        )
