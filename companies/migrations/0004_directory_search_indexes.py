"""Trigram indexes for the directory's text search (PostgreSQL only).

The directory searches with `icontains` over the name and both descriptions, which Django
turns into `UPPER(column::text) LIKE UPPER('%term%')`. GIN trigram indexes on exactly those
expressions let PostgreSQL answer a substring search from the index instead of reading every
row. SQLite (the demo database) scans, which is fine at its size.
"""

from django.db import migrations

COLUMNS = ("name", "description_de", "description_en")


def _create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS companies_company_{column}_trgm "
            f'ON companies_company USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def _drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS companies_company_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("companies", "0003_invites_and_join_requests")]

    operations = [migrations.RunPython(_create, _drop)]
