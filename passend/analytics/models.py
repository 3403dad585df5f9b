"""The analytics record: one pseudonymised fact row per case and one per event.

Everything monitoring and signalling count reads only these tables. They hold codes, the
municipality (and wijk), the age in years and age group at registration, dates and durations
— never a name, BSN, birth date, address or free text. A fact's key is random (not derived
from the BSN or the case id). The link to the case (``casus``) is cut when the retention
period anonymises the case; the rows stay, unchanged, for the figures.

The services keep the rows current in the same transaction as every write of a case
(``passend.analytics.services.refresh_case``); ``manage.py rebuild_analytics`` recomputes every
linked fact from the case records and changes nothing when they already match.
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from passend.cases.codes import (
    CaseState,
    ClosureOutcome,
    ConsultationType,
    LegalFramework,
    Plaatsingsroute,
    ReferrerType,
    ScreeningOutcome,
    Urgency,
    Woonsituatie,
)


def new_key() -> str:
    """A random surrogate key: 16 random bytes, hex."""
    return secrets.token_hex(16)


class AgeGroup(models.TextChoices):
    """Spec §2.8 age groups, at registration."""

    AGE_0_3 = "0-3", _("0–3 jaar")
    AGE_4_11 = "4-11", _("4–11 jaar")
    AGE_12_15 = "12-15", _("12–15 jaar")
    AGE_16_17 = "16-17", _("16–17 jaar")
    AGE_18_PLUS = "18+", _("18 jaar en ouder")


def age_group(age_years: int | None) -> str:
    if age_years is None:
        return ""
    if age_years <= 3:
        return AgeGroup.AGE_0_3
    if age_years <= 11:
        return AgeGroup.AGE_4_11
    if age_years <= 15:
        return AgeGroup.AGE_12_15
    if age_years <= 17:
        return AgeGroup.AGE_16_17
    return AgeGroup.AGE_18_PLUS


class CasusFeit(models.Model):
    """One case, as monitoring may see it."""

    key = models.CharField(
        _("sleutel"), max_length=32, unique=True, default=new_key, editable=False
    )
    casus = models.OneToOneField(
        "cases.Casus",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="analytics_fact",
        help_text=_("Leeg zodra de casus na de bewaartermijn is geanonimiseerd."),
    )
    team = models.ForeignKey("regions.Team", on_delete=models.PROTECT, related_name="+")
    gemeente = models.ForeignKey(
        "regions.Gemeente", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    wijk = models.ForeignKey(
        "cases.Wijk", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # Registration.
    registered_on = models.DateField(_("aangemeld op"), db_index=True)
    age_years = models.PositiveSmallIntegerField(_("leeftijd bij aanmelding"), null=True)
    age_group = models.CharField(
        _("leeftijdsgroep"), max_length=5, choices=AgeGroup.choices, blank=True
    )
    referrer_type = models.CharField(
        _("soort verwijzer"), max_length=2, choices=ReferrerType.choices
    )
    aanmelder_organisation = models.ForeignKey(
        "regions.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    self_registration = models.BooleanField(_("zelfmelding"), default=False)
    legal_framework = models.CharField(
        _("juridisch kader"), max_length=24, choices=LegalFramework.choices
    )
    urgency = models.CharField(_("urgentie"), max_length=10, choices=Urgency.choices)
    living_situation = models.CharField(
        _("woonsituatie bij aanmelding"), max_length=16, choices=Woonsituatie.choices, blank=True
    )
    learning_consent = models.BooleanField(
        _("toestemming voor leren (B)"),
        default=False,
        help_text=_(
            "Alleen dan mag de casus als voorbeeld aan evaluaties, signalen of rapportages."
        ),
    )

    # Screening and the case's course.
    state = models.CharField(_("status"), max_length=24, choices=CaseState.choices)
    screening_outcome = models.CharField(
        _("uitkomst screening"), max_length=16, choices=ScreeningOutcome.choices, blank=True
    )
    screened_on = models.DateField(_("screening besloten op"), null=True)
    consultation_type = models.CharField(
        _("soort traject"), max_length=12, choices=ConsultationType.choices, blank=True
    )
    first_discussed_on = models.DateField(_("eerste bespreking"), null=True)
    discussions = models.PositiveSmallIntegerField(_("aantal besprekingen"), default=0)
    advice_sent_on = models.DateField(_("advies verstuurd op"), null=True)
    advice_status = models.CharField(_("status advies"), max_length=12, blank=True)
    # As long as the advice's own field: the longest code has 27 characters.
    implementation_status = models.CharField(_("stand van uitvoering"), max_length=32, blank=True)
    follow_ups_done = models.PositiveSmallIntegerField(_("follow-ups gedaan"), default=0)
    clarification_requests = models.PositiveSmallIntegerField(
        _("verzoeken om toelichting"), default=0
    )
    short_term_solution = models.BooleanField(_("kortetermijnoplossing"), default=False)
    escalation_level = models.PositiveSmallIntegerField(_("hoogste escalatieniveau"), null=True)
    reopenings = models.PositiveSmallIntegerField(_("keren heropend"), default=0)

    # Closure and outcome.
    closed_on = models.DateField(_("afgesloten op"), null=True)
    closure_outcome = models.CharField(
        _("uitkomst"), max_length=28, choices=ClosureOutcome.choices, blank=True
    )
    fitting_place_on = models.DateField(_("passende plek bereikt op"), null=True)
    living_situation_at_closure = models.CharField(
        _("woonsituatie bij afsluiten"), max_length=16, choices=Woonsituatie.choices, blank=True
    )
    placement_route = models.CharField(
        _("geplaatst via"), max_length=16, choices=Plaatsingsroute.choices, blank=True
    )

    # Lead times in days from registration (spec §2.8).
    days_to_screening = models.PositiveIntegerField(null=True)
    days_to_first_discussion = models.PositiveIntegerField(null=True)
    days_to_advice = models.PositiveIntegerField(null=True)
    days_to_fitting_place = models.PositiveIntegerField(null=True)
    days_advice_to_fitting_place = models.PositiveIntegerField(null=True)
    days_to_closure = models.PositiveIntegerField(null=True)
    # "Snelle hulp" = clarity within half a year (S2:959): the first of advice sent, fitting
    # place reached or closure.
    days_to_clarity = models.PositiveIntegerField(null=True)

    unlinked_at = models.DateTimeField(_("losgekoppeld op"), null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("casusfeit")
        verbose_name_plural = _("casusfeiten")
        ordering = ["registered_on", "id"]
        indexes = [
            models.Index(fields=["team", "registered_on"]),
            models.Index(fields=["team", "gemeente", "registered_on"]),
        ]

    def __str__(self) -> str:
        return self.key[:8]


class Dimension(models.TextChoices):
    REDEN = "reden", _("reden van aanmelding")
    SECTOR = "sector", _("problematiek / benodigde expertise")
    LEEFGEBIED = "leefgebied", _("leefgebied")


class FeitCode(models.Model):
    """A multi-valued code of a case fact (a reason, a sector, a life domain), by its code."""

    feit = models.ForeignKey(CasusFeit, on_delete=models.CASCADE, related_name="codes")
    # The fact's team, copied (as on GebeurtenisFeit): a monitoring filter or grouping on a code
    # reads the team's codes by it (index below), not one code's rows of every team.
    team = models.ForeignKey("regions.Team", on_delete=models.PROTECT, related_name="+")
    dimension = models.CharField(max_length=12, choices=Dimension.choices)
    code = models.SlugField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feit", "dimension", "code"], name="feitcode_unique")
        ]
        indexes = [
            models.Index(fields=["dimension", "code"]),
            models.Index(fields=["team", "dimension", "code"]),
        ]

    def __str__(self) -> str:
        return f"{self.dimension}:{self.code}"


class EventKind(models.TextChoices):
    TRANSITION = "transition", _("statuswijziging")
    DISCUSSION = "discussion", _("bespreking in overleg")
    ADVICE_SENT = "advice_sent", _("advies verstuurd")
    FOLLOW_UP = "follow_up", _("follow-up")
    CLOSURE = "closure", _("afsluiting")
    ESCALATION = "escalation", _("escalatie")


class GebeurtenisFeit(models.Model):
    """One event of a case: when (date, and days since registration), what kind, and its codes.

    ``seq`` numbers the events of one kind within a fact in time order, so a recomputation
    finds the same row again (rebuilding changes nothing when nothing changed)."""

    feit = models.ForeignKey(CasusFeit, on_delete=models.CASCADE, related_name="events")
    # The fact's team, copied: monitoring selects a team's events by it (index below) instead
    # of walking every team's events of a kind.
    team = models.ForeignKey("regions.Team", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    seq = models.PositiveSmallIntegerField(default=0)
    occurred_on = models.DateField(db_index=True)
    day = models.PositiveIntegerField(help_text=_("Dagen sinds de aanmelding."))
    from_state = models.CharField(max_length=24, choices=CaseState.choices, blank=True)
    to_state = models.CharField(max_length=24, choices=CaseState.choices, blank=True)
    # The event's codes: participation kind of a discussion, advice status, implementation
    # status of a follow-up, escalation level, closure outcome. Never free text.
    code = models.CharField(max_length=40, blank=True)
    level = models.PositiveSmallIntegerField(null=True)

    class Meta:
        ordering = ["feit", "occurred_on", "kind", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["feit", "kind", "seq"], name="gebeurtenisfeit_unique")
        ]
        indexes = [
            models.Index(fields=["kind", "occurred_on"]),
            models.Index(fields=["team", "kind", "occurred_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.occurred_on}"
