"""Attachments: type checked on content, size limit, encrypted at rest, downloads logged."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry
from passend.cases.models import Bijlage
from passend.cases.tests.factories import CasusFactory

pytestmark = pytest.mark.django_db

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nVerslag over Kiki Duinroos-Fictief\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Verslag</w:document>")
    return buffer.getvalue()


@pytest.fixture
def casus(tenancy):
    return CasusFactory(team=tenancy.a.team, aanmelder=tenancy.a.users[Role.AANMELDER])


def upload(client, tenancy, casus, name, content, **extra):
    return client.post(
        f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/",
        {"formulier": "bijlage", "file": SimpleUploadedFile(name, content), **extra},
    )


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("verslag.pdf", PDF, "application/pdf"),
        ("foto.png", PNG, "image/png"),
        ("brief.docx", docx(), DOCX_MIME),
    ],
)
def test_allowed_types_are_stored_encrypted_and_download_is_logged(
    tenancy, as_user, casus, name, content, mime
):
    client = as_user(tenancy.a.users[Role.SCREENER])
    response = upload(
        client, tenancy, casus, f"Kiki Duinroos {name}", content, description="onderzoek"
    )
    assert response.status_code == 302
    attachment = Bijlage.objects.get()
    assert attachment.content_type == mime and attachment.size == len(content)
    with attachment.file.open("rb") as stored:
        raw = stored.read()
    assert content not in raw and b"Kiki" not in raw, "content encrypted at rest"
    assert "Kiki" not in attachment.file.name, "no name in the storage path"
    download = client.get(
        f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/bijlagen/{attachment.pk}/"
    )
    assert download.status_code == 200 and download.content == content
    assert download["Content-Type"] == mime
    assert AccessLogEntry.objects.filter(action="export", subject_id=str(casus.pk)).exists()


def test_wrong_type_is_refused_on_content_not_name(tenancy, as_user, casus):
    client = as_user(tenancy.a.users[Role.SCREENER])
    response = upload(
        client,
        tenancy,
        casus,
        "verslag.pdf",
        b"MZ\x90\x00" + b"\x00" * 200,
        description="bewaar mij",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dit soort bestand kan niet worden toegevoegd" in body
    assert 'value="bewaar mij"' in body, "the description is kept"
    assert not Bijlage.objects.exists()


@override_settings(PASSEND_MAX_ATTACHMENT_MB=1)
def test_too_large_is_refused(tenancy, as_user, casus):
    client = as_user(tenancy.a.users[Role.SCREENER])
    big = PDF + b"0" * (1024 * 1024 + 1)
    assert "te groot" in upload(client, tenancy, casus, "groot.pdf", big).content.decode()
    assert not Bijlage.objects.exists()


def test_api_upload_list_and_download(tenancy, as_user, casus):
    client = as_user(tenancy.a.users[Role.AANMELDER])
    url = f"/api/v1/cases/{casus.pk}/attachments"
    created = client.post(url, {"file": SimpleUploadedFile("v.pdf", PDF), "description": "verslag"})
    assert created.status_code == 201, created.content
    assert created.json()["contentType"] == "application/pdf"
    assert [a["originalName"] for a in client.get(url).json()] == ["v.pdf"]
    download = client.get(f"{url}/{created.json()['id']}")
    assert download.status_code == 200 and download.content == PDF
    bad = client.post(url, {"file": SimpleUploadedFile("x.pdf", b"plain text")})
    assert bad.status_code == 400 and bad.json()["invalidParams"][0]["name"] == "file"
    other = as_user(tenancy.b.users[Role.SCREENER]).get(f"{url}/{created.json()['id']}")
    assert other.status_code == 404
