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
    ADVIES_UITGEBRACHT = "advies_uitgebracht", _("advies uitgebracht")
    FOLLOW_UP = "follow_up", _("follow-up")
    AFGESLOTEN = "afgesloten", _("afgesloten")
    HEROPEND = "heropend", _("heropend")


# States in which the team works on the case (analysis, meetings, advice, procesregie).
ACTIVE_STATES = frozenset(
    {
        CaseState.IN_BEHANDELING,
        CaseState.ADVIES_UITGEBRACHT,
        CaseState.FOLLOW_UP,
        CaseState.HEROPEND,
    }
)


class ConsultationType(models.TextChoices):
    """Spec §2.2: a trajectory (consultatie) or a one-off advice (advies)."""

    CONSULTATIE = "consultatie", _("consultatie (traject)")
    ADVIES = "advies", _("advies (eenmalig)")


class ClosureOutcome(models.TextChoices):
    """How a case ends (spec §2.5, §2.8 outcomes)."""

    PASSENDE_PLEK = "passende_plek", _("passende plek bereikt")
    UITHUISPLAATSING_VOORKOMEN = "uithuisplaatsing_voorkomen", _("uithuisplaatsing voorkomen")
    CRISISPLAATSING = "crisisplaatsing", _("crisisplaatsing")
    UITSTROOM_ZWAARDER = "uitstroom_zwaarder_verblijf", _("uitstroom uit zwaarder verblijf")
    OVERIG = "overig", _("overig (met reden)")


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


class Productcategorie(models.TextChoices):
    """JZ020 productcategorie (iJw), current codes."""

    PERSOONLIJKE_VERZORGING = "40", _("persoonlijke verzorging")
    DAGBEHANDELING = "41", _("dagbehandeling")
    VERVOERDIENSTEN = "42", _("vervoerdiensten")
    VERBLIJF_MET_BEHANDELING = "43", _("verblijf incl. behandeling")
    VERBLIJF_ZONDER_BEHANDELING = "44", _("verblijf excl. behandeling")
    AMBULANT = "45", _("jeugdhulp ambulant")
    CRISIS = "46", _("jeugdhulp crisis")
    JEUGDRECLASSERING = "47", _("jeugdreclassering")
    JEUGDBESCHERMING = "48", _("jeugdbescherming")
    PREVENTIEF_JUSTITIEEL = "49", _("preventief justitieel kader")
    MAATWERK = "50", _("maatwerkarrangementen")
    BASIS_GGZ = "51", _("generalistische basis-ggz")
    SPECIALISTISCHE_GGZ = "52", _("specialistische ggz")
    KINDERGENEESKUNDE = "53", _("kindergeneeskunde")
    JEUGD_GGZ = "54", _("jeugd-ggz")
    LANDELIJK = "55", _("landelijk ingekochte zorg")


class Hulpvorm(models.TextChoices):
    """CBS hulpvorm (Beleidsinformatie Jeugd): without stay 0x, with stay 1x."""

    WIJKTEAM = "01", _("wijk-/buurtteam")
    AMBULANT_LOCATIE = "02", _("ambulant op locatie aanbieder")
    DAGHULP = "03", _("daghulp")
    IN_NETWERK = "04", _("in netwerk")
    PLEEGZORG = "11", _("pleegzorg")
    GEZINSGERICHT = "12", _("gezinsgericht verblijf")
    GESLOTEN = "13", _("gesloten plaatsing")
    OVERIG_VERBLIJF = "14", _("overig verblijf")


HULPVORMEN_MET_VERBLIJF = frozenset(
    {Hulpvorm.PLEEGZORG, Hulpvorm.GEZINSGERICHT, Hulpvorm.GESLOTEN, Hulpvorm.OVERIG_VERBLIJF}
)


class Woonsituatie(models.TextChoices):
    """Where the young person lives, at registration and at closure (monitoring: out-of-home
    and crisis placements, family-type settings, the move out of heavier care)."""

    THUIS = "thuis", _("thuis (bij ouders)")
    NETWERK = "netwerk", _("in het netwerk (familie, bekenden)")
    PLEEGZORG = "pleegzorg", _("pleegzorg")
    GEZINSHUIS = "gezinshuis", _("gezinshuis of andere gezinsvorm")
    RESIDENTIEEL = "residentieel", _("residentiële jeugdhulp (open)")
    GESLOTEN = "gesloten", _("gesloten jeugdhulp")
    CRISISOPVANG = "crisisopvang", _("crisisopvang")
    ZELFSTANDIG = "zelfstandig", _("zelfstandig of begeleid wonen")
    ANDERS = "anders", _("anders")


# Living away from home under youth care (uithuisplaatsing).
UIT_HUIS = frozenset(
    {
        Woonsituatie.PLEEGZORG,
        Woonsituatie.GEZINSHUIS,
        Woonsituatie.RESIDENTIEEL,
        Woonsituatie.GESLOTEN,
        Woonsituatie.CRISISOPVANG,
    }
)
# Family-type settings (gezinsvormen).
GEZINSVORMEN = frozenset({Woonsituatie.PLEEGZORG, Woonsituatie.GEZINSHUIS})
# How heavy a living situation is, for "uitstroom uit zwaarder verblijf": a move to a lower
# level is a move out of heavier care. Situations without a level (anders) do not compare.
ZWAARTE = {
    Woonsituatie.THUIS: 0,
    Woonsituatie.ZELFSTANDIG: 0,
    Woonsituatie.NETWERK: 1,
    Woonsituatie.PLEEGZORG: 2,
    Woonsituatie.GEZINSHUIS: 2,
    Woonsituatie.RESIDENTIEEL: 3,
    Woonsituatie.CRISISOPVANG: 3,
    Woonsituatie.GESLOTEN: 4,
}


class Plaatsingsroute(models.TextChoices):
    """Through whom the young person was placed (municipalities ask: via the wijkteam or the GI)."""

    WIJKTEAM = "wijkteam", _("via wijkteam / lokale toegang")
    GI = "gi", _("via gecertificeerde instelling (GI)")
    ZORGAANBIEDER = "zorgaanbieder", _("via zorgaanbieder")
    RECHTER = "rechter", _("via de rechter")
