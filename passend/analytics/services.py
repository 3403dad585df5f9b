"""Writes of the analytics record."""

from django.utils import timezone

from .models import CasusFeit


def unlink_case(casus, *, now=None) -> int:
    """Cut the link between a case and its fact row (retention, erasure): the row and its
    events stay, unchanged, for the figures; nothing leads back to the case any more."""
    return CasusFeit.objects.filter(casus=casus).update(
        casus=None, unlinked_at=now or timezone.now()
    )
