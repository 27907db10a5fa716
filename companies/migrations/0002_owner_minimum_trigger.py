"""A company that has members always has an owner: enforced by PostgreSQL at commit.

A deferred constraint trigger, so that handing over ownership inside one transaction
(promote the new owner, demote the old) is fine. SQLite (the demo database) relies on the
services alone.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION companies_member_owner_check() RETURNS trigger AS $$
DECLARE
    target bigint;
BEGIN
    FOREACH target IN ARRAY ARRAY[
        CASE WHEN TG_OP <> 'INSERT' THEN OLD.company_id END,
        CASE WHEN TG_OP <> 'DELETE' THEN NEW.company_id END
    ] LOOP
        IF target IS NOT NULL
           AND EXISTS (SELECT 1 FROM companies_companymember WHERE company_id = target)
           AND NOT EXISTS (SELECT 1 FROM companies_companymember
                           WHERE company_id = target AND role = 'owner') THEN
            RAISE EXCEPTION USING
                MESSAGE = 'company ' || target || ' has members but no owner',
                ERRCODE = 'check_violation',
                      CONSTRAINT = 'companies_member_owner_minimum';
        END IF;
    END LOOP;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER companies_member_owner_minimum
    AFTER INSERT OR UPDATE OR DELETE ON companies_companymember
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION companies_member_owner_check();
"""

DROP = """
DROP TRIGGER IF EXISTS companies_member_owner_minimum ON companies_companymember;
DROP FUNCTION IF EXISTS companies_member_owner_check();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("companies", "0001_initial")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
