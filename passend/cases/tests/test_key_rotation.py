"""Key rotation as the README documents it, for every key: new key with the old one as
fallback, `reencrypt_cases`, old key removed. After each step the cases still decrypt (names,
BSN, birth date, parents, attachments), name search finds them, a second registration of the
same young person is recognised, and the whole access log verifies."""

import datetime as dt
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry
from passend.audit.services import check_chain
from passend.cases import attachments
from passend.cases.management.commands.reencrypt_cases import reset_key_cache
from passend.cases.models import Bijlage, Casus, NameToken, Ouder
from passend.cases.selectors import previously_registered
from passend.cases.services import save_case
from passend.cases.tests.factories import CasusFactory, OuderFactory
from passend.cases.tests.files import pdf
from passend.procesregie.models import Doel
from passend.procesregie.tests.factories import DoelFactory

pytestmark = pytest.mark.django_db
ROTATED = pdf("rotatie")
BIRTH = dt.date(2010, 6, 1)
BSN = "123456782"

START = {
    "SECRET_KEY": "secret-1",
    "SECRET_KEY_FALLBACKS": [],
    "SALT_KEY": ["zout-1"],
    "PASSEND_PSEUDONYM_KEY": "pseudoniem-1",
    "PASSEND_PSEUDONYM_KEY_FALLBACKS": [],
    "PASSEND_AUDIT_KEY": "audit-1",
    "PASSEND_AUDIT_KEY_FALLBACKS": [],
}
# Each key as the README rotates it: (setting, its fallback setting or None, new value).
ROTATIONS = [
    ("SECRET_KEY", "SECRET_KEY_FALLBACKS", "secret-2"),
    ("SALT_KEY", None, "zout-2"),
    ("PASSEND_PSEUDONYM_KEY", "PASSEND_PSEUDONYM_KEY_FALLBACKS", "pseudoniem-2"),
    ("PASSEND_AUDIT_KEY", "PASSEND_AUDIT_KEY_FALLBACKS", "audit-2"),
]


@contextmanager
def keys(values: dict):
    with override_settings(**values):
        reset_key_cache()
        try:
            yield
        finally:
            reset_key_cache()


