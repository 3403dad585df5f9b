"""Who a user is in which team: the active memberships, read once per request.

The permission module decides with these and the access log records the roles from them; both
import this module, so neither imports the other for it.
"""


def active_memberships(user) -> list:
    """The user's active memberships, loaded once per request (cached on the user object).
    An inactive membership counts nowhere."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_passend_memberships", None)
    if cached is None:
        cached = list(user.memberships.filter(active=True).select_related("team", "organisation"))
        user._passend_memberships = cached
    return cached
