"""Hooks for the access-log walk and the tenancy matrix (passend/core/tests)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from passend.accounts.roles import Role
from passend.cases import attachments

from .files import pdf


def walk_values(tenancy, casus) -> tuple[dict[str, str], set[str]]:
    attachment = casus.bijlagen.first()
    values = {"<int:caseId>": str(casus.pk), "<int:attachmentId>": str(attachment.pk)}
    api = f"/api/v1/cases/{casus.pk}"
    urls = {
        "/api/v1/cases",
        api,
        f"{api}/consents",
        f"{api}/consent-form",
        f"{api}/attachments",
        f"{api}/attachments/{attachment.pk}",
        f"{api}/perspective",
        f"{api}/case-direction",
        f"{api}/access-log",
    }
    return values, urls


def other_team_urls(tenancy, casus_b) -> list[tuple[str, str]]:
    attachment = attachments.add(
        casus_b,
        file=SimpleUploadedFile("verslag.pdf", pdf()),
        actor=tenancy.b.users[Role.TEAMLID],
    )
    consent_id = 1  # any id: the case of another team is refused before its consents
    api = f"/api/v1/cases/{casus_b.pk}"
    page = f"/teams/{tenancy.b.team.slug}/casussen/{casus_b.pk}"
    return [
        ("get", f"{page}/bijlagen/{attachment.pk}/"),
        ("get", f"{page}/toestemmingsformulier.pdf"),
        ("get", api),
        ("patch", api),
        ("get", f"{api}/consents"),
        ("post-json", f"{api}/consents"),
        ("patch", f"{api}/consents/{consent_id}"),
        ("get", f"{api}/consent-form"),
        ("get", f"{api}/attachments"),
        ("get", f"{api}/attachments/{attachment.pk}"),
        ("get", f"{api}/perspective"),
        ("patch", f"{api}/perspective"),
        ("get", f"{api}/case-direction"),
        ("patch", f"{api}/case-direction"),
        ("post-json", f"{api}/transitions"),
        ("post-json", f"{api}/closures"),
        ("get", f"{api}/access-log"),
    ]
