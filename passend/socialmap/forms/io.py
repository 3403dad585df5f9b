"""Forms of the sociale kaart import. Whether the file can be read is the importer's rule; its
refusal lands on the file field (`refusal_field_names`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..io.importer import MAX_BYTES


class ImportUploadForm(forms.Form):
    refusal_field_names = {"content": "bestand"}

    bestand = forms.FileField(
        label=_("Bestand met aanbieders en aanbod"),
        help_text=_("CSV (UTF-8, gescheiden door ; of ,) of Excel (.xlsx), hoogstens 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={
            "required": _("Kies een bestand."),
            "empty": _("Het bestand is leeg."),
            "invalid": _("Kies een bestand."),
        },
    )

    def clean_bestand(self):
        uploaded = self.cleaned_data["bestand"]
        if uploaded.size > MAX_BYTES:  # before reading it
            raise forms.ValidationError(
                _("Het bestand is te groot (%(size)s kB); het maximum is %(max)s kB.")
                % {"size": uploaded.size // 1024, "max": MAX_BYTES // 1024}
            )
        self.content = uploaded.read()
        return uploaded


class ImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
