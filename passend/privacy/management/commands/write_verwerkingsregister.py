"""``manage.py write_verwerkingsregister``: write docs/verwerkingsregister.md from the register
in passend/privacy/register.py (``--check``: only say whether the file is current)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from passend.privacy.register import as_markdown


def register_path():
    return settings.BASE_DIR / "docs" / "verwerkingsregister.md"


class Command(BaseCommand):
    help = "Schrijft docs/verwerkingsregister.md uit het verwerkingsregister in de code."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Niets schrijven; fout als het bestand afwijkt."
        )

    def handle(self, *args, check: bool = False, **options):
        path = register_path()
        text = as_markdown()
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if check:
            if current != text:
                raise CommandError(f"{path} is niet actueel: draai write_verwerkingsregister.")
            self.stdout.write(f"{path} is actueel.")
            return
        path.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"{path} geschreven."))
