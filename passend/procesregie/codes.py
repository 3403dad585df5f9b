"""Code lists of the procesregie module: terms, action states, escalation levels, the
toekomstplan's life domains and the checkdubbelcheck questions (Werkboek, 16plus checklist)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Term(models.TextChoices):
    KORT = "kort", _("korte termijn")
    MIDDELLANG = "middellang", _("middellange termijn")
    LANG = "lang", _("lange termijn")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    BEZIG = "bezig", _("bezig")
    GEDAAN = "gedaan", _("gedaan")
    VERVALLEN = "vervallen", _("vervallen")


OPEN_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.BEZIG})


class Level(models.TextChoices):
    """Escalation levels (opschalen), lowest first: the order is the escalation ladder."""

    CASUSREGISSEUR = "casusregisseur", _("casusregisseur")
    PROCESREGISSEUR = "procesregisseur", _("procesregisseur")
    EXPERTTEAM = "expertteam", _("regionaal expertteam")
    BOVENREGIONAAL = "bovenregionaal", _("bovenregionaal expertisecentrum")
    CCE = "cce", _("Centrum voor Consultatie en Expertise (CCE)")
    LANDELIJK = "landelijk", _("landelijk ondersteuningsteam")


LEVEL_ORDER = {level.value: index for index, level in enumerate(Level)}


def is_escalation(from_level: str, to_level: str) -> bool:
    """True when `to_level` lies higher on the ladder than `from_level`."""
    return LEVEL_ORDER[to_level] > LEVEL_ORDER[from_level]


class FutureDomain(models.TextChoices):
    """Leefdoelgebieden of the toekomstplan: what must be arranged around 18 (16plus checklist)."""

    WONEN = "wonen", _("wonen")
    ONDERWIJS_WERK = "onderwijs_werk", _("dagbesteding, onderwijs en werk")
    FINANCIEN = "financien", _("financiën en inkomen")
    GEZONDHEID = "gezondheid", _("gezondheid en behandeling")
    NETWERK = "netwerk", _("netwerk, relaties en vrije tijd")
    PRAKTISCH = "praktisch", _("identiteitsbewijs, DigiD en zorgverzekering")
    JURIDISCH = "juridisch", _("bewind, mentorschap en juridische zaken")
    VERVOLGZORG = "vervolgzorg", _("vervolgzorg na 18 (verlengde jeugdhulp, Wmo, Wlz)")


class ArrangementStatus(models.TextChoices):
    GEREGELD = "geregeld", _("geregeld")
    IN_GANG = "in_gang", _("in gang gezet")
    NIET_GEREGELD = "niet_geregeld", _("nog niet geregeld")


class Answer(models.TextChoices):
    JA = "ja", _("ja")
    NEE = "nee", _("nee")
    NVT = "nvt", _("n.v.t.")


# Checkdubbelcheck (16plus checklist): asked after the toekomstplan is formulated.
DOUBLE_CHECK = [
    (
        "check_own_plan",
        _(
            "Is het plan daadwerkelijk van de jongere en sluit het aan bij zijn/haar dromen "
            "(en is het niet meer een behandelplan)?"
        ),
    ),
    (
        "check_steps_now",
        _(
            "Zijn de stappen richting de droom van de jongere benoemd die nu al gezet kunnen "
            "worden (aansluiten bij hobby's, talenten en interesses)?"
        ),
    ),
    (
        "check_outside_closed",
        _(
            "Is bekeken of de uitvoering van deze stappen al (deels) buiten de geslotenheid kan "
            "plaatsvinden, en wat daarvoor nodig is?"
        ),
    ),
    (
        "check_short_closure",
        _(
            "Houden we de geslotenheid zo kort mogelijk, en is dat terug te zien in de gemaakte "
            "afspraken?"
        ),
    ),
]
DOUBLE_CHECK_FIELDS = [name for name, _question in DOUBLE_CHECK]

WLZ_EXPLANATION = _(
    "Voor de Jeugdwet is de gemeente verantwoordelijk, voor de Wlz de rijksoverheid (via het "
    "zorgkantoor). Doordat dit bij verschillende partijen belegd is, kan de overgang een "
    "vastloper zijn. Breng tijdig de partijen uit beide wetten bij elkaar (gemeente, "
    "zorgkantoor, Jeugdwet- en Wlz-aanbieder, jeugdbeschermer), zodat de jeugdige geruisloos "
    "overgaat."
)
