"""The self-registration form (zelfmelding) and its spam protection without a CAPTCHA (which
many people cannot use): a honeypot field that people never see or hear, and a signed
timestamp that refuses forms sent back within a few seconds or after hours."""

import time

from django import forms
from django.core import signing
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from passend.core.forms import DateInput
from passend.regions.models import Gemeente, Team

from ..codes import ParentRelation, ReferrerType, Woonsituatie
from ..models import Casus, Ouder
from ..validators import clean_bsn, validate_birth_date

CLOSED_MESSAGE = _(
    "Dit expertteam neemt geen zelfmeldingen aan. Vraag de huisarts, het wijkteam of de school "
    "om u aan te melden."
)
RATE_LIMITED_MESSAGE = _(
    "Er zijn vanaf dit adres te veel aanmeldingen verstuurd. Wacht een uur en verstuur het "
    "formulier dan opnieuw. Wat je hebt ingevuld, staat er nog."
)
TOO_FAST_MESSAGE = _(
    "Dat ging erg snel. Kijk nog even of alles klopt en verstuur het formulier opnieuw."
)
EXPIRED_MESSAGE = _(
    "Het formulier stond te lang open (langer dan 2 uur). Kijk nog even of alles klopt en "
    "verstuur het formulier opnieuw."
)
REFUSED_MESSAGE = _(
    "Het formulier kon niet worden verstuurd. Kijk nog even of alles klopt en verstuur het "
    "formulier opnieuw."
)

TOKEN_SALT = "passend.cases.public.registration"
TOKEN_MIN_SECONDS = 3
TOKEN_MAX_SECONDS = 2 * 60 * 60
HONEYPOT = "website"

FILLED_IN_BY = [
    ("jeugdige", _("Ik ben de jeugdige (het kind of de jongere zelf)")),
    ("ouder", _("Ik ben ouder of verzorger")),
]


