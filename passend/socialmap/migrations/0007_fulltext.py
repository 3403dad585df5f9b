"""Dutch full-text index of the offers (name, description, organisation name), kept in sync by
triggers: an FTS5 table on SQLite, a tsvector ('dutch') with a GIN index on PostgreSQL. See
``passend/socialmap/fulltext.py``. On SQLite a later migration that rebuilds socialmap_aanbod or
regions_organisation drops these triggers: create them again there (test_fulltext.py checks)."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE socialmap_aanbod_fts USING fts5("
    "name, description, organisation, tokenize = 'unicode61 remove_diacritics 2')",
    """CREATE TRIGGER socialmap_aanbod_fts_insert AFTER INSERT ON socialmap_aanbod BEGIN
        DELETE FROM socialmap_aanbod_fts WHERE rowid = new.id;
        INSERT INTO socialmap_aanbod_fts (rowid, name, description, organisation)
        SELECT new.id, new.name, new.description,
               (SELECT name FROM regions_organisation WHERE id = new.organisation_id);
    END""",
    """CREATE TRIGGER socialmap_aanbod_fts_update AFTER UPDATE ON socialmap_aanbod BEGIN
        DELETE FROM socialmap_aanbod_fts WHERE rowid = old.id;
        INSERT INTO socialmap_aanbod_fts (rowid, name, description, organisation)
        SELECT new.id, new.name, new.description,
               (SELECT name FROM regions_organisation WHERE id = new.organisation_id);
    END""",
    """CREATE TRIGGER socialmap_aanbod_fts_delete AFTER DELETE ON socialmap_aanbod BEGIN
        DELETE FROM socialmap_aanbod_fts WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER socialmap_organisation_fts_update AFTER UPDATE OF name
        ON regions_organisation BEGIN
        UPDATE socialmap_aanbod_fts SET organisation = new.name
        WHERE rowid IN (SELECT id FROM socialmap_aanbod WHERE organisation_id = new.id);
    END""",
    """INSERT INTO socialmap_aanbod_fts (rowid, name, description, organisation)
       SELECT a.id, a.name, a.description, o.name
       FROM socialmap_aanbod a JOIN regions_organisation o ON o.id = a.organisation_id""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS socialmap_organisation_fts_update",
    "DROP TRIGGER IF EXISTS socialmap_aanbod_fts_delete",
    "DROP TRIGGER IF EXISTS socialmap_aanbod_fts_update",
    "DROP TRIGGER IF EXISTS socialmap_aanbod_fts_insert",
    "DROP TABLE IF EXISTS socialmap_aanbod_fts",
]

# No foreign key: Django's flush truncates socialmap_aanbod without CASCADE. A row left behind
# by a truncate is replaced when its id is used again (ON CONFLICT).
POSTGRESQL = [
    """CREATE TABLE socialmap_aanbod_zoek (
        aanbod_id integer PRIMARY KEY, vector tsvector NOT NULL)""",
    "CREATE INDEX socialmap_aanbod_zoek_vector ON socialmap_aanbod_zoek USING GIN (vector)",
    """CREATE FUNCTION socialmap_aanbod_zoek_vector(aanbod_name text, aanbod_description text,
        organisation_name text) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
        SELECT setweight(to_tsvector('dutch', coalesce(aanbod_name, '')), 'A')
            || setweight(to_tsvector('dutch', coalesce(organisation_name, '')), 'B')
            || setweight(to_tsvector('dutch', coalesce(aanbod_description, '')), 'C')
    $$""",
    """CREATE FUNCTION socialmap_aanbod_zoek_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM socialmap_aanbod_zoek WHERE aanbod_id = OLD.id;
            RETURN OLD;
        END IF;
        INSERT INTO socialmap_aanbod_zoek (aanbod_id, vector)
        SELECT NEW.id, socialmap_aanbod_zoek_vector(NEW.name, NEW.description, o.name)
        FROM regions_organisation o WHERE o.id = NEW.organisation_id
        ON CONFLICT (aanbod_id) DO UPDATE SET vector = EXCLUDED.vector;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER socialmap_aanbod_zoek_sync AFTER INSERT OR UPDATE OR DELETE
        ON socialmap_aanbod FOR EACH ROW EXECUTE FUNCTION socialmap_aanbod_zoek_sync()""",
    """CREATE FUNCTION socialmap_organisation_zoek_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE socialmap_aanbod_zoek z
        SET vector = socialmap_aanbod_zoek_vector(a.name, a.description, NEW.name)
        FROM socialmap_aanbod a WHERE a.organisation_id = NEW.id AND z.aanbod_id = a.id;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER socialmap_organisation_zoek_sync AFTER UPDATE OF name
        ON regions_organisation FOR EACH ROW EXECUTE FUNCTION socialmap_organisation_zoek_sync()""",
    """INSERT INTO socialmap_aanbod_zoek (aanbod_id, vector)
       SELECT a.id, socialmap_aanbod_zoek_vector(a.name, a.description, o.name)
       FROM socialmap_aanbod a JOIN regions_organisation o ON o.id = a.organisation_id""",
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS socialmap_organisation_zoek_sync ON regions_organisation",
    "DROP FUNCTION IF EXISTS socialmap_organisation_zoek_sync()",
    "DROP TRIGGER IF EXISTS socialmap_aanbod_zoek_sync ON socialmap_aanbod",
    "DROP FUNCTION IF EXISTS socialmap_aanbod_zoek_sync()",
    "DROP FUNCTION IF EXISTS socialmap_aanbod_zoek_vector(text, text, text)",
    "DROP TABLE IF EXISTS socialmap_aanbod_zoek",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, ()):
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("socialmap", "0006_code_lists_region_required"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
