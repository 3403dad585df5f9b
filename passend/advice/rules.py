"""Pure rules of the advice module: dates (follow-up, short-term solution, reminder) and the
conflict-of-interest flag. No database access; tested in isolation."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

# A reminder for a short-term solution goes out this many days before its end date, and the
# solution stays on the work list this many days after it ended (so nobody misses it).
REMINDER_DAYS_BEFORE = 14
REMINDER_GRACE_DAYS = 7


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later; a day that does not exist in the target month is clamped to the
    month's last day (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def follow_up_due(sent_on: dt.date, months: int) -> dt.date:
    """The follow-up check: the day the advice was sent plus the team's follow-up months."""
    if months < 1:
        raise ValueError("De follow-up ligt minstens één maand na het advies.")
    return add_months(sent_on, months)


def short_term_end(start_on: dt.date, months: int) -> dt.date:
    """Default end of a short-term solution: start plus the team's term (default 3 months)."""
    if months < 1:
        raise ValueError("Een kortetermijnoplossing loopt minstens één maand.")
    return add_months(start_on, months)


def short_term_reminder_on(end_date: dt.date, days_before: int = REMINDER_DAYS_BEFORE) -> dt.date:
    """The day the team is reminded that a short-term solution is about to end."""
    return end_date - dt.timedelta(days=days_before)


def short_term_needs_attention(
    end_date: dt.date | None,
    today: dt.date,
    days_before: int = REMINDER_DAYS_BEFORE,
    grace_days: int = REMINDER_GRACE_DAYS,
) -> bool:
    """On the work list from the reminder day until `grace_days` after the end date."""
    if end_date is None:
        return False
    return (
        short_term_reminder_on(end_date, days_before)
        <= today
        <= end_date + dt.timedelta(days=grace_days)
    )


def reminder_window(
    today: dt.date, days_before: int = REMINDER_DAYS_BEFORE, grace_days: int = REMINDER_GRACE_DAYS
) -> tuple[dt.date, dt.date]:
    """End dates (inclusive) for which `short_term_needs_attention` holds on `today`."""
    return today - dt.timedelta(days=grace_days), today + dt.timedelta(days=days_before)


@dataclass(frozen=True, order=True)
class ConflictFlag:
    """An expert whose own organisation is a candidate provider in the advice."""

    user_id: int
    organisation_id: int


def conflicts(
    experts_with_orgs: Iterable[tuple[int, int | None]], candidate_org_ids: Iterable[int]
) -> list[ConflictFlag]:
    """Belangenverstrengeling: every (expert, organisation) pair where the organisation the
    expert works for in this team is one of the candidate providers. Sorted, no duplicates."""
    candidates = set(candidate_org_ids)
    return sorted(
        {
            ConflictFlag(user_id, org_id)
            for user_id, org_id in experts_with_orgs
            if org_id is not None and org_id in candidates
        }
    )


# Dates an advice or follow-up can have: not before 2000 (Passend did not exist), and not
# more than ten years ahead (a typing error, and beyond any date arithmetic's reach).
EARLIEST_DAY = dt.date(2000, 1, 1)
YEARS_AHEAD = 10


def latest_day(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=365 * YEARS_AHEAD)


def plausible_day(day: dt.date, today: dt.date) -> bool:
    return EARLIEST_DAY <= day <= latest_day(today)


def implausible_day_message(today: dt.date) -> str:
    return _("Kies een datum tussen %(first)s en %(last)s.") % {
        "first": f"{EARLIEST_DAY:%d-%m-%Y}",
        "last": f"{latest_day(today):%d-%m-%Y}",
    }
