"""The access log is append-only: no change or delete via the ORM, the admin or SQL."""

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import RequestFactory

from passend.audit.models import AccessLogEntry, Action, AppendOnlyError
from passend.audit.services import log_access, verify_chain
from passend.conftest import login
from passend.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(tenancy):
    request = RequestFactory().get("/teams/x/leden/")
    request.user = tenancy.a.users["voorzitter"]
    return log_access(
        request,
        action=Action.READ,
        subject_type="medewerker",
        subject_ids=["1", "2", "3"],
        purpose="test",
        team=tenancy.a.team,
    )


def test_orm_cannot_change_or_delete(entries):
    entry = AccessLogEntry.objects.get(pk=entries[0].pk)
    entry.purpose = "verdoezeld"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(purpose="verdoezeld")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.bulk_update([entry], ["purpose"])
    assert AccessLogEntry.objects.get(pk=entry.pk).purpose == "test"
    assert AccessLogEntry.objects.count() == 3


def test_database_refuses_update_even_with_raw_sql(entries):
    with (
        pytest.raises((DatabaseError, IntegrityError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_accesslogentry SET purpose = 'verdoezeld'")
    assert set(AccessLogEntry.objects.values_list("purpose", flat=True)) == {"test"}


@pytest.mark.vendor("postgresql")  # the DELETE trigger exists on PostgreSQL only
def test_postgres_refuses_raw_delete(entries):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry")
    assert AccessLogEntry.objects.count() == 3


def test_hash_chain_detects_a_removed_or_altered_entry(entries):
    assert verify_chain() == (True, 3, None)
    # Simulate a DBA going around the application: drop the middle entry without triggers.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        cursor.execute("DELETE FROM audit_accesslogentry WHERE id = %s", [entries[1].pk])
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")
    intact, _checked, broken = verify_chain()
    assert not intact
    assert broken == entries[2].pk


def test_admin_offers_no_change_or_delete(entries, client):
    admin = UserFactory(username="superbeheer", is_staff=True, is_superuser=True)
    login(client, admin)
    pk = entries[0].pk
    changelist = client.get("/django-admin/audit/accesslogentry/")
    assert changelist.status_code == 200
    assert b"/django-admin/audit/accesslogentry/add/" not in changelist.content
    assert client.get("/django-admin/audit/accesslogentry/add/").status_code == 403
    assert client.get(f"/django-admin/audit/accesslogentry/{pk}/delete/").status_code == 403
    detail = client.get(f"/django-admin/audit/accesslogentry/{pk}/change/")
    assert detail.status_code == 200 and b'name="_save"' not in detail.content
    response = client.post(
        f"/django-admin/audit/accesslogentry/{pk}/change/", {"purpose": "verdoezeld"}
    )
    assert response.status_code == 403
    response = client.post(f"/django-admin/audit/accesslogentry/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AccessLogEntry.objects.get(pk=pk).purpose == "test"


def test_verify_command_reports_intact_chain(entries, capsys):
    from django.core.management import call_command

    call_command("verify_access_log")
    assert "intact" in capsys.readouterr().out
