"""Forms of the privacy lifecycle pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from passend.core.forms import DateInput

from .dpia import CRITERIA, RECORD_FIELDS
from .models import DpiaToets

CHECK_FIELDS = [*CRITERIA, "assessed_on", "privacy_officer"]
DONE_FIELDS = [name for name in RECORD_FIELDS if name not in CHECK_FIELDS]


class DpiaForm(forms.ModelForm):
    """The nine criteria with who and when (first fieldset), then the DPIA and the covenant
    (second fieldset). The rules live in ``passend.privacy.dpia.record_dpia``."""

    # Together or not at all: the DPIA's date and reference; with the covenant ticked, its
    # reference and date (the service says which one is missing).
    conditionally_required = frozenset(
        {"dpia_done_on", "dpia_reference", "covenant_reference", "covenant_signed_on"}
    )

    class Meta:
        model = DpiaToets
        fields = [*CHECK_FIELDS, *DONE_FIELDS]
        help_texts = {
            "dpia_done_on": _("Verplicht met een kenmerk."),
            "dpia_reference": _("Verplicht met een datum."),
            "covenant_reference": _("Verplicht als het convenant is vastgesteld."),
            "covenant_signed_on": _("Verplicht als het convenant is vastgesteld."),
        }
        widgets = {
            "assessed_on": DateInput(),
            "dpia_done_on": DateInput(),
            "covenant_signed_on": DateInput(),
        }

    def check_fields(self):
        return [self[name] for name in CHECK_FIELDS]

    def criteria_fields(self):
        return [self[name] for name in CRITERIA]

    def assessment_fields(self):
        return [self[name] for name in ("assessed_on", "privacy_officer")]

    def done_fields(self):
        return [self[name] for name in DONE_FIELDS]
