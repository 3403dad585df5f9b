"""Identifying fields are never stored in plain text; search and recognition still work."""

import datetime as dt
import sqlite3

import pytest
from django.db import connection

from passend.cases.models import Casus
from passend.cases.pseudonyms import token_digests
from passend.cases.selectors import previously_registered
from passend.cases.services import save_case
from passend.cases.tests.factories import CasusFactory, OuderFactory

pytestmark = pytest.mark.django_db

SECRETS = ["Zilvermeeuw", "Janneke-Fictief", "Oeverpad 12", "111222333", "Duinhuizen", "2011-03-14"]


def all_text_in_database() -> str:
    """Everything stored in every table, as text: what someone with a database copy sees."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            chunks.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(chunks)


def test_raw_database_shows_no_names_bsn_address_or_birth_date(tenancy):
    casus = CasusFactory(
        team=tenancy.a.team,
        first_name="Janneke-Fictief",
        last_name="Zilvermeeuw",
        bsn="111222333",
        address="Oeverpad 12, Duinwijk",
        birth_date=dt.date(2011, 3, 14),
    )
    OuderFactory(
        casus=casus, first_name="Duinhuizen", last_name="Zilvermeeuw", address="Oeverpad 12"
    )
    raw = all_text_in_database()
    for secret in SECRETS:
        assert secret not in raw, f"{secret!r} is stored in plain text"
    fresh = Casus.objects.get(pk=casus.pk)
    assert (fresh.first_name, fresh.bsn, fresh.birth_date) == (
        "Janneke-Fictief",
        "111222333",
        dt.date(2011, 3, 14),
    )
    assert fresh.birth_month == dt.date(2011, 3, 1)


def test_name_search_through_blind_index(tenancy):
    casus = CasusFactory(team=tenancy.a.team, first_name="Émile", last_name="van den Bosch")
    CasusFactory(team=tenancy.a.team, first_name="Anna", last_name="Bos")
    for query in ["emile", "BOSCH", "van den bosch"]:
        digests = token_digests(query)
        found = Casus.objects.all()
        for digest in digests:
            found = found.filter(name_tokens__digest=digest)
        assert list(found) == [casus], query


def test_re_registration_is_recognised_without_plaintext(tenancy):
    first = CasusFactory(
        team=tenancy.a.team, first_name="Sem", last_name="Klif", birth_date=dt.date(2010, 1, 2)
    )
    again = CasusFactory(
        team=tenancy.a.team, first_name="sem", last_name="KLIF", birth_date=dt.date(2010, 1, 2)
    )
    other = CasusFactory(
        team=tenancy.a.team, first_name="Sem", last_name="Klif", birth_date=dt.date(2010, 1, 3)
    )
    assert list(previously_registered(again)) == [first]
    with_bsn = save_case(
        Casus(
            team=tenancy.a.team,
            first_name="X",
            last_name="Y",
            bsn="111222333",
            referrer_type="01",
            is_draft=False,
        )
    )
    same_bsn = save_case(
        Casus(
            team=tenancy.a.team,
            first_name="Andere",
            last_name="Spelling",
            bsn="111222333",
            referrer_type="01",
            is_draft=False,
        )
    )
    assert list(previously_registered(same_bsn)) == [with_bsn]
    assert other not in previously_registered(again)


@pytest.mark.vendor("sqlite")  # the SQLite file itself; PostgreSQL is read via SQL above
@pytest.mark.django_db(transaction=True)  # committed data: a backup cannot copy an open write
def test_sqlite_file_bytes_show_no_identifying_data(tenancy, tmp_path):
    casus = CasusFactory(
        team=tenancy.a.team, first_name="Janneke-Fictief", last_name="Zilvermeeuw",
        bsn="111222333", address="Oeverpad 12, Duinwijk", birth_date=dt.date(2011, 3, 14),
    )  # fmt: skip
    OuderFactory(casus=casus, first_name="Duinhuizen", last_name="Zilvermeeuw")
    connection.ensure_connection()
    target = sqlite3.connect(tmp_path / "kopie.sqlite3", timeout=5)
    connection.connection.backup(target)
    target.close()
    raw = (tmp_path / "kopie.sqlite3").read_bytes()
    assert tenancy.a.team.name.encode() in raw, "the copy holds the data (plain team name)"
    for secret in SECRETS:
        assert secret.encode() not in raw, f"{secret!r} readable in the database file"
