"""The search's hard filters in SQL and the ranking of the candidates that pass them.

The rules are those of `search.py` (weights, waiting bonus, order); this module applies them in
the database so that a regional map of 10,000 offers is not read into Python:

1. one query: the offers of the map that pass the hard filters (need or form of help, age,
   gemeente, with/without stay, voorliggend veld, full text, maximum waiting time), with per
   offer the number of matching hulpvragen and aandachtspunten and the shortest fresh current
   waiting time (from the rows marked ``is_current``, one per offer and location), all counted
   by the database;
2. in Python, over small tuples: the score and the order of `search.rank_key` (score, a fresh
   waiting time first, shortest first, name, id). Sorting 10,000 tuples takes milliseconds;
   the name order (``casefold``) stays exactly that of the rules.

Only the offers of the page asked for are then read in full and explained (`selectors.search`).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from . import fulltext
from . import search as rules
from .models import Aanbod, Aandachtspunt, Hulpvraag
from .search import Criteria
from .waiting import best_fresh_weeks

Hulpvragen = Aanbod.hulpvragen.through
Aandachtspunten = Aanbod.aandachtspunten.through
Gemeenten = Aanbod.gemeenten.through


# One candidate's place in the order, as the tuple that sorts it (`search.rank_key`: higher
# score, a fresh waiting time, a shorter one, the casefolded name, the id; the id is last):
# enough to sort and count, not to show. Plain tuples: a broad query makes thousands.
Ranked = tuple[int, bool, int, str, int]


def ranked_pk(ranked: Ranked) -> int:
    return ranked[-1]


def _count(through, field: str, model, codes) -> Coalesce:
    """Per offer: how many of the codes it has. The codes' ids are a subquery the database
    evaluates once, so each offer costs one probe of the link table's (offer, code) index."""
    matching = (
        through.objects.filter(
            aanbod_id=OuterRef("pk"),
            **{f"{field}_id__in": model.objects.filter(code__in=codes).values("pk")},
        )
        .order_by()
        .values("aanbod_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(matching, output_field=IntegerField()), Value(0))


def filtered(
    offers: QuerySet[Aanbod], criteria: Criteria, today: dt.date, stale_weeks: int
) -> QuerySet[Aanbod]:
    """The hard filters as SQL, annotated with `best_weeks`: the shortest fresh current
    waiting time to the start of help (NULL: none is fresh), which meets a maximum or not."""
    offers = offers.annotate(best_weeks=best_fresh_weeks(OuterRef("pk"), today, stale_weeks))
    if criteria.max_weeks is not None:
        offers = offers.filter(best_weeks__lte=criteria.max_weeks)
    if criteria.looks_for_something:
        looking = Q(pk__in=[])
        if criteria.hulpvragen:
            codes = Hulpvraag.objects.filter(code__in=criteria.hulpvragen).values("pk")
            helps = Hulpvragen.objects.filter(hulpvraag_id__in=codes)
            looking |= Q(pk__in=helps.values("aanbod_id"))
        if criteria.productcategorie:
            looking |= Q(productcategorie=criteria.productcategorie)
        if criteria.hulpvorm:
            looking |= Q(hulpvorm=criteria.hulpvorm)
        offers = offers.filter(looking)
    if criteria.age is not None:
        offers = offers.filter(age_min__lte=criteria.age, age_max__gte=criteria.age)
    if criteria.gemeente is not None:
        works = Gemeenten.objects.filter(gemeente_id=criteria.gemeente)
        offers = offers.filter(pk__in=works.values("aanbod_id"))
    if criteria.with_stay is not None:
        offers = offers.filter(with_stay=criteria.with_stay)
    if criteria.voorliggend_veld:
        offers = offers.filter(voorliggend_veld=True)
    if criteria.text:
        matching = fulltext.matching_offer_ids(criteria.text)
        if matching is not None:
            offers = offers.filter(pk__in=matching)
    return offers


def rank(
    offers: QuerySet[Aanbod], criteria: Criteria, today: dt.date, stale_weeks: int
) -> list[Ranked]:
    """The candidates that pass every hard filter, best first (one query)."""
    candidates = filtered(offers, criteria, today, stale_weeks).annotate(
        helps=_count(Hulpvragen, "hulpvraag", Hulpvraag, criteria.hulpvragen)
        if criteria.hulpvragen
        else Value(0),
        attention=_count(Aandachtspunten, "aandachtspunt", Aandachtspunt, criteria.aandachtspunten)
        if criteria.aandachtspunten
        else Value(0),
    )
    columns = candidates.order_by().values_list(
        "pk", "name", "productcategorie", "hulpvorm", "helps", "attention", "best_weeks"
    )
    # Plain integers and text: read through the cursor, without the ORM's per-row work
    # (half the time of a broad query over 10,000 offers).
    try:
        sql = columns.query.sql_with_params()
    except EmptyResultSet:  # e.g. offers_for() without the capability: .none()
        return []
    with connections[columns.db].cursor() as cursor:
        cursor.execute(*sql)
        rows = cursor.fetchall()
    base = rules.WEIGHT_VOORLIGGEND if criteria.voorliggend_veld else 0  # only those pass
    product, form = criteria.productcategorie, criteria.hulpvorm
    bonus = {weeks: rules.waiting_bonus(weeks) for weeks in {row[-1] for row in rows}}
    ranked = []
    for pk, name, productcategorie, hulpvorm, helps, attention, weeks in rows:
        score = (
            base
            + rules.WEIGHT_HULPVRAAG * helps
            + rules.WEIGHT_AANDACHTSPUNT * attention
            + (rules.WEIGHT_FORM_OF_HELP if product and product == productcategorie else 0)
            + (rules.WEIGHT_FORM_OF_HELP if form and form == hulpvorm else 0)
            + bonus[weeks]
        )
        ranked.append((-score, weeks is None, weeks or 0, name.casefold(), pk))
    ranked.sort()
    return ranked
