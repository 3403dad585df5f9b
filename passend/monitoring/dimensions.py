"""The fields of the analytics record that monitoring can filter and group on.

One registry for the basisset, the region's own indicators, the dashboard's filters, the API's
``groupBy`` and filter parameters and the exports. A dimension is one of three kinds:

* ``column``: a single-valued column of the case fact (each case in exactly one group, so the
  groups add up to the total: suppression treats the row of groups as additive);
* ``code``: a multi-valued code of the case fact (reasons, problem types, life domains): a case
  can be in several groups, so the groups do not add up;
* ``event``: the code of an event (the participation of a discussion, the level of an
  escalation …), for the indicators that count events.

Values have an API spelling (a code, a CBS code, ``true``/``false``) and a database value (the
same code, or a primary key). Labels come from the code lists in the active language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from passend.advice.codes import AdviesStatus, ImplementationStatus
from passend.analytics.models import AgeGroup, EventKind, FeitCode
from passend.analytics.models import Dimension as CodeDimension
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
from passend.meetings.codes import Participation
from passend.procesregie.codes import Level
from passend.regions.codelists.registry import CODE_LISTS
from passend.regions.codelists.selectors import items as code_items
from passend.regions.models import Gemeente, Organisation

COLUMN, CODE, EVENT = "column", "code", "event"


@dataclass(frozen=True)
class Value:
    api: str
    label: str
    db: object


def _enum(choices) -> Callable:
    def values(team, gemeente_ids):
        return [Value(str(c.value), str(c.label), c.value) for c in choices]

    return values


def _gemeenten(team, gemeente_ids):
    return [
        Value(g.cbs_code or str(g.pk), g.name, g.pk)
        for g in Gemeente.objects.filter(pk__in=gemeente_ids).order_by("name")
    ]


def _wijken(team, gemeente_ids):
    return [
        Value(w.code, f"{w.label} ({w.gemeente.name})", w.pk)
        for w in code_items(team, CODE_LISTS["wijken"]).filter(gemeente_id__in=gemeente_ids)
    ]


def _organisations(team, gemeente_ids):
    return [
        Value(str(o.pk), o.name, o.pk)
        for o in Organisation.objects.filter(regions=team.region_id).order_by("name")
    ]


def _code_list(slug: str) -> Callable:
    def values(team, gemeente_ids):
        return [Value(i.code, i.label, i.code) for i in code_items(team, CODE_LISTS[slug])]

    return values


def _yes_no(team, gemeente_ids):
    return [Value("true", str(_("ja")), True), Value("false", str(_("nee")), False)]


def _levels(team, gemeente_ids):
    return [Value(c.value, str(c.label), index) for index, c in enumerate(Level, start=1)]


@dataclass(frozen=True)
class Dim:
    name: str  # API and URL spelling (camelCase)
    label: str
    kind: str
    values_of: Callable
    column: str = ""  # CasusFeit column (kind column)
    code_dimension: str = ""  # FeitCode dimension (kind code)
    event_kind: str = ""  # GebeurtenisFeit kind (kind event)
    event_column: str = "code"

    @property
    def additive(self) -> bool:
        return self.kind == COLUMN

    def values(self, team, gemeente_ids) -> list[Value]:
        return self.values_of(team, gemeente_ids)

    def q(self, db_values, *, team, prefix: str = "") -> Q:
        """`team`'s cases (facts) whose value is one of `db_values`; `prefix` reaches the fact
        from another model ("feit__" from an event). A code is looked up among the team's codes
        (``FeitCode.team``): the database may then read them at once instead of per case."""
        if self.kind == COLUMN:
            return Q(**{f"{prefix}{self.column}__in": list(db_values)})
        if self.kind == CODE:
            ref = OuterRef("feit_id") if prefix else OuterRef("pk")
            return Q(
                Exists(
                    FeitCode.objects.filter(
                        team=team,
                        feit=ref,
                        dimension=self.code_dimension,
                        code__in=list(db_values),
                    )
                )
            )
        raise ValueError("event dimensions filter events, not cases")


DIMENSIONS: dict[str, Dim] = {
    d.name: d
    for d in (
        Dim("gemeente", _("gemeente"), COLUMN, _gemeenten, column="gemeente_id"),
        Dim("wijk", _("wijk / stadsdeel"), COLUMN, _wijken, column="wijk_id"),
        Dim("referrerType", _("soort verwijzer"), COLUMN, _enum(ReferrerType), "referrer_type"),
        Dim(
            "organisation",
            _("aanmeldende organisatie"),
            COLUMN,
            _organisations,
            column="aanmelder_organisation_id",
        ),
        Dim("ageGroup", _("leeftijdsgroep"), COLUMN, _enum(AgeGroup), column="age_group"),
        Dim(
            "problemType",
            _("problematiek"),
            CODE,
            _code_list("problematiek"),
            code_dimension=CodeDimension.SECTOR,
        ),
        Dim(
            "reason",
            _("reden van aanmelding"),
            CODE,
            _code_list("redenen"),
            code_dimension=CodeDimension.REDEN,
        ),
        Dim(
            "lifeDomain",
            _("leefgebied"),
            CODE,
            _code_list("leefgebieden"),
            code_dimension=CodeDimension.LEEFGEBIED,
        ),
        Dim(
            "legalFramework",
            _("juridisch kader"),
            COLUMN,
            _enum(LegalFramework),
            column="legal_framework",
        ),
        Dim("urgency", _("urgentie"), COLUMN, _enum(Urgency), column="urgency"),
        Dim("selfRegistration", _("zelfmelding"), COLUMN, _yes_no, column="self_registration"),
        Dim("state", _("status"), COLUMN, _enum(CaseState), column="state"),
        Dim(
            "screeningOutcome",
            _("uitkomst screening"),
            COLUMN,
            _enum(ScreeningOutcome),
            column="screening_outcome",
        ),
        Dim(
            "consultationType",
            _("consultatie of advies"),
            COLUMN,
            _enum(ConsultationType),
            column="consultation_type",
        ),
        Dim(
            "adviceStatus",
            _("status advies"),
            COLUMN,
            _enum(AdviesStatus),
            column="advice_status",
        ),
        Dim(
            "implementationStatus",
            _("stand van uitvoering"),
            COLUMN,
            _enum(ImplementationStatus),
            column="implementation_status",
        ),
        Dim(
            "closureOutcome",
            _("uitkomst"),
            COLUMN,
            _enum(ClosureOutcome),
            column="closure_outcome",
        ),
        Dim(
            "livingSituation",
            _("woonsituatie bij aanmelding"),
            COLUMN,
            _enum(Woonsituatie),
            column="living_situation",
        ),
        Dim(
            "livingSituationAtClosure",
            _("woonsituatie bij afsluiten"),
            COLUMN,
            _enum(Woonsituatie),
            column="living_situation_at_closure",
        ),
        Dim(
            "placementRoute",
            _("geplaatst via"),
            COLUMN,
            _enum(Plaatsingsroute),
            column="placement_route",
        ),
        Dim(
            "escalationLevel",
            _("hoogste escalatieniveau"),
            COLUMN,
            _levels,
            column="escalation_level",
        ),
        Dim(
            "participation",
            _("deelname jeugdige en ouders"),
            EVENT,
            _enum(Participation),
            event_kind=EventKind.DISCUSSION,
        ),
        Dim(
            "followUpStatus",
            _("uitvoering bij follow-up"),
            EVENT,
            _enum(ImplementationStatus),
            event_kind=EventKind.FOLLOW_UP,
        ),
        Dim(
            "escalatedTo",
            _("geëscaleerd naar"),
            EVENT,
            _enum(Level),
            event_kind=EventKind.ESCALATION,
        ),
        Dim(
            "sentAdviceStatus",
            _("status verstuurd advies"),
            EVENT,
            _enum(AdviesStatus),
            event_kind=EventKind.ADVICE_SENT,
        ),
    )
}

# The dashboard's filters (issue 13 §3), in this order.
DASHBOARD_FILTERS = (
    "gemeente",
    "wijk",
    "referrerType",
    "ageGroup",
    "problemType",
    "legalFramework",
)


def get(name: str) -> Dim:
    return DIMENSIONS[name]


def case_dimensions() -> list[Dim]:
    """What a case-counting indicator can filter and group on."""
    return [d for d in DIMENSIONS.values() if d.kind != EVENT]
