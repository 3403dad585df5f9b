"""Path parameters of the cases API, described once."""

from drf_spectacular.utils import OpenApiParameter

CASE_ID = OpenApiParameter("caseId", int, OpenApiParameter.PATH, description="Id van de casus.")
CONSENT_ID = OpenApiParameter(
    "consentId", int, OpenApiParameter.PATH, description="Id van de toestemming."
)
ATTACHMENT_ID = OpenApiParameter(
    "attachmentId", int, OpenApiParameter.PATH, description="Id van de bijlage."
)
