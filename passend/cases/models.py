"""Casus (case) with the young person, parents/carers, consents and status history.

Identifying fields are encrypted at rest (Fernet, key from the environment). Search and
re-registration use keyed hashes (blind index, pseudonym), never plaintext.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from encrypted_fields.fields import EncryptedCharField, EncryptedFieldMixin, EncryptedTextField

from passend.regions.models import Gemeente, Organisation, Region, Team

from .codes import (
    CaseState,
    ClosureOutcome,
    ConsentMethod,
    ConsultationType,
    Gender,
    LegalFramework,
    ParentRelation,
    Plaatsingsroute,
    ReferrerType,
    ScreeningOutcome,
    Urgency,
    Woonsituatie,
)


class EncryptedDateField(EncryptedFieldMixin, models.DateField):
    """A date stored encrypted (ISO text inside the Fernet token)."""


class CodeItemQuerySet(models.QuerySet):
    def of_region(self, region):
        return self.filter(region=region)

    def offered(self, region, *, keep=()):
        """What a form offers for a new choice: the region's active items, plus the items
        already chosen on the record being edited (`keep`), which stay even when inactive."""
        keep_ids = [getattr(item, "pk", item) for item in keep]
        return self.filter(
            models.Q(region=region, active=True) | models.Q(pk__in=keep_ids)
        ).distinct()


class CodeItem(models.Model):
    """A configurable code list entry of one region (reasons for registration, life domains,
    the social map's search vocabularies), with a Dutch and an English label. The beheerder
    manages them in the app (passend.regions.codelists)."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("jeugdregio")
    )
    code = models.SlugField(_("code"), max_length=40)
    label_nl = models.CharField(_("Nederlandse omschrijving"), max_length=120)
    label_en = models.CharField(_("Engelse omschrijving"), max_length=120, blank=True)
    active = models.BooleanField(_("actief"), default=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = CodeItemQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "label_nl"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "code"], name="%(app_label)s_%(class)s_region_code"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The label in the active language: English when English is active and an English
        label is set, otherwise Dutch."""
        if self.label_en and (get_language() or "").startswith("en"):
            return self.label_en
        return self.label_nl


class RegistrationReason(CodeItem):
    class Meta(CodeItem.Meta):
        verbose_name = _("reden van aanmelding")
        verbose_name_plural = _("redenen van aanmelding")


class LifeDomain(CodeItem):
    class Meta(CodeItem.Meta):
        verbose_name = _("leefgebied")
        verbose_name_plural = _("leefgebieden")


class Sector(CodeItem):
    """Problem type: the sectors whose expertise the question needs (GGZ, LVB, ...)."""

    class Meta(CodeItem.Meta):
        verbose_name = _("problematiek / benodigde expertise")
        verbose_name_plural = _("problematiek / benodigde expertise")


class Wijk(CodeItem):
    """A wijk or stadsdeel of one municipality of the region (optional, for big-city teams)."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="wijken", verbose_name=_("gemeente")
    )

    class Meta(CodeItem.Meta):
        verbose_name = _("wijk / stadsdeel")
        verbose_name_plural = _("wijken / stadsdelen")
        ordering = ["gemeente__name", "order", "label_nl"]


