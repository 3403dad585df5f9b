"""Authorization-matrix expectations of regions (see passend/core/tests/authz/matrix.py)."""

from passend.accounts.roles import Cap
from passend.core.tests.authz.matrix import (
    ALL_ACTORS,
    MEMBER_VIEWERS,
    REGION,
    TEAM_MANAGERS,
    VIEW_TEAM,
    Expect,
    may_any,
)

# Code lists: the beheerder manages all lists of the team's region, the coordinator sociale kaart
# the social map's search vocabularies too (regions/codelists/registry.py). The world's list is
# "hulpvragen" and its item a Hulpvraag of the place's region (core/tests/authz/world.py).
CODE_LIST_MANAGERS = may_any(Cap.MANAGE_TEAM, Cap.MANAGE_SOCIAL_MAP)
CODE_LIST = {"lijst": "codelist", "item": "codeitem"}
CODE_LIST_API = {"codeList": "codelist", "itemId": "codeitem"}

EXPECT = {
    "regions:team-home": Expect(read=VIEW_TEAM),
    "regions:team-members": Expect(read=MEMBER_VIEWERS),
    "regions:team-member": Expect(read=MEMBER_VIEWERS),
    "regions:team-member-second-factor-reset": Expect(write=TEAM_MANAGERS),
    "regions:beheer": Expect(read=TEAM_MANAGERS),
    "regions:team-settings": Expect(read=TEAM_MANAGERS, write=TEAM_MANAGERS),
    "regions:codelists": Expect(read=CODE_LIST_MANAGERS),
    "regions:codelist": Expect(read=CODE_LIST_MANAGERS, kinds=CODE_LIST),
    "regions:codelist-add": Expect(
        read=CODE_LIST_MANAGERS, write=CODE_LIST_MANAGERS, kinds=CODE_LIST
    ),
    "regions:codelist-edit": Expect(
        read=CODE_LIST_MANAGERS, write=CODE_LIST_MANAGERS, kinds=CODE_LIST
    ),
    "regions:codelist-active": Expect(write=CODE_LIST_MANAGERS, kinds=CODE_LIST),
    "regions:codelist-delete": Expect(write=CODE_LIST_MANAGERS, kinds=CODE_LIST),
    # Organisations are regional: listed for the regions of one's teams (empty for others).
    "regions:organisations": Expect(read=ALL_ACTORS),
    "regions:organisation": Expect(read=VIEW_TEAM, scope=REGION, kinds={"pk": "provider"}),
    "api:region-list": Expect(read=ALL_ACTORS),
    "api:region-detail": Expect(read=VIEW_TEAM, scope=REGION),
    "api:team-list": Expect(read=ALL_ACTORS),
    "api:team-detail": Expect(read=VIEW_TEAM, write=TEAM_MANAGERS),
    "api:team-member-list": Expect(read=MEMBER_VIEWERS),
    "api:team-member-detail": Expect(read=MEMBER_VIEWERS),
    "api:code-list": Expect(read=CODE_LIST_MANAGERS, write=CODE_LIST_MANAGERS, kinds=CODE_LIST_API),
    "api:code-item": Expect(read=CODE_LIST_MANAGERS, write=CODE_LIST_MANAGERS, kinds=CODE_LIST_API),
    "api:organisation-list": Expect(read=ALL_ACTORS),
    "api:organisation-detail": Expect(read=VIEW_TEAM, scope=REGION),
}
