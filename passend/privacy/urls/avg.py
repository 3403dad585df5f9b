"""Routes of the privacy lifecycle: avg. `pages` join /teams/..., `api` join /api/v1/."""

pages: list = []
api: list = []
