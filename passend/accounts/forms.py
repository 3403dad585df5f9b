from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passend.core.forms import DateInput
from passend.regions.models import Organisation

from .roles import Role
from .selectors import organisations_in_region


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Gebruikersnaam of wachtwoord is onjuist."),
        "inactive": _("Dit account is niet actief."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["password"].label = _("Wachtwoord")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit uw authenticator-app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
        error_messages={
            "required": _("Vul de code van 6 cijfers in."),
            "min_length": _("De code heeft 6 cijfers."),
            "max_length": _("De code heeft 6 cijfers."),
        },
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("De code bestaat alleen uit cijfers."))
        return token


# --- beheer of users and memberships -----------------------------------------------------------


def _role_choices():
    return [("", _("Kies een rol")), *Role.choices]


class MembershipForm(forms.Form):
    """Role, organisation, expertise and dates of a membership in `team`."""

    groups = [
        (
            _("Rol in het team"),
            ["role", "organisation", "expertise", "start", "end", "aggregate_whole_area"],
        )
    ]

    role = forms.ChoiceField(
        label=_("Rol"), choices=_role_choices, error_messages={"required": _("Kies een rol.")}
    )
    organisation = forms.ModelChoiceField(
        label=_("Namens organisatie"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Kies een organisatie"),
        help_text=_("Alleen organisaties die actief zijn in de regio van het team."),
        error_messages={"invalid_choice": _("Kies een organisatie uit de lijst.")},
    )
    expertise = forms.CharField(
        label=_("Expertise"),
        max_length=120,
        required=False,
        help_text=_("Bijvoorbeeld GGZ, LVB, onderwijs."),
    )
    start = forms.DateField(
        label=_("Startdatum"),
        widget=DateInput(),
        error_messages={
            "required": _("Vul de startdatum in."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    end = forms.DateField(
        label=_("Einddatum"),
        widget=DateInput(),
        required=False,
        help_text=_("De laatste dag van deze rol; leeg laten als de rol doorloopt."),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    aggregate_whole_area = forms.BooleanField(
        label=_("Mag de cijfers van het hele werkgebied zien"),
        required=False,
        help_text=_(
            "Alleen voor een beleidsadviseur. Zonder dit vinkje ziet een beleidsadviseur alleen "
            "de geanonimiseerde cijfers van de gemeente van de eigen organisatie."
        ),
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_in_region(team)
        if not self.is_bound and "start" not in self.initial:
            self.initial["start"] = timezone.localdate()

    def grouped(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.groups]


class InviteForm(MembershipForm):
    groups = [
        (_("Persoon"), ["first_name", "last_name", "email", "username"]),
        (_("Rol in het team"), ["role", "organisation", "expertise", "start"]),
    ]

    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(
        label=_("Achternaam"),
        max_length=150,
        error_messages={"required": _("Vul de achternaam in.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("Hierheen gaat de uitnodiging met de link om een wachtwoord te kiezen."),
        error_messages={
            "required": _("Vul het e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@organisatie.nl."),
        },
    )
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        required=False,
        help_text=_("Leeg laten: de gebruikersnaam wordt afgeleid van het e-mailadres."),
    )

    field_order = ["first_name", "last_name", "email", "username"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["end"]
        del self.fields["aggregate_whole_area"]


class SetPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Nieuw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 12 tekens; niet alleen cijfers en geen veelgebruikt wachtwoord."),
        error_messages={"required": _("Kies een wachtwoord.")},
    )
    password_again = forms.CharField(
        label=_("Herhaal het wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Herhaal het wachtwoord.")},
    )

    def clean(self):
        data = super().clean()
        first, again = data.get("password"), data.get("password_again")
        if first and again and first != again:
            self.add_error("password_again", _("De twee wachtwoorden zijn niet gelijk."))
        return data