class Casus(models.Model):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(_("casusnummer"), max_length=20, unique=True)
    state = models.CharField(
        _("status"), max_length=24, choices=CaseState.choices, default=CaseState.AANGEMELD
    )
    registered_at = models.DateTimeField(_("aangemeld op"), default=timezone.now, db_index=True)
    self_registration = models.BooleanField(_("zelfmelding"), default=False)
    filled_in_by = models.CharField(
        _("ingevuld door"),
        max_length=10,
        blank=True,
        choices=[("jeugdige", _("jeugdige zelf")), ("ouder", _("ouder of verzorger"))],
        help_text=_("Bij zelfmelding: wie het formulier invulde."),
    )
    is_draft = models.BooleanField(_("concept"), default=True)

    # The young person (jeugdige). Identifying fields encrypted.
    first_name = EncryptedCharField(_("voornaam"), max_length=100)
    last_name = EncryptedCharField(_("achternaam"), max_length=150)
    birth_date = EncryptedDateField(_("geboortedatum"), null=True, blank=True)
    birth_month = models.DateField(
        _("geboortemaand"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Eerste dag van de geboortemaand, voor leeftijdsgroepen zonder ontsleutelen."),
    )
    gender = models.CharField(_("geslacht"), max_length=1, choices=Gender.choices, blank=True)
    bsn = EncryptedCharField(_("BSN"), max_length=9, null=True, blank=True)
    address = EncryptedTextField(_("adres"), null=True, blank=True)
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        related_name="cases",
        verbose_name=_("woonplaats (gemeente)"),
    )
    wijk = models.ForeignKey(
        Wijk,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("wijk / stadsdeel"),
    )
    living_situation = models.CharField(
        _("woonsituatie bij aanmelding"), max_length=16, choices=Woonsituatie.choices, blank=True
    )
    bsn_pseudonym = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    name_pseudonym = models.CharField(max_length=64, db_index=True, editable=False)

    # Registration.
    aanmelder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registered_cases",
        verbose_name=_("aanmelder"),
    )
    aanmelder_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registered_cases",
        verbose_name=_("organisatie aanmelder"),
    )
    referrer_type = models.CharField(
        _("soort verwijzer"), max_length=2, choices=ReferrerType.choices, db_index=True
    )
    question = EncryptedTextField(_("hulpvraag in eigen woorden"), null=True, blank=True)
    reasons = models.ManyToManyField(
        RegistrationReason, blank=True, verbose_name=_("redenen van aanmelding")
    )
    reason_other = models.CharField(_("andere reden"), max_length=200, blank=True)
    multiple_domains = models.BooleanField(_("meerdere leefgebieden"), default=False)
    fluctuating = models.BooleanField(
        _("progressief, wisselend of atypisch verloop"), default=False
    )
    multiple_conditions = models.BooleanField(_("meerdere aandoeningen tegelijk"), default=False)
    family_care_needs = models.BooleanField(
        _("beïnvloed door zorgvragen van anderen in het gezin"), default=False
    )
    life_domains = models.ManyToManyField(LifeDomain, blank=True, verbose_name=_("leefgebieden"))
    sectors = models.ManyToManyField(
        Sector, blank=True, verbose_name=_("problematiek / benodigde expertise")
    )
    legal_framework = models.CharField(
        _("juridisch kader"),
        max_length=24,
        choices=LegalFramework.choices,
        default=LegalFramework.VRIJWILLIG,
    )
    legal_basis_reason = models.TextField(
        _("grondslag zonder toestemming"),
        blank=True,
        help_text=_(
            "Bij OTS, voogdij, jeugdreclassering of machtiging: waarom zonder toestemming."
        ),
    )
    involved_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="involved_in",
        verbose_name=_("betrokken organisaties"),
    )
    care_history = EncryptedTextField(
        _("wat is al geprobeerd (hulpverleningsgeschiedenis)"), null=True, blank=True
    )
    urgency = models.CharField(
        _("urgentie"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAAL
    )
    youth_informed = models.BooleanField(_("jeugdige weet van de aanmelding"), default=False)
    parents_informed = models.BooleanField(_("ouders weten van de aanmelding"), default=False)

    # Screening and roles in the case.
    screening_outcome = models.CharField(
        _("uitkomst screening"), max_length=16, choices=ScreeningOutcome.choices, blank=True
    )
    screening_reason = models.TextField(_("toelichting screening"), blank=True)
    redirected_to = models.CharField(_("doorverwezen naar"), max_length=200, blank=True)
    casushouder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases_as_holder",
        verbose_name=_("casushouder"),
    )
    procesregisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases_as_director",
        verbose_name=_("procesregisseur"),
    )
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="cases_as_expert",
        verbose_name=_("experts"),
    )
    consultation_type = models.CharField(
        _("soort traject"), max_length=12, choices=ConsultationType.choices, blank=True
    )

    # Perspectief (spec §2.3): the young person's own words first, then the family's wish.
    youth_wish = EncryptedTextField(_("Wat wil je?"), null=True, blank=True)
    youth_struggle = EncryptedTextField(_("Waar loop je tegenaan?"), null=True, blank=True)
    family_wish = EncryptedTextField(_("veranderwens van het gezin"), null=True, blank=True)
    perspective_updated_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Casusregie and 16+ (spec §2.2, §2.7).
    placed_by = models.CharField(
        _("plaatsende instantie"),
        max_length=200,
        blank=True,
        help_text=_("Als de jeugdige geplaatst is: de instantie die plaatste."),
    )
    placement_route = models.CharField(
        _("geplaatst via"), max_length=16, choices=Plaatsingsroute.choices, blank=True
    )
    in_closed_youth_care = models.BooleanField(_("verblijft in gesloten jeugdhulp"), default=False)
    wlz_transition = models.BooleanField(_("overgang Jeugdwet–Wlz speelt"), default=False)

    # Closure (spec §2.5): the case closes with a recorded outcome.
    closure_outcome = models.CharField(
        _("uitkomst bij afsluiten"), max_length=28, choices=ClosureOutcome.choices, blank=True
    )
    fitting_place_on = models.DateField(_("passende plek bereikt op"), null=True, blank=True)
    closure_reason = models.TextField(_("toelichting bij afsluiten"), blank=True)
    living_situation_at_closure = models.CharField(
        _("woonsituatie bij afsluiten"), max_length=16, choices=Woonsituatie.choices, blank=True
    )

    # Retention (spec §2.13): the moment every identifying field and all free text were removed.
    anonymised_at = models.DateTimeField(
        _("geanonimiseerd op"), null=True, blank=True, editable=False
    )

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-registered_at", "-id"]
        indexes = [
            models.Index(fields=["team", "state", "-registered_at"]),
            models.Index(fields=["team", "-registered_at"]),
            models.Index(fields=["team", "gemeente"]),
            models.Index(fields=["team", "birth_month"]),
            # Lists show registered cases (own drafts are listed apart): the page walks this
            # index in date order and stops after one page; counts need not read the wide rows.
            models.Index(fields=["team", "is_draft", "-registered_at", "-id"]),
            models.Index(fields=["team", "is_draft", "state", "birth_month"]),
        ]

    def __str__(self) -> str:
        return self.reference


