"""Reads of the analytics record. Monitoring and signalling read cases only through these."""

from passend.accounts.permissions import aggregate_gemeente_ids

from .models import CasusFeit


def visible_facts(user, team):
    """The case facts of `team` that `user` may count: only the granted municipalities."""
    return CasusFeit.objects.filter(team=team, gemeente_id__in=aggregate_gemeente_ids(user, team))
