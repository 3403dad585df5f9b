"""Walk and tenancy hooks of the sociale kaart (io part); see tests/walk.py.

The import and export pages show no personal data (organisations only), so the walk has
nothing to visit; the tenancy matrix checks that another team's import and export refuse."""


def walk_values(tenancy, casus):
    return {}, set()


def other_team_urls(tenancy, casus_b):
    base = f"/teams/{tenancy.b.team.slug}/sociale-kaart"
    return [
        ("get", f"{base}/import/"),
        ("post", f"{base}/import/"),
        ("post", f"{base}/import/bevestigen/"),
        ("get", f"{base}/import/sjabloon.csv"),
        ("get", f"{base}/import/sjabloon.xlsx"),
        ("get", f"{base}/export.csv"),
        ("get", f"{base}/export.xlsx"),
    ]
