"""The generated authorization matrix (matrix.py, world.py) and the expectations of the
project-wide routes (EXPECT below); each module keeps its own in ``tests/authz.py``."""

from .matrix import ALL_ACTORS, PUBLIC, Expect

EXPECT = {
    # Home sends a member to the team (302), or shows the choice of teams (200).
    "home": Expect(read=ALL_ACTORS, scope="account", read_status=frozenset({200, 302})),
    "healthz": Expect(read=ALL_ACTORS, scope=PUBLIC),
    # Ready only with a worker seen recently: 503 in the matrix world, answered to anyone.
    "readyz": Expect(read=ALL_ACTORS, scope=PUBLIC, read_status=frozenset({200, 503})),
    "set_language": Expect(read=ALL_ACTORS, scope=PUBLIC),
    "api:schema-json": Expect(read=ALL_ACTORS, scope=PUBLIC),
    "api:schema-yaml": Expect(read=ALL_ACTORS, scope=PUBLIC),
    "api:docs": Expect(read=ALL_ACTORS, scope=PUBLIC),
}
