"""Hooks for the access-log walk and the tenancy matrix (passend/core/tests)."""

import datetime as dt

from passend.accounts.roles import Role
from passend.analysis.models import AnalyseStap, TijdlijnEpisode


def _episode(casus) -> TijdlijnEpisode:
    return TijdlijnEpisode.objects.create(
        casus=casus,
        provider_name="Jeugd-GGZ kliniek",
        hulpvorm="02",
        start=dt.date(2021, 3, 1),
        end=dt.date(2021, 9, 30),
        outcome="Gestopt: geen klik met de behandelaar.",
    )


def walk_values(tenancy, casus) -> tuple[dict[str, str], set[str]]:
    episode = _episode(casus)
    AnalyseStap.objects.create(
        casus=casus, step=1, text="Gesprek met gezin.", author=tenancy.a.users[Role.TEAMLID]
    )
    slug, pk = tenancy.a.team.slug, casus.pk
    values = {"<int:episode>": str(episode.pk), "<int:episodeId>": str(episode.pk)}
    values["<int:caseId>"] = str(pk)
    case = f"/teams/{slug}/casussen/{pk}/tijdlijn/"
    urls = {
        case,
        f"{case}periodes/nieuw/",
        f"{case}periodes/{episode.pk}/wijzigen/",
        f"{case}periodes/{episode.pk}/verwijderen/",
        f"/api/v1/cases/{pk}/timeline-episodes",
        f"/api/v1/cases/{pk}/timeline-episodes/{episode.pk}",
        f"/api/v1/cases/{pk}/timeline-flags",
        f"/api/v1/cases/{pk}/analysis-steps",
    }
    return values, urls


def other_team_urls(tenancy, casus_b) -> list[tuple[str, str]]:
    episode = _episode(casus_b)
    slug, pk = tenancy.b.team.slug, casus_b.pk
    case = f"/teams/{slug}/casussen/{pk}/tijdlijn/"
    api = f"/api/v1/cases/{pk}"
    return [
        ("get", case),
        ("post", case),
        ("get", f"{case}periodes/nieuw/"),
        ("post", f"{case}periodes/nieuw/"),
        ("get", f"{case}periodes/{episode.pk}/wijzigen/"),
        ("post", f"{case}periodes/{episode.pk}/wijzigen/"),
        ("get", f"{case}periodes/{episode.pk}/verwijderen/"),
        ("post", f"{case}periodes/{episode.pk}/verwijderen/"),
        ("get", f"{api}/timeline-episodes"),
        ("post-json", f"{api}/timeline-episodes"),
        ("get", f"{api}/timeline-episodes/{episode.pk}"),
        ("patch", f"{api}/timeline-episodes/{episode.pk}"),
        ("delete", f"{api}/timeline-episodes/{episode.pk}"),
        ("get", f"{api}/timeline-flags"),
        ("get", f"{api}/analysis-steps"),
        ("post-json", f"{api}/analysis-steps"),
    ]
