"""Access-log walk and tenancy matrix hooks for the werkvoorraad."""

WALK_QUERIES = {"/api/v1/work-items": "?teamId={team}"}


def walk_values(tenancy, casus):
    team = tenancy.a.team
    return {}, {f"/teams/{team.slug}/werkvoorraad/", "/api/v1/work-items"}


def other_team_urls(tenancy, casus_b):
    b = tenancy.b.team
    return [("get", f"/teams/{b.slug}/werkvoorraad/"), ("get", f"/api/v1/work-items?teamId={b.pk}")]
