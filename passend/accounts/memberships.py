"""Who a user is in which team: the active memberships, read once per request.

The permission module decides with these and the access log records the roles from them; both
import this module, so neither imports the other for it.

A membership counts when it is active and today lies within its start and (inclusive) end
date: `current_q` is the one definition (also behind ``Membership.objects.current()``).
"""

from django.db.models import Q
from django.utils import timezone


def current_q(day=None, prefix: str = "") -> Q:
    """The condition for a membership that counts on `day` (default today); `prefix` for a
    lookup from another model ("memberships__")."""
    day = day or timezone.localdate()
    return Q(**{f"{prefix}active": True, f"{prefix}start__lte": day}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})
    )


def active_memberships(user) -> list:
    """The user's current memberships, loaded once per request (cached on the user object).
    An inactive, not yet started or ended membership counts nowhere."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_passend_memberships", None)
    if cached is None:
        cached = list(user.memberships.filter(current_q()).select_related("team", "organisation"))
        user._passend_memberships = cached
    return cached
