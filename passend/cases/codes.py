"""Code lists for registration (CODES.md). Kept as data, in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseState(models.TextChoices):
    AANGEMELD = "aangemeld", _("aangemeld")
    IN_SCREENING = "in_screening", _("in screening")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    DOORVERWEZEN = "doorverwezen", _("doorverwezen")
    CRISIS_DOORVERWEZEN = "crisis_doorverwezen", _("crisis, doorverwezen")
    IN_BEHANDELING = "in_behandeling", _("in behandeling")


class ReferrerType(models.TextChoices):
    """COD327 / CBS verwijzer, plus the expert team's local extras (prefix L)."""

    GEMEENTE = "01", _("gemeentelijke toegang (wijkteam/CJG)")
    HUISARTS = "02", _("huisarts")
    JEUGDARTS = "03", _("jeugdarts")
    GI = "04", _("gecertificeerde instelling")
    MEDISCH_SPECIALIST = "05", _("medisch specialist")
    ZELFVERWIJZER = "06", _("zelfverwijzer / geen verwijzer")
    JUSTITIE = "08", _("rechter, officier van justitie, JJI")
    ZORGAANBIEDER = "L1", _("zorgaanbieder")
    ONDERWIJS = "L2", _("onderwijs (school, samenwerkingsverband, leerplicht)")
    OUDERS_JEUGDIGE = "L3", _("ouders / jeugdige (zelfmelding)")
    EXPERTISECENTRUM = "L4", _("expertisecentrum")


class LegalFramework(models.TextChoices):
    VRIJWILLIG = "vrijwillig", _("vrijwillig")
    OTS = "ots", _("ondertoezichtstelling (OTS)")
    VOOGDIJ = "voogdij", _("voogdij")
    JEUGDRECLASSERING = "jeugdreclassering", _("jeugdreclassering")
    MACHTIGING = "machtiging_gesloten", _("machtiging gesloten jeugdhulp")
    VERLENGDE_JEUGDHULP = "verlengde_jeugdhulp", _("verlengde jeugdhulp (18+)")


# Frameworks under which case work may start without consent, when a reason is recorded.
COMPULSORY_FRAMEWORKS = frozenset(
    {
        LegalFramework.OTS,
        LegalFramework.VOOGDIJ,
        LegalFramework.JEUGDRECLASSERING,
        LegalFramework.MACHTIGING,
    }
)


class Urgency(models.TextChoices):
    NORMAAL = "normaal", _("normaal")
    HOOG = "hoog", _("hoog: binnen twee weken")
    ZEER_HOOG = "zeer_hoog", _("zeer hoog: direct (geen crisis)")


class Gender(models.TextChoices):
    ONBEKEND = "", _("niet opgegeven")
    MEISJE = "v", _("meisje / vrouw")
    JONGEN = "m", _("jongen / man")
    ANDERS = "x", _("anders")


class ParentRelation(models.TextChoices):
    MOEDER = "moeder", _("moeder")
    VADER = "vader", _("vader")
    OUDER = "ouder", _("ouder")
    PLEEGOUDER = "pleegouder", _("pleegouder")
    VOOGD = "voogd", _("voogd")
    STIEFOUDER = "stiefouder", _("stiefouder")
    ANDERS = "anders", _("andere verzorger")


class ConsentMethod(models.TextChoices):
    FORMULIER = "formulier", _("ondertekend formulier (geüpload)")
    DIGITAAL = "digitaal", _("digitaal gegeven")
    MONDELING = "mondeling", _("mondeling, met getuige")


class ScreeningOutcome(models.TextChoices):
    GESCHIKT = "geschikt", _("geschikt: in behandeling")
    NIET_GESCHIKT = "niet_geschikt", _("niet geschikt (met reden en doorverwijzing)")
    CRISIS = "crisis", _("crisis: doorverwezen")
