from django.apps import AppConfig
from django.db.models.signals import post_migrate


def analyze_sqlite(using="default", **kwargs):
    """SQLite drops planner statistics when a migration rebuilds a table and never gathers
    them itself; without them some case queries are ten times slower."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class CoreConfig(AppConfig):
    name = "passend.core"
    label = "core"

    def ready(self):
        post_migrate.connect(analyze_sqlite, sender=self, dispatch_uid="passend-analyze-sqlite")
