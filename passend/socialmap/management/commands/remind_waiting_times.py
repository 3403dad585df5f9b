"""Daily job: remind organisations of their outdated and missing waiting times.

    manage.py remind_waiting_times [--team <slug>]

Safe to run more than once a day: an organisation gets at most one reminder per day.
"""

from django.core.management.base import BaseCommand, CommandError

from passend.regions.models import Team
from passend.socialmap import services


class Command(BaseCommand):
    help = "Stuurt herinneringen voor verouderde en ontbrekende wachttijden (één per dag)."

    def add_arguments(self, parser):
        parser.add_argument("--team", help="Alleen voor dit expertteam (slug).")

    def handle(self, *args, **options):
        teams = Team.objects.select_related("region").order_by("region__name", "name")
        if options["team"]:
            teams = teams.filter(slug=options["team"])
            if not teams.exists():
                raise CommandError(f"Expertteam '{options['team']}' bestaat niet.")
        sent = 0
        for team in teams:
            done = services.send_due_reminders(team)
            if not done:
                self.stdout.write(f"{team.name}: alle wachttijden zijn actueel.")
            for organisation, what in done:
                self.stdout.write(f"{team.name}: {organisation}: {what}")
                sent += what == services.SENT
        self.stdout.write(self.style.SUCCESS(f"{sent} herinnering(en) verstuurd."))