class NameToken(models.Model):
    """Blind index: keyed hash of one normalised name token, for search without plaintext."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="name_tokens")
    digest = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["casus", "digest"], name="name_token_unique")
        ]

    def __str__(self) -> str:
        return self.digest[:12]


class Ouder(models.Model):
    """A parent or carer of the young person."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="ouders")
    first_name = EncryptedCharField(_("voornaam"), max_length=100)
    last_name = EncryptedCharField(_("achternaam"), max_length=150)
    relation = models.CharField(_("relatie"), max_length=12, choices=ParentRelation.choices)
    has_gezag = models.BooleanField(_("heeft gezag"), default=False)
    phone = EncryptedCharField(_("telefoon"), max_length=30, null=True, blank=True)
    email = EncryptedCharField(_("e-mail"), max_length=254, null=True, blank=True)
    address = EncryptedTextField(_("adres"), null=True, blank=True)

    class Meta:
        verbose_name = _("ouder / verzorger")
        verbose_name_plural = _("ouders / verzorgers")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_relation_display()} ({self.pk})"


class Toestemming(models.Model):
    """A consent given by the young person or one parent/carer (toestemmingsverklaring)."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="consents")
    ouder = models.ForeignKey(
        Ouder,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents",
        help_text=_("Leeg: de jeugdige zelf."),
    )
    method = models.CharField(_("hoe gegeven"), max_length=10, choices=ConsentMethod.choices)
    witness = EncryptedCharField(_("getuige"), max_length=150, null=True, blank=True)
    given_on = models.DateField(_("datum toestemming"))
    scope_exchange = models.BooleanField(
        _("informatie uitwisselen met betrokken partijen zolang het team betrokken is"),
        default=True,
    )
    scope_learning = models.BooleanField(_("geanonimiseerd gebruik om te leren"), default=False)
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["given_on", "id"]

    def __str__(self) -> str:
        return f"{self.casus} {self.person_key} {self.given_on}"

    @property
    def person_key(self) -> str:
        return f"ouder:{self.ouder_id}" if self.ouder_id else "jeugdige"


class Statuswijziging(models.Model):
    """One transition of the case workflow: who, when, why. Lead times come from these."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=24, choices=CaseState.choices, blank=True)
    to_state = models.CharField(max_length=24, choices=CaseState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.casus}: {self.from_state or '–'} → {self.to_state}"


class Bijlage(models.Model):
    """An attachment (report, letter, image). Content and file name are stored encrypted."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="bijlagen")
    file = models.FileField(upload_to="bijlagen/", max_length=200)
    original_name = EncryptedCharField(_("bestandsnaam"), max_length=255)
    description = EncryptedCharField(_("omschrijving"), max_length=200, null=True, blank=True)
    content_type = models.CharField(_("soort bestand"), max_length=100)
    size = models.PositiveIntegerField(_("grootte (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.casus} bijlage {self.pk}"