def raw(table: str, column: str, pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def name_digests(casus) -> set[str]:
    return set(NameToken.objects.filter(casus=casus).values_list("digest", flat=True))


def check_everything(tenancy, as_user, casus, attachment, step: str) -> None:
    """What a user and an auditor rely on, under the keys now in force."""
    fresh = Casus.objects.get(pk=casus.pk)
    assert (fresh.first_name, fresh.last_name, fresh.bsn, fresh.birth_date) == (
        "Rotje",
        "Roteerling",
        BSN,
        BIRTH,
    ), step
    assert Ouder.objects.get(casus=casus).last_name == "Roteerling-Ouder", step
    assert Doel.objects.get(casus=casus).description == "Een veilige plek voor Rotje.", step
    attachment = Bijlage.objects.get(pk=attachment.pk)
    assert attachments.read(attachment) == ROTATED, step
    assert attachment.original_name == "rotatie.pdf", step
    # Name search on the case list page (the blind index); also writes access-log entries.
    client = as_user(tenancy.a.users[Role.SCREENER])  # a new login: sessions follow the key
    page = client.get(f"/teams/{tenancy.a.team.slug}/casussen/", {"naam": "roteerling"})
    assert page.status_code == 200, step
    assert [c.pk for c in page.context["page"].object_list] == [casus.pk], step
    detail = client.get(f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/")
    assert "Roteerling" in detail.content.decode(), step
    # The same young person registered again, under the current keys: recognised.
    again = save_case(
        Casus(
            team=tenancy.a.team,
            first_name="Rotje",
            last_name="Roteerling",
            birth_date=BIRTH,
            referrer_type="01",
            is_draft=False,
        )
    )
    assert casus.pk in {c.pk for c in previously_registered(again)}, step
    by_bsn = save_case(
        Casus(
            team=tenancy.a.team,
            first_name="Anders",
            last_name="Gespeld",
            bsn=BSN,
            referrer_type="01",
            is_draft=False,
        )
    )
    assert casus.pk in {c.pk for c in previously_registered(by_bsn)}, step
    Casus.objects.filter(pk__in=[again.pk, by_bsn.pk]).delete()
    result = check_chain()
    assert result.intact and result.checked == AccessLogEntry.objects.count(), (step, result)
    out = StringIO()
    call_command("verify_access_log", stdout=out)
    assert "intact" in out.getvalue(), step


def case_with_everything_encrypted(tenancy):
    """A case with a parent, a procesregie goal and an attachment: every kind of encrypted data."""
    casus = CasusFactory(
        team=tenancy.a.team, first_name="Rotje", last_name="Roteerling", bsn=BSN, birth_date=BIRTH
    )
    OuderFactory(casus=casus, last_name="Roteerling-Ouder")
    DoelFactory(casus=casus, term="kort", description="Een veilige plek voor Rotje.")
    attachment = attachments.add(
        casus, file=SimpleUploadedFile("rotatie.pdf", ROTATED), actor=tenancy.a.users[Role.TEAMLID]
    )
    return casus, attachment


def test_rotate_every_documented_key_in_sequence(tenancy, as_user):
    current = dict(START)
    with keys(current):
        casus, attachment = case_with_everything_encrypted(tenancy)
        check_everything(tenancy, as_user, casus, attachment, "start")
    key_ids = set()
    for setting, fallbacks, new in ROTATIONS:
        old = current[setting]
        before = (
            raw("cases_casus", "last_name", casus.pk),
            raw("cases_casus", "name_pseudonym", casus.pk),
            name_digests(casus),
        )
        # 1. The new key in force, the old one still accepted.
        if fallbacks is None:  # the salts: newest first, every one decrypts
            current[setting] = [new, *old]
        else:
            current[setting], current[fallbacks] = new, [old, *current[fallbacks]]
        with keys(current):
            check_everything(tenancy, as_user, casus, attachment, f"{setting}: new + old")
            # 2. Re-key what can be re-keyed.
            call_command("reencrypt_cases", stdout=StringIO())
            check_everything(tenancy, as_user, casus, attachment, f"{setting}: re-encrypted")
        after = (
            raw("cases_casus", "last_name", casus.pk),
            raw("cases_casus", "name_pseudonym", casus.pk),
            name_digests(casus),
        )
        assert after[0] != before[0], f"{setting}: ciphertext renewed"
        if setting in ("PASSEND_PSEUDONYM_KEY",):
            assert after[1] != before[1] and not after[2] & before[2], "pseudonyms recomputed"
        # 3. The old key removed (an audit key stays: its entries cannot be re-signed).
        if fallbacks is None:
            current[setting] = [new]
        elif setting != "PASSEND_AUDIT_KEY":
            current[fallbacks] = []
        with keys(current):
            check_everything(tenancy, as_user, casus, attachment, f"{setting}: old removed")
        key_ids |= set(AccessLogEntry.objects.values_list("key_id", flat=True))
    assert len(key_ids) == 2, "entries from before and after the audit-key rotation"
    # Only the key id the old key signed with is unknown once that key is dropped entirely.
    current["PASSEND_AUDIT_KEY_FALLBACKS"] = []
    with keys(current):
        result = check_chain()
        assert not result.intact and result.broken is None and len(result.unknown_keys) == 1


def test_rotating_only_the_secret_key_also_rekeys_derived_pseudonyms(tenancy, as_user):
    """Development/demo: no pseudonym or audit key set, both derived from the secret key."""
    derived = {**START, "PASSEND_PSEUDONYM_KEY": "", "PASSEND_AUDIT_KEY": ""}
    with keys(derived):
        casus, attachment = case_with_everything_encrypted(tenancy)
        before = raw("cases_casus", "name_pseudonym", casus.pk)
        check_everything(tenancy, as_user, casus, attachment, "secret: start")
    rotated = {**derived, "SECRET_KEY": "secret-2", "SECRET_KEY_FALLBACKS": ["secret-1"]}
    with keys(rotated):
        check_everything(tenancy, as_user, casus, attachment, "secret: new + old")
        call_command("reencrypt_cases", stdout=StringIO())
        assert raw("cases_casus", "name_pseudonym", casus.pk) != before
        check_everything(tenancy, as_user, casus, attachment, "secret: re-encrypted")
    with keys({**rotated, "SECRET_KEY_FALLBACKS": []}):
        fresh = Casus.objects.get(pk=casus.pk)
        assert fresh.last_name == "Roteerling"
        # The log written under the old secret key needs that key to verify: it is named.
        assert len(check_chain().unknown_keys) == 1


@pytest.mark.parametrize("birth", [BIRTH, None], ids=["encrypted date", "text only"])
def test_reencrypt_refuses_data_no_configured_key_decrypts_and_changes_nothing(tenancy, birth):
    """The old salt removed before re-encrypting: stop, rather than encrypt the ciphertext."""
    with keys(START):
        casus = CasusFactory(team=tenancy.a.team, last_name="Roteerling", birth_date=birth)
        DoelFactory(casus=casus, term="kort", description="Een veilige plek voor Rotje.")
        stored = raw("procesregie_doel", "description", Doel.objects.get(casus=casus).pk)
    with keys({**START, "SALT_KEY": ["zout-2"]}), pytest.raises(CommandError) as refused:
        call_command("reencrypt_cases", stdout=StringIO())
    assert "decrypts with none of the configured keys" in str(refused.value)
    assert "nothing was changed" in str(refused.value)
    assert raw("procesregie_doel", "description", Doel.objects.get(casus=casus).pk) == stored
    with keys(START):
        assert Casus.objects.get(pk=casus.pk).last_name == "Roteerling"
