"""Authorization-matrix expectations of the sociale kaart (see core/tests/authz/matrix.py).

The map is regional: through the own team's URL a user sees the offers of the region. A
provider (PROVIDERS) keeps only the own organisation's waiting times."""

from passend.core.tests.authz.matrix import MAP_MANAGERS, MAP_READERS, PROVIDERS, REGION, Expect

EXPECT = {
    "socialmap:search": Expect(read=MAP_READERS),
    "socialmap:organisations": Expect(read=MAP_READERS),
    "socialmap:organisation": Expect(read=MAP_READERS),
    "socialmap:offer": Expect(read=MAP_READERS),
    "socialmap:beheer": Expect(read=MAP_MANAGERS),
    "socialmap:beheer-stale": Expect(read=MAP_MANAGERS),
    "socialmap:beheer-remind": Expect(write=MAP_MANAGERS),
    "socialmap:beheer-organisation": Expect(read=MAP_MANAGERS, write=MAP_MANAGERS),
    "socialmap:beheer-location-new": Expect(read=MAP_MANAGERS, write=MAP_MANAGERS),
    "socialmap:beheer-location": Expect(read=MAP_MANAGERS, write=MAP_MANAGERS),
    "socialmap:beheer-offer-new": Expect(read=MAP_MANAGERS, write=MAP_MANAGERS),
    "socialmap:beheer-offer": Expect(read=MAP_MANAGERS, write=MAP_MANAGERS),
    "socialmap:beheer-waiting": Expect(read=MAP_MANAGERS, write=MAP_MANAGERS),
    "socialmap:provider": Expect(read=PROVIDERS),
    "socialmap:provider-offer": Expect(read=PROVIDERS, write=PROVIDERS),
    "socialmap:import": Expect(read=MAP_MANAGERS, write=MAP_MANAGERS),
    "socialmap:import-confirm": Expect(write=MAP_MANAGERS),
    "socialmap:import-template-csv": Expect(read=MAP_READERS),
    "socialmap:import-template-xlsx": Expect(read=MAP_READERS),
    "socialmap:export-csv": Expect(read=MAP_READERS),
    "socialmap:export-xlsx": Expect(read=MAP_READERS),
    "api:socialmap-organisation-list": Expect(read=MAP_READERS, team_query="teamId"),
    "api:socialmap-organisation-detail": Expect(read=MAP_READERS, team_query="teamId"),
    "api:socialmap-offer-list": Expect(read=MAP_READERS, team_query="teamId"),
    "api:socialmap-offer-detail": Expect(read=MAP_READERS, team_query="teamId"),
    # Regional: the offer of another team's provider in the same region is on the map too.
    "api:socialmap-offer-waiting-times": Expect(
        read=MAP_READERS | PROVIDERS,
        write=MAP_MANAGERS | PROVIDERS,
        scope=REGION,
        regional=MAP_READERS | MAP_MANAGERS,
    ),
}
