"""Access-log walk and tenancy matrix hooks of the sociale kaart, combined from its parts."""

from . import walk_beheer, walk_io, walk_search

PARTS = (walk_search, walk_beheer, walk_io)
WALK_QUERIES = {k: v for part in PARTS for k, v in getattr(part, "WALK_QUERIES", {}).items()}


def walk_values(tenancy, casus):
    values, expected = {}, set()
    for part in PARTS:
        part_values, part_expected = part.walk_values(tenancy, casus)
        values.update(part_values)
        expected |= part_expected
    return values, expected


def other_team_urls(tenancy, casus_b):
    return [entry for part in PARTS for entry in part.other_team_urls(tenancy, casus_b)]
