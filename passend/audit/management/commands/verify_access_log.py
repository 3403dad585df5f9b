from django.core.management.base import BaseCommand, CommandError

from passend.audit.services import verify_chain


class Command(BaseCommand):
    help = "Check the access log's hash chain: no entry altered, removed or inserted."

    def handle(self, *args, **options):
        intact, checked, broken = verify_chain()
        if not intact:
            where = f" at entry {broken}" if broken else " at the end (entries missing)"
            raise CommandError(f"Access log chain broken{where} after {checked} intact entries.")
        self.stdout.write(f"Access log intact: {checked} entries verified.")
