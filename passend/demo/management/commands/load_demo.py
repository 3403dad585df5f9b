"""``manage.py load_demo``: load the synthetic demo regions and cases, and list the logins."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from passend.accounts.roles import Role
from passend.analytics.services import rebuild as rebuild_analytics
from passend.demo.cases import load_demo_cases, load_veenland_cases
from passend.demo.region import (
    DEMO_PASSWORD,
    EXTRA_BELEIDSADVISEURS,
    DemoConflictError,
    load_demo_region,
)


class Command(BaseCommand):
    help = (
        "Laadt de fictieve demoregio's Zuidoost-Duinland en Noordwest-Veenland met teams, "
        "organisaties, demogebruikers en casussen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook zonder DEBUG laden (demogebruikers hebben een openbaar wachtwoord).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "De demoregio heeft gebruikers met een openbaar wachtwoord en wordt alleen met "
                "DEBUG geladen. Gebruik --force voor een demo- of testomgeving."
            )
        try:
            result = load_demo_region()
        except DemoConflictError as exc:
            raise CommandError(str(exc)) from exc
        from passend.demo.socialmap import load_demo_socialmap

        socialmap = load_demo_socialmap()
        cases = load_demo_cases()
        veen_cases = load_veenland_cases()
        from passend.demo.casework_load import load_demo_casework, load_veenland_casework

        casework = load_demo_casework()
        load_veenland_casework()
        rebuild_analytics()  # the demo backdates its history directly: recompute the record
        from passend.demo.privacy import load_demo_privacy

        privacy = load_demo_privacy()

        for region in result["regions"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demoregio {region['region']}: {region['gemeenten']} gemeenten, "
                    f"{region['teams']} teams, {region['organisations']} organisaties, "
                    f"{region['users']} demogebruikers, {region['memberships']} lidmaatschappen."
                )
            )
        if socialmap["created"]:
            self.stdout.write(
                f"Sociale kaart: {socialmap['offers']} aanbod "
                f"({socialmap['voorliggend_veld']} voorliggend veld) bij "
                f"{socialmap['profiles']} organisaties, {socialmap['waiting_times']} "
                f"wachttijden ({socialmap['outdated']} aanbod verouderd, "
                f"{socialmap['without_waiting_time']} zonder wachttijd)."
            )
        states = ", ".join(f"{s} {n}" for s, n in cases["per_state"].items())
        self.stdout.write(
            f"Democasussen: {cases['created']} nieuw, {cases['total']} totaal ({states})."
        )
        self.stdout.write(
            f"Democasussen {result['regions'][-1]['region']}: {veen_cases['created']} nieuw, "
            f"{veen_cases['total']} totaal."
        )
        if casework["created"]:
            self.stdout.write(
                f"Casuswerk: {casework['episodes']} periodes op tijdlijnen, "
                f"{casework['meetings']} overleggen, {casework['advices']} adviezen, "
                f"{casework['actions']} acties."
            )
        if privacy["created"]:
            self.stdout.write(
                f"Privacy: DPIA en convenant vastgelegd voor {privacy['created']} teams "
                "(monitoring staat aan)."
            )
        rows = [("Gebruikersnaam", "Team", "Rol")]
        rows += [(user, team, str(Role(role).label)) for user, team, role in result["logins"]]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        for index, row in enumerate(rows):
            line = "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
            self.stdout.write(line.rstrip())
            if index == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        whole_area = ", ".join(spec.username for spec in EXTRA_BELEIDSADVISEURS if spec.whole_area)
        self.stdout.write(
            f"\nBeleidsadviseurs zien alleen de cijfers van hun eigen gemeente; {whole_area} "
            "die van het hele werkgebied van de Duinland-teams. Niemand van de ene demoregio "
            "ziet iets van de andere."
        )
        self.stdout.write(f"\nWachtwoord voor alle demogebruikers: {DEMO_PASSWORD}")
        self.stdout.write(
            "In de demo- en dev-instellingen (PASSEND_2FA_EXEMPT_DEMO_USERS = True) hebben "
            "demogebruikers geen tweede factor nodig."
        )
        if not getattr(settings, "PASSEND_2FA_EXEMPT_DEMO_USERS", False):
            self.stdout.write(
                self.style.WARNING(
                    "Let op: met de huidige instellingen vragen rollen met toegang tot "
                    "persoonsgegevens wél om een tweede factor."
                )
            )