def make_form_token(team: Team) -> str:
    """A signed token with the time the form was handed out, bound to the team."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(team.slug)


def check_form_token(token: str, team: Team) -> str | None:
    """None when the form came back in time and untouched; otherwise the (Dutch) refusal."""
    signer = signing.TimestampSigner(salt=TOKEN_SALT)
    try:
        value = signing.Signer.unsign(signer, token or "")  # signature only; age checked below
        slug, stamp = value.rsplit(signer.sep, 1)
        issued = signing.b62_decode(stamp)
    except (signing.BadSignature, ValueError):
        return str(REFUSED_MESSAGE)
    if slug != team.slug:
        return str(REFUSED_MESSAGE)
    age = time.time() - issued
    if age < TOKEN_MIN_SECONDS:
        return str(TOO_FAST_MESSAGE)
    if age > TOKEN_MAX_SECONDS:
        return str(EXPIRED_MESSAGE)
    return None


class _Radios(forms.RadioSelect):
    """Radio buttons whose label target (for the error summary link) is the first option."""

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


def _required(message):
    return {"required": message}


class PublicRegistrationForm(forms.Form):
    filled_in_by = forms.ChoiceField(
        label=_("Wie vult dit formulier in?"),
        choices=FILLED_IN_BY,
        widget=_Radios(attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"}),
        error_messages=_required(_("Kies wie dit formulier invult.")),
    )
    first_name = forms.CharField(
        label=_("Voornaam van de jeugdige"),
        max_length=100,
        error_messages=_required(_("Vul de voornaam van de jeugdige in.")),
    )
    last_name = forms.CharField(
        label=_("Achternaam van de jeugdige"),
        max_length=150,
        error_messages=_required(_("Vul de achternaam van de jeugdige in.")),
    )
    birth_date = forms.DateField(
        label=_("Geboortedatum van de jeugdige"),
        widget=DateInput(),
        help_text=_("Bijvoorbeeld 17-05-2012."),
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        error_messages={
            "required": _("Vul de geboortedatum van de jeugdige in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 17-05-2012."),
        },
    )
    gemeente = forms.ModelChoiceField(
        label=_("In welke gemeente woont de jeugdige?"),
        queryset=Gemeente.objects.none(),
        empty_label=_("Kies een gemeente"),
        error_messages={
            "required": _("Kies de gemeente waar de jeugdige woont."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    living_situation = forms.ChoiceField(
        label=_("Waar woont de jeugdige nu?"),
        choices=[("", _("Kies een antwoord")), *Woonsituatie.choices],
        help_text=_("Weet je het niet precies? Kies dan 'anders'."),
        error_messages={
            "required": _("Kies waar de jeugdige nu woont."),
            "invalid_choice": _("Kies een antwoord uit de lijst."),
        },
    )
    address = forms.CharField(
        label=_("Adres van de jeugdige"),
        required=False,
        max_length=300,
        help_text=_("Straat, huisnummer, postcode en plaats."),
    )
    bsn = forms.CharField(
        label=_("Burgerservicenummer (BSN) van de jeugdige"),
        required=False,
        max_length=12,
        help_text=_("Weet je het niet? Laat het dan leeg."),
    )
    question = forms.CharField(
        label=_("Wat wil je? Waar loop je tegenaan?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Schrijf het in je eigen woorden. Het hoeft niet mooi of lang te zijn."),
        error_messages=_required(_("Schrijf op wat je wilt of waar je tegenaan loopt.")),
    )
    care_history = forms.CharField(
        label=_("Wat is al geprobeerd?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Welke hulp was er al? Wat hielp wel, wat niet?"),
    )
    contact_first_name = forms.CharField(
        label=_("Voornaam ouder of verzorger"),
        max_length=100,
        error_messages=_required(_("Vul de voornaam van de ouder of verzorger in.")),
    )
    contact_last_name = forms.CharField(
        label=_("Achternaam ouder of verzorger"),
        max_length=150,
        error_messages=_required(_("Vul de achternaam van de ouder of verzorger in.")),
    )
    contact_relation = forms.ChoiceField(
        label=_("Wat is deze persoon van de jeugdige?"),
        choices=[("", _("Kies een antwoord")), *ParentRelation.choices],
        error_messages=_required(_("Kies wat deze persoon van de jeugdige is.")),
    )
    contact_has_gezag = forms.BooleanField(
        label=_("Deze ouder of verzorger heeft het gezag (mag beslissen over de jeugdige)"),
        required=False,
    )
    contact_phone = forms.CharField(
        label=_("Telefoonnummer"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel"}),
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 ()-]{7,24}$",
                _("Vul een geldig telefoonnummer in, bijvoorbeeld 06 12345678."),
            )
        ],
    )
    contact_email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@mail.nl.")},
    )
    youth_informed = forms.BooleanField(
        label=_("De jeugdige weet van deze aanmelding"),
        error_messages=_required(
            _("De jeugdige moet weten van de aanmelding. Vertel het eerst en vink dit dan aan.")
        ),
    )
    parents_informed = forms.BooleanField(
        label=_("De ouders/verzorgers weten van deze aanmelding"),
        error_messages=_required(
            _(
                "De ouders of verzorgers moeten weten van de aanmelding. Vertel het eerst en "
                "vink dit dan aan."
            )
        ),
    )
    # Spam protection: people never see or hear this field; most robots fill it in.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    # Fields whose entered values are put back when the form is shown again.
    KEPT = (
        "filled_in_by",
        "first_name",
        "last_name",
        "birth_date",
        "gemeente",
        "living_situation",
        "address",
        "bsn",
        "question",
        "care_history",
        "contact_first_name",
        "contact_last_name",
        "contact_relation",
        "contact_has_gezag",
        "contact_phone",
        "contact_email",
        "youth_informed",
        "parents_informed",
    )

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team
        self.fields["gemeente"].queryset = team.gemeenten.order_by("name")

    def clean_birth_date(self):
        return validate_birth_date(self.cleaned_data["birth_date"])

    def clean_bsn(self):
        return clean_bsn(self.cleaned_data["bsn"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT):
            raise forms.ValidationError(REFUSED_MESSAGE, code="spam")
        refusal = check_form_token(cleaned.get("form_token", ""), self.team)
        if refusal:
            raise forms.ValidationError(refusal, code="form_token")
        if (
            "contact_phone" not in self.errors
            and "contact_email" not in self.errors
            and not cleaned.get("contact_phone")
            and not cleaned.get("contact_email")
        ):
            self.add_error(
                "contact_phone",
                _("Vul een telefoonnummer of een e-mailadres in, zodat het team je kan bereiken."),
            )
        return cleaned

    def refreshed(self) -> "PublicRegistrationForm":
        """Shown again after an error: entered values stay, new token, empty honeypot."""
        if self.is_bound:
            self.data = self.data.copy()
            self.data[HONEYPOT] = ""
            self.data["form_token"] = make_form_token(self.team)
        return self

    def build(self) -> tuple[Casus, Ouder]:
        data = self.cleaned_data
        casus = Casus(
            team=self.team,
            self_registration=True,
            filled_in_by=data["filled_in_by"],
            referrer_type=ReferrerType.OUDERS_JEUGDIGE,
            is_draft=True,
            first_name=data["first_name"],
            last_name=data["last_name"],
            birth_date=data["birth_date"],
            gemeente=data["gemeente"],
            living_situation=data["living_situation"],
            address=data["address"] or None,
            bsn=data["bsn"] or None,
            question=data["question"],
            care_history=data["care_history"] or None,
            youth_informed=data["youth_informed"],
            parents_informed=data["parents_informed"],
        )
        parent = Ouder(
            first_name=data["contact_first_name"],
            last_name=data["contact_last_name"],
            relation=data["contact_relation"],
            has_gezag=data["contact_has_gezag"],
            phone=data["contact_phone"] or None,
            email=data["contact_email"] or None,
        )
        return casus, parent
