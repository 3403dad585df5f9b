"""The processing register: one source for the beheer page and docs/verwerkingsregister.md."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from passend.accounts.roles import Role
from passend.privacy import register
from passend.privacy.management.commands import write_verwerkingsregister

from .factories import DpiaToetsFactory

REGISTER = settings.BASE_DIR / "docs" / "verwerkingsregister.md"


def test_the_committed_register_equals_the_generated_one():
    """Run `manage.py write_verwerkingsregister` after changing passend/privacy/register.py."""
    assert REGISTER.read_text(encoding="utf-8") == register.as_markdown()


def test_the_command_writes_and_checks(tmp_path, monkeypatch):
    target = tmp_path / "verwerkingsregister.md"
    monkeypatch.setattr(write_verwerkingsregister, "register_path", lambda: target)
    with pytest.raises(CommandError):
        call_command("write_verwerkingsregister", "--check")
    call_command("write_verwerkingsregister")
    assert target.read_text(encoding="utf-8") == register.as_markdown()
    call_command("write_verwerkingsregister", "--check")


def test_every_category_has_purpose_basis_roles_and_retention():
    keys = [c.key for c in register.CATEGORIES]
    assert len(keys) == len(set(keys))
    for needed in ("casus", "ouders", "toestemmingen", "bijlagen", "casuswerk", "toegangslog"):
        assert needed in keys
    for c in register.CATEGORIES:
        assert c.purpose and c.legal_basis and c.seen_by and c.retention, c.key
        assert all(role in Role.values for role in c.seen_by), c.key


def test_which_cases_count_is_stated_with_the_learning_consent():
    text = register.as_markdown()
    assert "ook een afgewezen of doorverwezen aanmelding" in text
    assert "toestemming deel B" in text and "niet is ingetrokken" in text
    assert "5 jaar" in text and "30 dagen" in text and "6 maanden" in text


def test_the_retention_of_case_data_follows_the_team_setting():
    rows = {row["key"]: row for row in register.rows(retention_months=9)}
    assert rows["casus"]["retention"].startswith("9 maanden")
    assert "9 maanden" not in rows["toegangslog"]["retention"]


@pytest.mark.django_db
def test_the_beheer_page_shows_register_and_dpia_status(tenancy, as_user):
    team = tenancy.a.team
    team.retention_months = 12
    team.save()
    client = as_user(tenancy.a.users[Role.BEHEERDER])
    body = client.get(f"/teams/{team.slug}/beheer/privacy/").content.decode()
    assert "<title>Privacy – Expertteam alfa – Passend</title>" in body
    assert "Geanonimiseerd analyserecord" in body and "12 maanden na het afsluiten" in body
    assert "DPIA nog niet vastgelegd" in body
    assert f'href="/teams/{team.slug}/beheer/privacy/dpia/"' in body
    DpiaToetsFactory(team=team)
    body = client.get(f"/teams/{team.slug}/beheer/privacy/").content.decode()
    assert "DPIA nog niet vastgelegd" not in body and "DPIA-2026-001" in body
    beheer = client.get(f"/teams/{team.slug}/beheer/").content.decode()
    assert f'href="/teams/{team.slug}/beheer/privacy/"' in beheer


@pytest.mark.django_db
def test_the_register_page_is_the_beheerders(tenancy, as_user):
    team = tenancy.a.team
    client = as_user(tenancy.a.users[Role.VOORZITTER])
    assert client.get(f"/teams/{team.slug}/beheer/privacy/").status_code == 404
