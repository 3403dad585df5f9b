"""Attachments: type checked on content, name and extension follow the content, PDFs without
scripts, size limit, encrypted at rest, downloads logged, another case's attachment refused
and logged."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from passend.accounts.roles import Role
from passend.audit.models import AccessLogEntry, Outcome
from passend.cases import attachments
from passend.cases.models import Bijlage
from passend.cases.tests.factories import CasusFactory
from passend.cases.tests.files import DOCX_MIME, PNG, docx, pdf
from passend.core.refusals import InvalidInput, NotAllowed

pytestmark = pytest.mark.django_db

PDF = pdf("Verslag over Kiki Duinroos-Fictief")
JS_ACTION = b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>"
OPEN_JS = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
# PDFs that run something or carry another file: each must be refused.
ACTIVE_PDFS = {
    "open action with JavaScript": pdf(catalog=OPEN_JS, extra=(JS_ACTION,)),
    "the same inside an object stream": pdf(
        catalog=OPEN_JS, extra=(JS_ACTION,), in_object_stream=True
    ),
    "names written with #xx escapes": pdf(
        catalog=b"<< /Type /Catalog /Pages 2 0 R /Open#41ction 5 0 R >>",
        extra=(b"<< /S /Java#53cript /J#53 (app.alert(1)) >>",),
    ),
    "escapes inside an object stream": pdf(
        catalog=b"<< /Type /Catalog /Pages 2 0 R /Open#41ction 5 0 R >>",
        extra=(b"<< /S /Java#53cript /J#53 (app.alert(1)) >>",),
        in_object_stream=True,
    ),
    "document-level JavaScript": pdf(
        catalog=b"<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 5 0 R >> >>",
        extra=(b"<< /Names [(a) 6 0 R] >>", JS_ACTION),
    ),
    "an additional action on the page": pdf(
        page=PAGE + b"/AA << /O 5 0 R >> >>", extra=(JS_ACTION,)
    ),
    "a launch action": pdf(
        catalog=b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /Launch /F (cmd.exe) >> >>"
    ),
    "an embedded file": pdf(
        catalog=b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 5 0 R >> >>",
        extra=(b"<< /Names [(a.exe) 6 0 R] >>", b"<< /Type /Filespec /F (a.exe) >>"),
    ),
    "a script in an object nothing points to": pdf(extra=(JS_ACTION,), in_object_stream=True),
}
NOT_A_PDF = {
    "HTML after a %PDF prefix": b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>",
    "a PDF header and nothing else": b"%PDF-1.4 walk",
}


@pytest.fixture
def casus(tenancy):
    return CasusFactory(team=tenancy.a.team, aanmelder=tenancy.a.users[Role.AANMELDER])


def page_url(tenancy, casus):
    return f"/teams/{tenancy.a.team.slug}/casussen/{casus.pk}/"


def upload(client, tenancy, casus, name, content, **extra):
    return client.post(
        page_url(tenancy, casus),
        {"formulier": "bijlage", "file": SimpleUploadedFile(name, content), **extra},
    )


def api_upload(client, casus, name, content):
    file = SimpleUploadedFile(name, content)
    return client.post(f"/api/v1/cases/{casus.pk}/attachments", {"file": file})


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
    assert attachment.original_name == f"Kiki Duinroos {name}"
    with attachment.file.open("rb") as stored:
        raw = stored.read()
    assert content not in raw and b"Kiki" not in raw, "content encrypted at rest"
    assert "Kiki" not in attachment.file.name, "no name in the storage path"
    download = client.get(f"{page_url(tenancy, casus)}bijlagen/{attachment.pk}/")
    assert download.status_code == 200 and download.content == content
    assert download["Content-Type"] == mime
    assert download["Content-Disposition"] == f'attachment; filename="Kiki Duinroos {name}"'
    assert AccessLogEntry.objects.filter(action="export", subject_id=str(casus.pk)).exists()


@pytest.mark.parametrize(
    ("name", "content", "stored"),
    [
        ("x.html", PDF, "x.pdf"),
        ("ok.pdf\x00.exe", PDF, "ok.pdf"),
        ("ok.pdf.exe", PDF, "ok.pdf"),
        ("foto.pdf", PNG, "foto.png"),
        ("brief.JPG", docx(), "brief.docx"),
    ],
)
def test_the_stored_and_downloaded_name_follow_the_content(
    tenancy, as_user, casus, name, content, stored
):
    client = as_user(tenancy.a.users[Role.SCREENER])
    assert upload(client, tenancy, casus, name, content).status_code == 302
    attachment = Bijlage.objects.get()
    assert attachment.original_name == stored
    download = client.get(f"{page_url(tenancy, casus)}bijlagen/{attachment.pk}/")
    assert download["Content-Disposition"] == f'attachment; filename="{stored}"'
    created = api_upload(client, casus, name, content)
    assert created.status_code == 201 and created.json()["originalName"] == stored


def test_a_nul_ends_the_name_in_the_service_too(tenancy, casus):
    attachment = attachments.add(
        casus,
        file=SimpleUploadedFile("ok.pdf\x00.exe", PDF),
        actor=tenancy.a.users[Role.TEAMLID],
    )
    assert attachment.original_name == "ok.pdf"
    assert attachments.clean_name("../../map\\verslag\x07.pdf", "application/pdf") == "verslag.pdf"


@pytest.mark.parametrize("kind", list(ACTIVE_PDFS))
def test_a_pdf_with_scripts_or_automatic_actions_is_refused_page_and_api(
    tenancy, as_user, casus, kind
):
    client = as_user(tenancy.a.users[Role.SCREENER])
    response = upload(client, tenancy, casus, "verslag.pdf", ACTIVE_PDFS[kind], description="d")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Deze PDF bevat scripts of automatische acties" in body
    assert 'value="d"' in body, "the description is kept"
    api = api_upload(client, casus, "verslag.pdf", ACTIVE_PDFS[kind])
    assert api.status_code == 400 and api["Content-Type"] == "application/problem+json"
    (param,) = api.json()["invalidParams"]
    assert param["name"] == "file" and "scripts of automatische acties" in param["reason"]
    assert not Bijlage.objects.exists()


@pytest.mark.parametrize("kind", list(NOT_A_PDF))
def test_what_only_starts_like_a_pdf_is_refused_page_and_api(tenancy, as_user, casus, kind):
    client = as_user(tenancy.a.users[Role.SCREENER])
    body = upload(client, tenancy, casus, "x.html", NOT_A_PDF[kind]).content.decode()
    assert "Dit bestand is geen geldige PDF" in body
    api = api_upload(client, casus, "x.pdf", NOT_A_PDF[kind])
    assert api.status_code == 400 and api.json()["invalidParams"][0]["name"] == "file"
    assert not Bijlage.objects.exists()


def test_a_plain_pdf_in_an_object_stream_is_accepted(tenancy, casus):
    attachment = attachments.add(
        casus,
        file=SimpleUploadedFile("v.pdf", pdf(in_object_stream=True)),
        actor=tenancy.a.users[Role.TEAMLID],
    )
    assert attachment.content_type == "application/pdf"


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


def test_who_may_add_is_decided_by_the_service(tenancy, as_user, casus):
    file = SimpleUploadedFile("v.pdf", PDF)
    with pytest.raises(NotAllowed):
        attachments.add(casus, file=file, actor=tenancy.a.users[Role.NOTULIST])
    with pytest.raises(NotAllowed):
        attachments.add(casus, file=file, actor=tenancy.b.users[Role.TEAMLID])
    with pytest.raises(InvalidInput):
        attachments.add(casus, file=SimpleUploadedFile("v.pdf", b""), actor=casus.aanmelder)
    notulist = as_user(tenancy.a.users[Role.NOTULIST])
    api = api_upload(notulist, casus, "v.pdf", PDF)
    assert api.status_code == 403 and api["Content-Type"] == "application/problem+json"
    page = upload(notulist, tenancy, casus, "v.pdf", PDF)
    assert page.status_code == 403 and "geen bijlage toevoegen" in page.content.decode()
    assert not Bijlage.objects.exists()


def test_an_attachment_of_another_case_is_404_with_one_denied_entry_naming_it(
    tenancy, as_user, casus
):
    other_case = CasusFactory(team=tenancy.a.team)
    foreign = attachments.add(
        other_case,
        file=SimpleUploadedFile("ander.pdf", PDF),
        actor=tenancy.a.users[Role.TEAMLID],
    )
    client = as_user(tenancy.a.users[Role.SCREENER])
    for url in (
        f"/api/v1/cases/{casus.pk}/attachments/{foreign.pk}",
        f"{page_url(tenancy, casus)}bijlagen/{foreign.pk}/",
    ):
        before = AccessLogEntry.objects.count()
        response = client.get(url)
        assert response.status_code == 404, url
        new = list(AccessLogEntry.objects.order_by("id")[before:])
        assert len(new) == 1, url
        (entry,) = new
        assert entry.outcome == Outcome.DENIED
        assert (entry.subject_type, entry.subject_id) == ("bijlage", str(foreign.pk))
        assert entry.team == tenancy.a.team and entry.user == tenancy.a.users[Role.SCREENER]
