"""Compare the generated OpenAPI document with the committed one (or write it with --write)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

from passend.core.api.renderers import OpenApiYamlRenderer

SCHEMA_FILE = Path(settings.BASE_DIR) / "openapi" / "openapi.yaml"


def generate_yaml() -> str:
    with translation.override("nl"):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        return OpenApiYamlRenderer().render(schema, renderer_context={}).decode()


class Command(BaseCommand):
    help = "Check that openapi/openapi.yaml matches the code; --write regenerates it."

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true")

    def handle(self, *args, write: bool = False, **options):
        current = generate_yaml()
        if write:
            SCHEMA_FILE.parent.mkdir(exist_ok=True)
            SCHEMA_FILE.write_text(current)
            self.stdout.write(f"Wrote {SCHEMA_FILE}")
            return
        committed = SCHEMA_FILE.read_text() if SCHEMA_FILE.exists() else ""
        if committed != current:
            raise CommandError(
                "openapi/openapi.yaml is out of date: run "
                "`.venv/bin/python manage.py spectacular_check --write` and commit it."
            )
        self.stdout.write("OpenAPI document matches the code.")
