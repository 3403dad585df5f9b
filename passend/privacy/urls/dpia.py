"""Routes of the privacy lifecycle: dpia. `pages` join /teams/..., `api` join /api/v1/."""

pages: list = []
api: list = []
