"""Every write of a case. Views, API and other modules call these; nothing else writes.

``registration``: registering, parents and consent (up to the screening); ``casework``: the
workflow and the team's work on the case itself. Refusals are the ``passend.core.refusals``
family; every service takes its subject positionally and everything else by keyword.
"""

from .casework import (
    ACTIONS_HAND_OVER,
    ACTIONS_LAPSE,
    CRISIS_MESSAGE,
    assign,
    check_may_close,
    check_may_move,
    check_may_work_on_case,
    close_case,
    may_move,
    may_work_on_case,
    open_work,
    open_work_problems,
    save_case_direction,
    save_perspective,
    screen,
    transition,
)
from .registration import (
    REFERRER_BY_ORGANISATION,
    check_assignment,
    check_may_edit_registration,
    check_may_register,
    may_edit_registration,
    new_draft,
    rebuild_name_index,
    record_consent,
    refresh_identity,
    register,
    save_case,
    save_parents,
    submit_registration,
    withdraw_consent,
)

__all__ = [
    "ACTIONS_HAND_OVER",
    "ACTIONS_LAPSE",
    "CRISIS_MESSAGE",
    "REFERRER_BY_ORGANISATION",
    "assign",
    "check_assignment",
    "check_may_close",
    "check_may_edit_registration",
    "check_may_move",
    "check_may_register",
    "check_may_work_on_case",
    "close_case",
    "may_edit_registration",
    "may_move",
    "may_work_on_case",
    "new_draft",
    "open_work",
    "open_work_problems",
    "rebuild_name_index",
    "record_consent",
    "refresh_identity",
    "register",
    "save_case",
    "save_case_direction",
    "save_parents",
    "save_perspective",
    "screen",
    "submit_registration",
    "transition",
    "withdraw_consent",
]
