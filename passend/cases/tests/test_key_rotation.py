"""Key rotation as documented: new salt first, re-encrypt, drop the old salt."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from passend.accounts.roles import Role
from passend.cases import attachments
from passend.cases.management.commands.reencrypt_cases import reset_key_cache
from passend.cases.models import Bijlage, Casus
from passend.cases.tests.factories import CasusFactory
from passend.cases.tests.files import pdf

pytestmark = pytest.mark.django_db
ROTATED = pdf("rotatie")


def raw_last_name(pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_name FROM cases_casus WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_rotate_salt_and_reencrypt(tenancy):
    try:
        with override_settings(SALT_KEY=["oud-zout"]):
            reset_key_cache()
            casus = CasusFactory(
                team=tenancy.a.team, last_name="Roteerling", birth_date=dt.date(2010, 6, 1)
            )
            before = raw_last_name(casus.pk)
            attachment = attachments.add(
                casus,
                file=SimpleUploadedFile("r.pdf", ROTATED),
                actor=tenancy.a.users[Role.TEAMLID],
            )
        with override_settings(SALT_KEY=["nieuw-zout", "oud-zout"]):
            reset_key_cache()
            assert Casus.objects.get(pk=casus.pk).last_name == "Roteerling"
            call_command("reencrypt_cases", stdout=open("/dev/null", "w"))  # noqa: SIM115
            assert raw_last_name(casus.pk) != before
        with override_settings(SALT_KEY=["nieuw-zout"]):
            reset_key_cache()
            fresh = Casus.objects.get(pk=casus.pk)
            assert (fresh.last_name, fresh.birth_date) == ("Roteerling", dt.date(2010, 6, 1))
            assert attachments.read(Bijlage.objects.get(pk=attachment.pk)) == ROTATED
    finally:
        reset_key_cache()
