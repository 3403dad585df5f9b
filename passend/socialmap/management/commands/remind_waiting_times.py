"""Daily: enqueue the reminders of outdated and missing waiting times, one job per team.

    manage.py remind_waiting_times [--team <slug>]

For cron or a systemd timer; a worker (manage.py worker) sends them. Safe to run more than
once a day: an organisation gets at most one reminder per day.
"""

from django.core.management.base import BaseCommand, CommandError

from passend.jobs.queue import enqueue
from passend.regions.models import Team
from passend.socialmap.jobs import remind_team


class Command(BaseCommand):
    help = "Zet de herinneringen voor verouderde en ontbrekende wachttijden klaar (één per dag)."

    def add_arguments(self, parser):
        parser.add_argument("--team", help="Alleen voor dit expertteam (slug).")

    def handle(self, *args, **options):
        teams = Team.objects.select_related("region").order_by("region__name", "name")
        if options["team"]:
            teams = teams.filter(slug=options["team"])
            if not teams.exists():
                raise CommandError(f"Expertteam '{options['team']}' bestaat niet.")
        count = 0
        for team in teams:
            enqueue(remind_team, team=team, team_id=team.pk)
            count += 1
        self.stdout.write(
            self.style.SUCCESS(f"{count} team(s) klaargezet; de worker verstuurt de herinneringen.")
        )
