"""Helpers the advice services share: the stored row, the capability check, the referrer."""

from passend.accounts.permissions import has_capability
from passend.accounts.roles import Cap
from passend.core.refusals import NotAllowed

from .models import Advies


def fresh(advies: Advies) -> Advies:
    """The stored row, locked, with its case as it is now (callers may hold stale copies)."""
    # Not the team row: a lock on it blocks every insert that refers to the team.
    locked = Advies.objects.select_for_update(of=("self", "casus"), no_key=True)
    return locked.select_related("casus__team").get(pk=advies.pk)


def require(actor, capability: Cap, casus, message: str) -> None:
    if actor is None or not has_capability(actor, capability, casus.team):
        raise NotAllowed(message)


def is_referrer(user, casus) -> bool:
    return (
        casus.aanmelder_id is not None
        and casus.aanmelder_id == user.pk
        and has_capability(user, Cap.VIEW_OWN_CASES, casus.team)
    )
