from django.core.management.base import BaseCommand, CommandError

from passend.audit.services import check_chain


class Command(BaseCommand):
    help = "Check the access log's hash chain: no entry altered, removed or inserted."

    def handle(self, *args, **options):
        result = check_chain()
        problems = []
        for key_id, (count, first) in sorted(result.unknown_keys.items()):
            problems.append(
                f"{count} entries (from entry {first}) are signed with unknown audit key id "
                f"{key_id or '(none)'}: add that key to PASSEND_AUDIT_KEY_FALLBACKS"
            )
        if result.broken is not None:
            problems.append(f"chain broken at entry {result.broken}")
        if result.truncated:
            problems.append("chain broken at the end (entries missing)")
        if problems:
            raise CommandError(
                "Access log not verified: "
                + "; ".join(problems)
                + f" ({result.checked} entries verified)."
            )
        self.stdout.write(f"Access log intact: {result.checked} entries verified.")
