"""The add and edit form of a code-list item; the rules are the service's (services.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeItemForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_(
            "Kleine letters, cijfers en streepjes, bijvoorbeeld 'angst-somberheid'. De code "
            "verandert later niet: imports en de API gebruiken hem."
        ),
        error_messages={
            "required": _("Vul een code in."),
            "invalid": _(
                "Een code bestaat uit kleine letters, cijfers en streepjes, bijvoorbeeld "
                "'angst-somberheid'."
            ),
            "max_length": _("Een code heeft ten hoogste 40 tekens."),
        },
        widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}),
    )
    label_nl = forms.CharField(
        label=_("Nederlandse omschrijving"),
        max_length=120,
        error_messages={
            "required": _("Vul de Nederlandse omschrijving in."),
            "max_length": _("Gebruik ten hoogste 120 tekens."),
        },
    )
    label_en = forms.CharField(
        label=_("Engelse omschrijving"),
        max_length=120,
        help_text=_("Wat gebruikers zien die Passend in het Engels gebruiken."),
        error_messages={
            "required": _("Vul de Engelse omschrijving in."),
            "max_length": _("Gebruik ten hoogste 120 tekens."),
        },
    )
    order = forms.IntegerField(
        label=_("Volgorde"),
        min_value=0,
        max_value=999,
        initial=0,
        help_text=_("Lager staat eerder in de lijst; bij gelijke volgorde op omschrijving."),
        error_messages={
            "required": _("Vul de volgorde in als een heel getal, bijvoorbeeld 10."),
            "invalid": _("Vul de volgorde in als een heel getal, bijvoorbeeld 10."),
            "min_value": _("Vul een volgorde in van 0 tot en met 999."),
            "max_value": _("Vul een volgorde in van 0 tot en met 999."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 999}),
    )

    def __init__(self, *args, item=None, gemeenten=None, **kwargs):
        """`gemeenten`: for a list whose items belong to a municipality (wijken), the region's
        municipalities to choose from."""
        super().__init__(*args, **kwargs)
        self.item = item
        if gemeenten is not None:
            self.fields["gemeente"] = forms.ModelChoiceField(
                label=_("Gemeente"),
                queryset=gemeenten,
                empty_label=_("Kies een gemeente"),
                help_text=_("De gemeente van de jeugdregio waar de wijk in ligt."),
                error_messages={
                    "required": _("Kies de gemeente waar de wijk in ligt."),
                    "invalid_choice": _("Kies een gemeente van deze jeugdregio."),
                },
            )
            self.order_fields(["gemeente"])
        if item is not None:  # the code of an existing item does not change
            del self.fields["code"]
            self.initial.update(label_nl=item.label_nl, label_en=item.label_en, order=item.order)
            if gemeenten is not None:
                self.initial["gemeente"] = item.gemeente_id
