"""Routes of the privacy lifecycle: retention. `pages` join /teams/..., `api` join /api/v1/."""

pages: list = []
api: list = []
