"""Retention that deletes (spec §2.13): the anonymisation of a case and the daily retention run.

``anonymise_case`` is THE erasure, used by the retention run and by an AVG erasure request.
"""

from django.db import transaction

REASONS = ("retention", "avg")


@transaction.atomic
def anonymise_case(casus, *, reason: str, actor=None, now=None) -> dict[str, int]:
    """Remove every identifying field and all free text of the case; see module docstring.
    Returns counts per kind of record cleared or deleted."""
    if reason not in REASONS:
        raise ValueError(reason)
    raise NotImplementedError
